namespace ServerlessBilling.Tax;

/// <summary>What a close does when a rule applies to the invoice but its table has no rate for the date.</summary>
public enum MissingTaxRate
{
    /// <summary>Stop before numbering, announce it, and resume when a table covering the date is stored.</summary>
    Hold,

    /// <summary>Finalize without the tax, printing the notice on the invoice and reporting it in the close status.</summary>
    Warn,
}
