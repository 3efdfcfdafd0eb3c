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
}

/// <summary>The in-product calculator: <see cref="TaxEngine"/> over the <see cref="TaxTable"/> in force with the provider's settings.</summary>
/// <remarks>
/// The table is asked for on every invoice, so a table an operator replaces in storage is used without a restart. With a
/// <see cref="DeMinimisStatus"/>, the provider's de minimis status for the invoice's year replaces <see cref="TaxSettings.DeMinimis"/>.
/// </remarks>
public sealed class TableTaxCalculator(ITaxTables tables, TaxSettings settings, DeMinimisStatus? deMinimis = null) : ITaxCalculator
{
    public TableTaxCalculator(TaxTable table, TaxSettings settings)
        : this(new FixedTaxTables(table), settings)
    {
    }

    public async ValueTask<TaxResult> CalculateAsync(TaxRequest request, CancellationToken cancellationToken)
    {
        var effective = deMinimis is null ? settings : settings with { DeMinimis = await deMinimis.IsDeMinimisAsync(request.InvoiceDate.Year, cancellationToken) };
        return TaxEngine.Calculate(await tables.CurrentAsync(cancellationToken), effective, request);
    }
}
