namespace ServerlessBilling.Tax;

/// <summary>Where tax amounts are rounded to the cent, always half away from zero.</summary>
public enum TaxRounding
{
    /// <summary>Each charge's tax is rounded on its own, one tax line per charge and rule.</summary>
    PerLine,

    /// <summary>A rule's unrounded taxes are summed over the invoice (per Form 499-A category) and rounded once.</summary>
    PerInvoice,

    /// <summary>One tax line per charge, as <see cref="PerLine"/>, adding up per rule to the rounded sum, as <see cref="PerInvoice"/>: the cents
    /// the per-line roundings miss go to the rule's largest line (tax services' document-level rounding).</summary>
    PerDocument,
}
