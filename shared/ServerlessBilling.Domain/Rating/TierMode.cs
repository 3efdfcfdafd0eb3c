namespace ServerlessBilling.Rating;

public enum TierMode
{
    Graduated,
    Volume,
}
