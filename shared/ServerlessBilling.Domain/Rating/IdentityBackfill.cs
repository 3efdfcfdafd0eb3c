namespace ServerlessBilling.Rating;

/// <summary>Gives every usage row billed before event identities were kept its identity row, so that a later delivery of that call
/// (into its still-open period, with another start, or naming another account) finds it billed.</summary>
/// <remarks>
/// <para>Each row is claimed as <see cref="UsageRecording"/> claims a delivery (insert-if-absent), with the row itself as the billed
/// version and no delivery name. A claim is never overwritten, so the backfill can be repeated and can run while deliveries arrive:
/// a delivery that claims first wrote the claim its row answers to, and the backfill then finds it present.</para>
/// <para>A row whose identity is claimed by another version (another account or period, or other billing facts) is counted as a
/// conflict and listed: either the call was billed twice before the backfill reached it, or a person replaced a version and the old
/// row was not voided. Which stands is a person's decision; the backfill changes neither.</para>
/// <para>The ledger is read page by page (<see cref="IUsageLedger.ListPageAsync"/>), never whole, and a call reads a bounded number of
/// pages: it answers a cursor, and the next call goes on from there. Stopping between calls loses nothing (claims are idempotent).</para>
/// </remarks>
public sealed class IdentityBackfill(IUsageLedger ledger, IEventIdentities identities)
{
    /// <summary>Rows read per ledger page (a table query's largest page).</summary>
    public const int PageSize = 1000;

    /// <summary>How many conflicts a summary lists; the count covers all of them.</summary>
    public const int ListedConflicts = 100;

    /// <summary>Backfills the whole ledger in one call (the calls of a resumable run, in turn).</summary>
    public Task<IdentityBackfillSummary> RunAsync(CancellationToken cancellationToken) => RunAsync(accountId: null, cancellationToken);

    /// <summary>Backfills one account's rows (every period), or the whole ledger for null, in one call.</summary>
    public async Task<IdentityBackfillSummary> RunAsync(string? accountId, CancellationToken cancellationToken)
    {
        var total = new IdentityBackfillSummary(0, 0, 0, 0, []);
        var request = new IdentityBackfillRequest(Pages: IdentityBackfillRequest.MaxPages, AccountId: accountId);
        while (true)
        {
            var part = await RunAsync(request, cancellationToken);
            total = total.Plus(part);
            if (part.ContinuationToken is null)
            {
                return total;
            }

            request = request with { ContinuationToken = part.ContinuationToken };
        }
    }

    /// <summary>Backfills at most <see cref="IdentityBackfillRequest.Pages"/> ledger pages from the request's cursor, so a large ledger is
    /// processed across calls in bounded time.</summary>
    /// <returns>What these pages held, and the cursor to pass next (base64url; null once the last page was read).</returns>
    public async Task<IdentityBackfillSummary> RunAsync(IdentityBackfillRequest request, CancellationToken cancellationToken)
    {
        int scanned = 0, written = 0, present = 0, conflicting = 0;
        var conflicts = new List<IdentityBackfillConflict>();
        var token = IdentityBackfillRequest.LedgerToken(request.ContinuationToken);
        for (var pages = 0; pages < request.Pages; pages++)
        {
            var page = await ledger.ListPageAsync(request.AccountId, token, PageSize, cancellationToken);
            foreach (var row in page.Rows)
            {
                scanned++;
                var claimed = await identities.TryClaimAsync(new IdentityClaim(row, Delivery: null), cancellationToken);
                if (claimed is null)
                {
                    written++;
                    continue;
                }

                var differences = EventConflict.DifferencesBetween(claimed.Billed, row.Event, row.AccountId);
                if (differences.Count == 0 && claimed.Billed.PeriodKey == row.PeriodKey)
                {
                    present++;
                    continue;
                }

                conflicting++;
                if (conflicts.Count < ListedConflicts)
                {
                    conflicts.Add(new IdentityBackfillConflict(
                        row.Event.Identity, row.AccountId, row.PeriodKey, claimed.Billed.AccountId, claimed.Billed.PeriodKey, differences));
                }
            }

            token = page.ContinuationToken;
            if (token is null)
            {
                break;
            }
        }

        return new IdentityBackfillSummary(scanned, written, present, conflicting, conflicts) { ContinuationToken = IdentityBackfillRequest.Encode(token) };
    }
}
