using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Cycles;

/// <summary>How the daily check for due closes behaves.</summary>
/// <param name="Grace">How long after a period ends its close waits, so late CDR dumps are billed in it.</param>
/// <param name="MaxConcurrentStarts">How many closes are started at once (storage and engine calls in flight).</param>
/// <param name="PageSize">Accounts read per directory page.</param>
public sealed record CycleScheduleOptions(Duration Grace, int MaxConcurrentStarts = 8, int PageSize = 200)
{
    public static readonly CycleScheduleOptions Default = new(Duration.FromHours(24));
}

/// <summary>Starts the durable close of one (account, period); implemented by the hosts over their durable client.</summary>
public interface ICycleOrchestrations
{
    /// <summary>Schedules the close unless an instance with <see cref="CycleRequest.InstanceId"/> exists.</summary>
    /// <returns>True when this call scheduled it.</returns>
    Task<bool> EnsureScheduledAsync(CycleRequest request, CancellationToken cancellationToken);
}

/// <summary>What one check did: accounts read, closes started, accounts with nothing to start, and starts that failed (retried by the next check).</summary>
public sealed record CloseDueSummary(int Accounts, IReadOnlyList<CycleRequest> Started, int AlreadyStarted, int NothingDue)
{
    public IReadOnlyList<FailedStart> Failed { get; init; } = [];

    /// <summary>Accounts not closed on their own, and why (a location billed on its parent's consolidated invoice).</summary>
    public IReadOnlyList<SkippedAccount> Skipped { get; init; } = [];

    /// <summary>Closes started earlier that are held before numbering until a tax table covers their invoice date.</summary>
    public IReadOnlyList<HeldCycleClose> AwaitingTaxData { get; init; } = [];

    /// <summary>Tax rules whose newest rate ends within the freshness horizon.</summary>
    public IReadOnlyList<Tax.ExpiringTaxRule> ExpiringTaxRules { get; init; } = [];
}

/// <summary>An account the check left alone on purpose, and why.</summary>
public sealed record SkippedAccount(string AccountId, string Reason);

/// <summary>A close the check could not start, and why.</summary>
public sealed record FailedStart(CycleRequest Request, string Reason);

/// <summary>Finds every account whose latest period has ended (plus the grace window) and starts its close once;
/// a location billed on its parent's consolidated invoice is skipped with the reason.</summary>
/// <remarks>
/// Each start goes through <see cref="CycleStarts"/>, so the cycle ledger is the gate, and then asks the engine for
/// the deterministic instance id. A ledger row without an instance (a start that crashed in between) is scheduled
/// on the next check, so running the check twice, or on two machines, starts one close per (account, period).
/// </remarks>
public sealed class CycleScheduling(IAccountDirectory accounts, CycleStarts starts, CycleScheduleOptions options)
{
    public async Task<CloseDueSummary> CloseDueAsync(Instant now, ICycleOrchestrations orchestrations, CancellationToken cancellationToken)
    {
        var started = new List<CycleRequest>();
        var failed = new List<FailedStart>();
        var skipped = new List<SkippedAccount>();
        var parents = new Dictionary<string, Account?>(StringComparer.Ordinal);
        int seen = 0, already = 0, nothing = 0;
        string? token = null;
        do
        {
            var page = await accounts.ListAsync(token, options.PageSize, cancellationToken);
            token = page.ContinuationToken;
            seen += page.Accounts.Count;
            var due = new List<CycleRequest>();
            foreach (var account in page.Accounts)
            {
                if (account.ParentAccountId is { } parentId)
                {
                    if (!parents.TryGetValue(parentId, out var parent))
                    {
                        parents[parentId] = parent = await accounts.FindAsync(parentId, cancellationToken);
                    }

                    if (AccountGroups.IsBilledByParent(account, parent))
                    {
                        skipped.Add(new SkippedAccount(account.Id, AccountGroups.BilledByParentProblem(account).Reason));
                        continue;
                    }
                }

                if (DuePeriods.LatestDue(account, now, options.Grace) is { } period)
                {
                    due.Add(new CycleRequest(account.Id, period.Key));
                }
                else
                {
                    nothing++;
                }
            }

            foreach (var (request, outcome, reason) in await StartAllAsync(due, now, orchestrations, cancellationToken))
            {
                switch (outcome)
                {
                    case StartOutcome.Started:
                        started.Add(request);
                        break;
                    case StartOutcome.AlreadyStarted:
                        already++;
                        break;
                    default:
                        failed.Add(new FailedStart(request, reason!));
                        break;
                }
            }
        }
        while (token is not null);

        return new CloseDueSummary(seen, [.. started.OrderBy(r => r.AccountId, StringComparer.Ordinal)], already, nothing)
        {
            Failed = [.. failed.OrderBy(f => f.Request.AccountId, StringComparer.Ordinal)],
            Skipped = [.. skipped.OrderBy(s => s.AccountId, StringComparer.Ordinal)],
        };
    }

    /// <remarks>One account's failure (storage or engine unavailable) must not keep the others from closing, so it is
    /// reported, not thrown; its ledger row, if written, makes the next check schedule it.</remarks>
    private async Task<List<(CycleRequest Request, StartOutcome Outcome, string? Reason)>> StartAllAsync(
        List<CycleRequest> due, Instant now, ICycleOrchestrations orchestrations, CancellationToken cancellationToken)
    {
        var outcomes = new List<(CycleRequest, StartOutcome, string?)>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentStarts, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (request, ct) =>
        {
            var outcome = await StartOneAsync(request, now, orchestrations, ct);
            lock (outcomes)
            {
                outcomes.Add(outcome);
            }
        });
        return outcomes;
    }

    private async Task<(CycleRequest, StartOutcome, string?)> StartOneAsync(
        CycleRequest request, Instant now, ICycleOrchestrations orchestrations, CancellationToken cancellationToken)
    {
        try
        {
            var decision = await starts.DecideAsync(request, now, cancellationToken);
            if (decision.Status == CycleStartStatus.Invalid)
            {
                return (request, StartOutcome.Failed, decision.Problem!.ToString());
            }

            // AlreadyStarted still asks the engine: the ledger row may be from a start that crashed before scheduling.
            return await orchestrations.EnsureScheduledAsync(request, cancellationToken)
                ? (request, StartOutcome.Started, null)
                : (request, StartOutcome.AlreadyStarted, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (request, StartOutcome.Failed, e.Message);
        }
    }

    private enum StartOutcome
    {
        Started,
        AlreadyStarted,
        Failed,
    }
}
