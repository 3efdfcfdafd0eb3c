using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Rates a batch of normalized events: attribute each to the account holding its number, check it is plausible, price it,
/// record it once.</summary>
/// <remarks>
/// An event with several components is rated as one event per component (<see cref="UsageEvent.ByComponent"/>): each is a
/// separate charge, recorded once under its own <see cref="EventIdentity"/>. A split-off component whose plan has no rate at all for that
/// component is not billed (the plan charges the call by its main component). An event no account holds, that the
/// plan cannot price, or that is outside a plausibility limit is quarantined with its reason; the rest of the batch goes on.
/// Storage failures throw, so the queue message is retried; <see cref="UsageRecording"/> makes a retry bill nothing twice and
/// count each event in the class it had.
/// With <paramref name="expectedCosts"/>, each charge also carries what its vendor's cost plan expects the call to cost.
/// </remarks>
public sealed class UsageRating(
    IAccountDirectory accounts, IPlanCatalog plans, IQuarantine quarantine, UsageRecording recording, PlausibilityPolicy limits, IClock clock,
    ExpectedCosts? expectedCosts = null)
{
    /// <summary>Calls held in quarantine together while a batch is read: a window of calls from unassigned numbers is held a
    /// transaction at a time, not a request a call, and the records waiting in memory stay few.</summary>
    public const int HeldPerWrite = 100;

    private readonly AccountAttribution attribution = new(accounts);

    /// <summary>Rates one queue message; a body that cannot be read is quarantined whole, under a hash of its content.</summary>
    public async Task<RatingSummary> RateMessageAsync(string body, CancellationToken cancellationToken)
    {
        if (RatingMessage.TryParse(body, out var message, out var problem))
        {
            return await RateAsync(message!.Events, message.DeliveryName, cancellationToken);
        }

        await quarantine.PutAsync(new QuarantinedRecord("rating-queue", UnreadableReference(body), problem!, body), cancellationToken);
        return new RatingSummary(0, 0, 1);
    }

    /// <summary>The quarantine reference of a message body that cannot be read: a hash of its content, so a retry of it is the same record.</summary>
    public static string UnreadableReference(string body) => "message-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16];

    /// <param name="delivery">A name the events keep across retries (a message id, a CDR batch); each event's delivery is the name and its
    /// position in <paramref name="events"/>. Null when there is none: a retry then counts what it already billed as duplicates.</param>
    public Task<RatingSummary> RateAsync(IReadOnlyList<UsageEvent> events, string? delivery, CancellationToken cancellationToken) =>
        RateAsync(events.ToAsyncEnumerable(), delivery, cancellationToken);

    /// <summary>Rates events as they are read (a saved CDR window parsed from its blob), so only the calls to be billed are held until
    /// they are recorded together, never the batch as read.</summary>
    /// <param name="events">The events, in the order that gives each its position.</param>
    /// <param name="delivery">As above: each event's delivery is the name and its position in <paramref name="events"/>.</param>
    /// <param name="cancellationToken">Stops the rating; the message is then retried.</param>
    public async Task<RatingSummary> RateAsync(IAsyncEnumerable<UsageEvent> events, string? delivery, CancellationToken cancellationToken)
    {
        var summary = RatingSummary.None;
        var planCache = new Dictionary<string, PricePlan?>(StringComparer.Ordinal);
        var priced = new List<PricedCall>();
        var held = new List<QuarantinedRecord>();
        var position = 0;
        using (TelemetryNames.Source.StartActivity(TelemetryNames.Steps.ReadAndPrice))
        {
            await foreach (var read in events.WithCancellation(cancellationToken))
            {
                var name = delivery is null ? null : $"{delivery}#{position}";
                position++;
                foreach (var usage in read.ByComponent())
                {
                    var price = await PriceOneAsync(usage, acceptLimits: false, planCache, cancellationToken);
                    if (price is { Account: { } account, Charge: { } charge })
                    {
                        priced.Add(new PricedCall(account, usage, charge, name));
                        continue;
                    }

                    if (price.Problem is { } problem)
                    {
                        var raw = JsonSerializer.Serialize(usage, BillingJson.Options);
                        var kind = price.Outcome == EventOutcome.Held ? QuarantineKind.Limit : QuarantineKind.Problem;
                        held.Add(new QuarantinedRecord(usage.Source, usage.EventId, problem, raw, kind));
                        if (held.Count == HeldPerWrite)
                        {
                            await quarantine.PutAllAsync(held, cancellationToken);
                            held.Clear();
                        }
                    }

                    summary = summary.Plus(RatingSummary.Of(price.Outcome));
                }
            }

            if (held.Count > 0)
            {
                await quarantine.PutAllAsync(held, cancellationToken);
            }
        }

        // The billed calls are recorded together, so their claims and rows are written in batches.
        foreach (var outcome in await recording.RecordAllAsync(priced, cancellationToken))
        {
            summary = summary.Plus(RatingSummary.Of(outcome));
        }

        return summary;
    }

    public Task<RatingSummary> RateAsync(IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken) => RateAsync(events, null, cancellationToken);

    /// <summary>Rates again the events of <paramref name="source"/> waiting in quarantine (after a number was assigned or a plan fixed).</summary>
    /// <remarks>Billed ones leave quarantine; the rest stay with their new reason. Records that are not events (a malformed
    /// CDR line, an unreadable message) cannot be replayed here: fix the file and drop it again. Conflicts wait for a person
    /// (<see cref="QuarantineResolution"/>), and calls held for a limit are checked against it again unless a person accepted them.</remarks>
    public Task<ReplaySummary> ReplayAsync(string source, CancellationToken cancellationToken) => ReplayAsync(source, null, cancellationToken);

    /// <inheritdoc cref="ReplayAsync(string, CancellationToken)"/>
    /// <param name="source">The quarantine source to replay.</param>
    /// <param name="releasing">Called for each record that rated without a problem, after it was billed and before it leaves quarantine, so
    /// what it does is done again if the replay stops before the record is removed (see <see cref="ReplayOneAsync(QuarantinedRecord, bool, ReleasingRecord?, CancellationToken)"/>).</param>
    /// <param name="cancellationToken">Stops the replay between records.</param>
    public Task<ReplaySummary> ReplayAsync(string source, ReleasingRecord? releasing, CancellationToken cancellationToken) =>
        ReplayAsync(source, null, releasing, cancellationToken);

    /// <inheritdoc cref="ReplayAsync(string, ReleasingRecord?, CancellationToken)"/>
    /// <param name="source">The quarantine source to replay.</param>
    /// <param name="references">Only these records (by reference, as the quarantine list shows them), so fixing one account's plan or
    /// number replays that account's calls and nobody else's; a reference not in quarantine is skipped. Null replays the whole source.</param>
    /// <param name="releasing">As above.</param>
    /// <param name="cancellationToken">Stops the replay between records.</param>
    public async Task<ReplaySummary> ReplayAsync(
        string source, IReadOnlySet<string>? references, ReleasingRecord? releasing, CancellationToken cancellationToken)
    {
        int billed = 0, still = 0, notEvents = 0, conflicts = 0;
        var planCache = new Dictionary<string, PricePlan?>(StringComparer.Ordinal);
        foreach (var record in await quarantine.ListAsync(source, cancellationToken))
        {
            if (references is not null && !references.Contains(record.Reference))
            {
                continue;
            }

            if (record.Kind == QuarantineKind.Closed)
            {
                continue; // settled by a decision about another version of the call
            }

            if (record.Kind == QuarantineKind.Conflict)
            {
                conflicts++;
                continue;
            }

            switch (await ReplayOneAsync(record, acceptLimits: false, releasing, planCache, cancellationToken))
            {
                case null:
                    notEvents++;
                    break;
                case EventOutcome.Recorded or EventOutcome.Duplicate or EventOutcome.NotCharged:
                    billed++;
                    break;
                case EventOutcome.Conflict:
                    conflicts++; // left quarantine as a problem, waits as a conflict
                    break;
                default:
                    still++;
                    break;
            }
        }

        return new ReplaySummary(billed, still, notEvents, conflicts);
    }

    /// <summary>Rates one quarantined record again; it leaves quarantine unless it is still held, then with its new reason.</summary>
    /// <param name="acceptLimits">A person accepted the call: rate it whatever plausibility limit it breaks.</param>
    /// <returns>What became of it, or null when the record is not an event.</returns>
    public Task<EventOutcome?> ReplayOneAsync(QuarantinedRecord record, bool acceptLimits, CancellationToken cancellationToken) =>
        ReplayOneAsync(record, acceptLimits, null, cancellationToken);

    /// <inheritdoc cref="ReplayOneAsync(QuarantinedRecord, bool, CancellationToken)"/>
    /// <param name="record">The quarantined record.</param>
    /// <param name="acceptLimits">A person accepted the call: rate it whatever plausibility limit it breaks.</param>
    /// <param name="releasing">Called once the record rated without a problem and before it is removed: a replay stopped between the two
    /// finds the record again, rates it as its own duplicate, and calls this again with the same record (so a count it makes must be
    /// keyed by the record to be made once).</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    public async Task<EventOutcome?> ReplayOneAsync(QuarantinedRecord record, bool acceptLimits, ReleasingRecord? releasing, CancellationToken cancellationToken) =>
        await ReplayOneAsync(record, acceptLimits, releasing, new Dictionary<string, PricePlan?>(StringComparer.Ordinal), cancellationToken);

    private async Task<EventOutcome?> ReplayOneAsync(
        QuarantinedRecord record, bool acceptLimits, ReleasingRecord? releasing, Dictionary<string, PricePlan?> planCache, CancellationToken cancellationToken)
    {
        var usage = TryReadEvent(record.RawContent);
        if (usage is null)
        {
            return null;
        }

        var (outcome, problem) = await RateOneAsync(usage, null, acceptLimits, planCache, cancellationToken);
        if (problem is null)
        {
            if (releasing is not null)
            {
                await releasing(record, outcome, cancellationToken);
            }

            await quarantine.RemoveAsync(record.Source, record.Reference, cancellationToken);
        }
        else
        {
            var kind = outcome == EventOutcome.Held ? QuarantineKind.Limit : QuarantineKind.Problem;
            await quarantine.PutAsync(record with { Problem = problem, Kind = kind }, cancellationToken);
        }

        return outcome;
    }

    /// <summary>Bills the conflicting delivery in place of the billed version (a person chose it), before the billed version's period closes.</summary>
    /// <returns><see cref="EventOutcome.Recorded"/> when it replaced it; otherwise why it could not be billed (and the billed version stays).</returns>
    public async Task<(EventOutcome Outcome, RecordProblem? Problem)> ReplaceAsync(EventConflict conflict, CancellationToken cancellationToken) =>
        await RateOneAsync(conflict.Delivered, null, acceptLimits: true, new Dictionary<string, PricePlan?>(StringComparer.Ordinal), cancellationToken, conflict.Billed);

    private static UsageEvent? TryReadEvent(string raw)
    {
        try
        {
            return raw.StartsWith('{') ? JsonSerializer.Deserialize<UsageEvent>(raw, BillingJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Prices the delivered version of a conflict for the account it names, without recording it (a person chose it over a
    /// version whose period's invoice is final: <see cref="Invoicing.ClosedPeriodReplacement"/> records it).</summary>
    /// <returns>The account and charge; or, with neither, why it cannot be billed.</returns>
    public async Task<(EventOutcome Outcome, RecordProblem? Problem, Account? Account, Charge? Charge)> PriceAsync(EventConflict conflict, CancellationToken cancellationToken)
    {
        var priced = await PriceOneAsync(conflict.Delivered, acceptLimits: true, new Dictionary<string, PricePlan?>(StringComparer.Ordinal), cancellationToken);
        return (priced.Outcome, priced.Problem, priced.Account, priced.Charge);
    }

    /// <returns>What became of the event; the problem when it goes to quarantine (unattributed, unpriced or held for a limit).</returns>
    private async Task<(EventOutcome Outcome, RecordProblem? Problem)> RateOneAsync(
        UsageEvent usage, string? delivery, bool acceptLimits, Dictionary<string, PricePlan?> planCache, CancellationToken cancellationToken, RatedUsage? replacing = null)
    {
        var priced = await PriceOneAsync(usage, acceptLimits, planCache, cancellationToken);
        if (priced is not { Account: { } account, Charge: { } charge })
        {
            return (priced.Outcome, priced.Problem);
        }

        return replacing is null
            ? (await recording.RecordAsync(account, usage, charge, delivery, cancellationToken), null)
            : (await recording.ReplaceAsync(replacing, account, usage, charge, cancellationToken), null);
    }

    /// <returns>The account and charge when the call is to be billed; otherwise what became of it and why (neither account nor charge).</returns>
    private async Task<Priced> PriceOneAsync(UsageEvent usage, bool acceptLimits, Dictionary<string, PricePlan?> planCache, CancellationToken cancellationToken)
    {
        // Limits come before "no account holds it": a ten-year call names its start ten years back, when no one held the number.
        var attributed = await attribution.AttributeAsync(usage, cancellationToken);
        var account = attributed.Account;
        var callLimits = limits.For(usage.Source, account);
        if (!acceptLimits && callLimits.CheckCall(usage, clock.GetCurrentInstant()) is { } implausible)
        {
            return account is null ? (EventOutcome.Held, implausible) : await HoldAsync(account, usage, implausible, cancellationToken);
        }

        if (account is null)
        {
            return (EventOutcome.Unattributed, attributed.Problem);
        }

        if (!planCache.TryGetValue(account.PlanId, out var plan))
        {
            plan = planCache[account.PlanId] = await plans.FindAsync(account.PlanId, cancellationToken);
        }

        if (plan is null)
        {
            return (EventOutcome.Unpriced, new RecordProblem("planId", $"account '{account.Id}' names plan '{account.PlanId}', which does not exist"));
        }

        if (!Rater.Charges(usage, plan, account.Billing.Zone))
        {
            return (EventOutcome.NotCharged, null); // the plan bills the call by its main component only
        }

        var numberType = NumberClassifier.Classify(usage.To);
        var outcome = Rater.Rate(usage, plan, account.Billing.Zone, numberType);
        if (!outcome.TryGetValue(out var charge))
        {
            return (EventOutcome.Unpriced, outcome.Problem!.Fields[0]);
        }

        if (expectedCosts is not null)
        {
            charge = charge with { ExpectedCost = await expectedCosts.ForAsync(usage, numberType, cancellationToken) };
        }

        if (!acceptLimits && callLimits.CheckCharge(charge) is { } tooDear)
        {
            return await HoldAsync(account, usage, tooDear, cancellationToken);
        }

        return new Priced(EventOutcome.Recorded, null, account, charge);
    }

    /// <summary>A call outside a limit is held, unless it is a delivery of a call already billed (then it is that delivery's duplicate or conflict).</summary>
    private async Task<(EventOutcome Outcome, RecordProblem? Problem)> HoldAsync(Account account, UsageEvent usage, RecordProblem limit, CancellationToken cancellationToken) =>
        await recording.FindBilledAsync(account, usage, cancellationToken) is { } billed ? (billed, null) : (EventOutcome.Held, limit);

    private sealed record Priced(EventOutcome Outcome, RecordProblem? Problem, Account? Account = null, Charge? Charge = null)
    {
        public static implicit operator Priced((EventOutcome Outcome, RecordProblem? Problem) outcome) => new(outcome.Outcome, outcome.Problem);
    }
}
