namespace ServerlessBilling.Rating;

/// <summary>One call of a resumable <see cref="SourceIndexBackfill"/>: where to go on from, and how many ledger pages to read at most.</summary>
/// <param name="ContinuationToken">The cursor the previous call answered (<see cref="SourceIndexBackfillSummary.ContinuationToken"/>), or
/// null to start at the first row.</param>
/// <param name="Pages">Ledger pages of <see cref="SourceIndexBackfill.PageSize"/> rows to read in this call (1 to
/// <see cref="IdentityBackfillRequest.MaxPages"/>).</param>
/// <param name="AccountId">Only this account's rows (every period); null for the whole ledger. A cursor goes on within the scope it was
/// answered for, so the next call names the same account.</param>
/// <remarks>The body and its checks are the identity backfill's (<see cref="IdentityBackfillRequest.Read(ReadOnlySpan{byte})"/>): both
/// read the same ledger pages, and a cursor of one is a cursor of the other.</remarks>
public sealed record SourceIndexBackfillRequest(string? ContinuationToken = null, int Pages = IdentityBackfillRequest.DefaultPages, string? AccountId = null)
{
    /// <summary>Reads the request body: empty, or a JSON object with only <c>continuationToken</c>, <c>pages</c> and <c>accountId</c>;
    /// anything else is invalid naming the field.</summary>
    public static Outcome<SourceIndexBackfillRequest> Read(ReadOnlySpan<byte> body) =>
        IdentityBackfillRequest.Read(body, "The source index backfill request is not valid")
            .Map(r => new SourceIndexBackfillRequest(r.ContinuationToken, r.Pages, r.AccountId));
}
