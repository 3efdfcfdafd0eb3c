namespace ServerlessBilling.Tax;

/// <summary>Where the tax table in force comes from: fixed in tests and offline tools, read from storage by the app.</summary>
public interface ITaxTables
{
    /// <summary>The validated table to calculate with now; a stored source may return a newer one on a later call.</summary>
    ValueTask<TaxTable> CurrentAsync(CancellationToken cancellationToken);
}

/// <summary>One table for the life of the process, e.g. the tables shipped with the product.</summary>
public sealed class FixedTaxTables(TaxTable table) : ITaxTables
{
    public ValueTask<TaxTable> CurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(table);
}

/// <summary>One tax table document by name (<c>federal</c>, <c>ca</c> ...): a shipped file or a blob an operator uploaded.</summary>
/// <param name="Name">The file name without <c>.json</c>; a stored document replaces the shipped one of the same name.</param>
public sealed record NamedTaxDocument(string Name, ReadOnlyMemory<byte> Content);
