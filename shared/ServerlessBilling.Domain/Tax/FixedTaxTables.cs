namespace ServerlessBilling.Tax;

/// <summary>One table for the life of the process, e.g. the tables shipped with the product.</summary>
public sealed class FixedTaxTables(TaxTable table) : ITaxTables
{
    public ValueTask<TaxTable> CurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(table);
}
