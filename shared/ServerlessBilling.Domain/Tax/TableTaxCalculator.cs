namespace ServerlessBilling.Tax;

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
        var effective = deMinimis is null ? settings : await deMinimis.ApplyAsync(settings, request.InvoiceDate.Year, cancellationToken);
        return TaxEngine.Calculate(await tables.CurrentAsync(cancellationToken), effective, request);
    }
}
