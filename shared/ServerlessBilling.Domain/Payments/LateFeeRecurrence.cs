namespace ServerlessBilling.Payments;

public enum LateFeeRecurrence
{
    Once,

    /// <summary>Again on the same day of each following month while the invoice stays unpaid, until the cap.</summary>
    Monthly,
}
