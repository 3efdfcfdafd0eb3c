using System.Collections.Concurrent;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Cycles;

/// <summary>Finds every account whose latest period has ended (plus the grace window) and starts its close once;
/// a location billed on its parent's consolidated invoice is skipped with the reason.</summary>
/// <remarks>
/// Each start goes through <see cref="CycleStarts"/>, so the cycle ledger is the gate, and then asks the engine for
/// the deterministic instance id. A ledger row without an instance (a start that crashed in between) is scheduled
/// on the next check, so running the check twice, or on two machines, starts one close per (account, period).
/// </remarks>
/// <param name="adjustments">Asked once a check, before its first start, which accounts have adjustments waiting, so the closes of the
/// others do not list theirs; null: every close lists them.</param>
public sealed class CycleScheduling(
    IAccountDirectory accounts, CycleStarts starts, CycleScheduleOptions options, IPlanCatalog? plans = null, IPendingAdjustments? adjustments = null)
{
    /// <summary>Starts the due close of every account.</summary>
    public Task<CloseDueSummary> CloseDueAsync(Instant now, ICycleOrchestrations orchestrations, CancellationToken cancellationToken) =>
        CloseDueAsync(now, orchestrations, accountPrefix: null, cancellationToken);

    /// <summary>Starts the due close of every account whose id starts with <paramref name="accountPrefix"/> (ordinal; null: every
    /// account); the others are neither counted nor started.</summary>
    /// <remarks>The scope lets a check run for one reseller's accounts, and a test see only the accounts it created on a
    /// storage account other tests share. Every page of accounts is still read: the ids are filtered, not queried.</remarks>
    public async Task<CloseDueSummary> CloseDueAsync(Instant now, ICycleOrchestrations orchestrations, string? accountPrefix, CancellationToken cancellationToken)
    {
        var started = new List<CycleRequest>();
        var failed = new List<FailedStart>();
        var skipped = new List<SkippedAccount>();
        var parents = new Dictionary<string, Account?>(StringComparer.Ordinal);
        int seen = 0, already = 0, nothing = 0;
        string? token = null;
        Task<IReadOnlySet<string>?>? unbilled = null;
        do
        {
            var page = await accounts.ListAsync(token, options.PageSize, cancellationToken);
            token = page.ContinuationToken;
            var inScope = page.Accounts.Where(a => accountPrefix is null || a.Id.StartsWith(accountPrefix, StringComparison.Ordinal)).ToList();
            seen += inScope.Count;
            var due = new List<(CycleRequest Request, Account Account)>();
            foreach (var account in inScope)
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
                    due.Add((new CycleRequest(account.Id, period.Key), account));
                }
                else
                {
                    nothing++;
                }
            }

            unbilled ??= due.Count > 0 ? AccountsWithUnbilledAsync(cancellationToken) : null;
            var waiting = unbilled is null ? null : await unbilled;
            foreach (var (request, outcome, reason) in await StartAllAsync(due, waiting, now, orchestrations, cancellationToken))
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
        List<(CycleRequest Request, Account Account)> due, IReadOnlySet<string>? unbilled, Instant now, ICycleOrchestrations orchestrations,
        CancellationToken cancellationToken)
    {
        var outcomes = new List<(CycleRequest, StartOutcome, string?)>();
        var planReads = new ConcurrentDictionary<string, Lazy<Task<PricePlan?>>>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentStarts, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (start, ct) =>
        {
            var plan = await PlanOfAsync(start.Account, planReads, ct);
            var noneWaiting = unbilled is not null && !unbilled.Contains(start.Account.Id);
            var outcome = await StartOneAsync(start.Request, start.Account, plan, noneWaiting, now, orchestrations, ct);
            lock (outcomes)
            {
                outcomes.Add(outcome);
            }
        });
        return outcomes;
    }

    /// <summary>The account's plan, read once a check for all its accounts on it and kept with each start for the close's draft (one
    /// read a plan, not one a close); null when it cannot be read now (the draft reads it then, and fails or not on its own).</summary>
    private async Task<PricePlan?> PlanOfAsync(Account account, ConcurrentDictionary<string, Lazy<Task<PricePlan?>>> reads, CancellationToken cancellationToken)
    {
        if (plans is null)
        {
            return null;
        }

        try
        {
            return await reads.GetOrAdd(account.PlanId, id => new Lazy<Task<PricePlan?>>(() => plans.FindAsync(id, CancellationToken.None))).Value
                .WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The accounts with an adjustment waiting, read once a check before its first start; null when not known (every close then
    /// lists its own).</summary>
    /// <remarks>Why a close may skip the list of an account not in the set: the set is read before the start is recorded, and the close
    /// drafts after that, so an adjustment it misses was stored after the read began. Such an adjustment stays unbilled (only a close
    /// that listed it marks it billed, on the invoice it was listed for), so the account is in the set the next check reads, and its next
    /// close lists and bills it: on this invoice or the next, never lost, and never twice (marking it billed is guarded per row). It is
    /// the rule the account and plan read with the start follow: a change stored between the check and the draft applies from the next
    /// period, as one stored after the close would.</remarks>
    private async Task<IReadOnlySet<string>?> AccountsWithUnbilledAsync(CancellationToken cancellationToken)
    {
        if (adjustments is null)
        {
            return null;
        }

        try
        {
            return await adjustments.ListAccountsWithUnbilledAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null; // each close lists its own, as before
        }
    }

    private async Task<(CycleRequest, StartOutcome, string?)> StartOneAsync(
        CycleRequest request, Account listed, PricePlan? plan, bool noUnbilledAdjustments, Instant now, ICycleOrchestrations orchestrations,
        CancellationToken cancellationToken)
    {
        try
        {
            // The account as listed a moment ago: read again, it would be one more request per close for the same row.
            var decision = await starts.DecideAsync(request, now, cancellationToken, listed, plan, noUnbilledAdjustments);
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
