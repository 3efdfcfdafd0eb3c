namespace ServerlessBilling.Payments;

public enum LateFeePlacement
{
    /// <summary>A line in the Adjustments section of the account's next invoice.</summary>
    NextInvoice,

    /// <summary>A small final invoice of its own, numbered in the invoice sequence and collected on its own.</summary>
    OwnInvoice,
}
