using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Tax;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>Daily: starts the close of every account period that ended more than the grace window ago (<see cref="CycleScheduling"/>),
/// and reports the closes held for missing tax data and the tax rules about to run out. It also deletes the portal's ended redemption
/// windows, the app's one daily chore that needs no schedule of its own.</summary>
/// <remarks>The schedule is the app setting <c>CycleCloseSchedule</c> (NCRONTAB, UTC), e.g. <c>0 0 6 * * *</c>.</remarks>
public sealed partial class CloseDueCyclesFunction(
    CycleScheduling scheduling, TaxFreshnessLog freshness, RedemptionThrottle redemptions, TimeProvider clock, ILogger<CloseDueCyclesFunction> logger)
{
    public const string Name = "CloseDueCycles";

    [Function(Name)]
    public Task Run(
        [TimerTrigger("%CycleCloseSchedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        CloseDueAsync(client, cancellationToken);

    /// <summary>The function's work, also called by the local host's <c>close-due</c> verb and its periodic check.</summary>
    public Task<CloseDueSummary> CloseDueAsync(DurableTaskClient client, CancellationToken cancellationToken) =>
        CloseDueAsync(client, accountPrefix: null, cancellationToken);

    /// <summary>The function's work for the accounts whose id starts with <paramref name="accountPrefix"/> (null: every account);
    /// the held closes reported are theirs too.</summary>
    public async Task<CloseDueSummary> CloseDueAsync(DurableTaskClient client, string? accountPrefix, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var summary = await scheduling.CloseDueAsync(now, new DurableCycleOrchestrations(client), accountPrefix, cancellationToken);
        LogSummary(logger, summary.Accounts, summary.Started.Count, summary.AlreadyStarted, summary.NothingDue, summary.Skipped.Count);
        foreach (var failure in summary.Failed)
        {
            LogFailedStart(logger, failure.Request.InstanceId, failure.Reason);
        }

        var held = (await new HeldCycleCloses(client).ListAsync(cancellationToken))
            .Where(h => accountPrefix is null || h.InstanceId.StartsWith("cycle:" + accountPrefix, StringComparison.Ordinal)) // CycleRequest.InstanceId
            .ToList();
        foreach (var close in held)
        {
            foreach (var missing in close.Hold.Missing)
            {
                LogHeld(logger, close.InstanceId, missing.RuleKey, missing.Table, missing.Date, missing.Location ?? "the account");
            }
        }

        var expiring = await freshness.CheckAsync(cancellationToken);

        // A whole check (not a test's slice of the accounts): windows of clients that never came back would otherwise stay for good.
        if (accountPrefix is null)
        {
            LogForgotten(logger, await redemptions.ForgetEndedAsync(now, cancellationToken));
        }

        return summary with { AwaitingTaxData = held, ExpiringTaxRules = expiring };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Due closes: {Accounts} accounts, {Started} started, {AlreadyStarted} already started, {NothingDue} with nothing due, {Skipped} billed by their parent")]
    private static partial void LogSummary(ILogger logger, int accounts, int started, int alreadyStarted, int nothingDue, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Close {InstanceId} is held before numbering: rule {RuleKey} of tax table {Table} has no rate on {Date} for {Location}; storing a table that covers the date resumes it")]
    private static partial void LogHeld(ILogger logger, string instanceId, string ruleKey, string? table, string? date, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Windows} ended portal redemption windows")]
    private static partial void LogForgotten(ILogger logger, int windows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Close {InstanceId} could not start (the next check tries again): {Reason}")]
    private static partial void LogFailedStart(ILogger logger, string instanceId, string reason);
}
