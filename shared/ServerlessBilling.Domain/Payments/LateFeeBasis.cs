namespace ServerlessBilling.Payments;

public enum LateFeeBasis
{
    Flat,
    PercentOfBalance,
}
