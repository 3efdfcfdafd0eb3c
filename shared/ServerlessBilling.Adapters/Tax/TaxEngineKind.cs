namespace ServerlessBilling.Tax;

/// <summary>Which calculator taxes invoices (<c>Tax:Engine</c>).</summary>
public enum TaxEngineKind
{
    /// <summary>The product's own engine over its tax tables (the default): federal and the shipped states, rates as dated, sourced data.</summary>
    BuiltIn,

    /// <summary>Avalara AvaTax for Communications (AFC) REST v2 <c>CalcTaxes</c>: every US jurisdiction the service keeps, down to
    /// counties, cities and special districts, with the credentials in <c>Tax:Avalara</c>.</summary>
    AvalaraCommunications,
}
