namespace ServerlessBilling.Tax;

/// <summary>Calculates the taxes of one invoice. The cycle close depends on this, not on where the rates come from.</summary>
/// <remarks>
/// <see cref="TableTaxCalculator"/> calculates from the product's own tax tables. A commercial telecom tax
/// service (AvaTax for Communications, SureTax, CereTax) fits behind the same interface: map
/// <see cref="TaxableItem.Category"/> to the service's product codes, the service addresses to its location
/// input, <see cref="TaxRequest.Lines"/> to its line counts, the certificates and exemptions to its exemption
/// input, and each returned tax to a <see cref="TaxLine"/>. Such an adapter performs I/O, so it belongs with the
/// other adapters outside the domain, with its own settings and credentials.
/// </remarks>
public interface ITaxCalculator
{
    ValueTask<TaxResult> CalculateAsync(TaxRequest request, CancellationToken cancellationToken);

    /// <summary>True when the calculator taxes intrastate, interstate and international minutes apart, so the invoice's usage lines are
    /// split by where their calls ran (<see cref="UsageJurisdiction"/>, <see cref="TaxableItem.Jurisdiction"/>); false (the default)
    /// leaves each usage line whole and taxed under the provider's interstate allocation, as the built-in engine does.</summary>
    bool SplitsUsageByJurisdiction => false;
}
