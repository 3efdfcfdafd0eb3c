namespace ServerlessBilling.Upstream;

/// <summary>Finds what our records hold for a page of a vendor's calls, by the identity each is billed under.</summary>
public interface IVendorCallLookup
{
    /// <param name="vendor">The usage source the calls arrive as (the quarantine partition their records wait in).</param>
    /// <returns>One match per row, in the rows' order.</returns>
    Task<IReadOnlyList<CallMatch>> MatchAsync(string vendor, IReadOnlyList<StatementRow> rows, CancellationToken cancellationToken);
}
