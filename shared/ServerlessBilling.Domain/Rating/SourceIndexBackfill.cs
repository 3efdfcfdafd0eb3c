using NodaTime;

namespace ServerlessBilling.Rating;

/// <summary>Writes the ledger's index of sources for usage rows recorded before the index was kept, so that reconciliation's scan of a
/// vendor's month (<see cref="IUsageLedger.ListBilledPeriodsAsync"/>) finds the periods rated then.</summary>
/// <remarks>
/// <para>Each row's entry (source, UTC month of the call's start, account, period) is written if absent
/// (<see cref="IUsageLedger.TryIndexSourceAsync"/>); rows of an entry already seen in this call are not written again. The entry is the
/// one recording writes, so the backfill can be repeated and can run while calls are rated.</para>
/// <para>The ledger is read page by page (<see cref="IUsageLedger.ListPageAsync"/>), never whole, and a call reads a bounded number of
/// pages: it answers a cursor, and the next call goes on from there, as <see cref="IdentityBackfill"/> does.</para>
/// </remarks>
public sealed class SourceIndexBackfill(IUsageLedger ledger)
{
    /// <summary>Rows read per ledger page (a table query's largest page).</summary>
    public const int PageSize = 1000;

    /// <summary>Indexes the whole ledger, or one account's rows for a non-null id, in one call (the calls of a resumable run, in turn).</summary>
    public async Task<SourceIndexBackfillSummary> RunAsync(string? accountId, CancellationToken cancellationToken)
    {
        var total = new SourceIndexBackfillSummary(0, 0, 0);
        var request = new SourceIndexBackfillRequest(Pages: IdentityBackfillRequest.MaxPages, AccountId: accountId);
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

    /// <summary>Indexes the rows of at most <see cref="SourceIndexBackfillRequest.Pages"/> ledger pages from the request's cursor.</summary>
    /// <returns>What these pages held, and the cursor to pass next (base64url; null once the last page was read).</returns>
    public async Task<SourceIndexBackfillSummary> RunAsync(SourceIndexBackfillRequest request, CancellationToken cancellationToken)
    {
        int scanned = 0, indexed = 0, present = 0;
        var seen = new HashSet<(string Source, YearMonth Month, BilledPeriod Period)>();
        var token = IdentityBackfillRequest.LedgerToken(request.ContinuationToken);
        for (var pages = 0; pages < request.Pages; pages++)
        {
            var page = await ledger.ListPageAsync(request.AccountId, token, PageSize, cancellationToken);
            foreach (var row in page.Rows)
            {
                scanned++;
                var start = row.Event.StartedAt.InUtc().Date;
                if (!seen.Add((row.Event.Source, new YearMonth(start.Year, start.Month), new BilledPeriod(row.AccountId, row.PeriodKey))))
                {
                    continue;
                }

                if (await ledger.TryIndexSourceAsync(row, cancellationToken))
                {
                    indexed++;
                }
                else
                {
                    present++;
                }
            }

            token = page.ContinuationToken;
            if (token is null)
            {
                break;
            }
        }

        return new SourceIndexBackfillSummary(scanned, indexed, present) { ContinuationToken = IdentityBackfillRequest.Encode(token) };
    }
}
