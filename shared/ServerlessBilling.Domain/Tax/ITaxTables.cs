namespace ServerlessBilling.Tax;

/// <summary>Where the tax table in force comes from: fixed in tests and offline tools, read from storage by the app.</summary>
public interface ITaxTables
{
    /// <summary>The validated table to calculate with now; a stored source may return a newer one on a later call.</summary>
    ValueTask<TaxTable> CurrentAsync(CancellationToken cancellationToken);
}
