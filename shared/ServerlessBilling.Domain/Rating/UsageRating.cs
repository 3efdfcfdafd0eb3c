using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServerlessBilling.Accounts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Rates a batch of normalized events: attribute each to the account holding its number, price it, record it once.</summary>
/// <remarks>
/// An event with several components is rated as one event per component (<see cref="UsageEvent.ByComponent"/>): each is a
/// separate charge, recorded once under its own id. A split-off component whose plan has no rate at all for that
/// component is not billed (the plan charges the call by its main component). An event no account holds, or that the
/// plan cannot price, is quarantined with its reason; the rest of the batch goes on. Storage failures throw, so the queue message is retried; recording is insert-if-absent, so
/// a retry does not bill twice.
/// </remarks>
public sealed class UsageRating(IAccountDirectory accounts, IPlanCatalog plans, IUsageLedger ledger, IQuarantine quarantine, LateUsagePlacement placement)
{
    private readonly AccountAttribution attribution = new(accounts);

    /// <summary>Rates one queue message; a body that cannot be read is quarantined whole, under a hash of its content.</summary>
    public async Task<RatingSummary> RateMessageAsync(string body, CancellationToken cancellationToken)
    {
        if (RatingMessage.TryParse(body, out var message, out var problem))
        {
            return await RateAsync(message!.Events, cancellationToken);
        }

        var reference = "message-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16];
        await quarantine.PutAsync(new QuarantinedRecord("rating-queue", reference, problem!, body), cancellationToken);
        return new RatingSummary(0, 0, 1);
    }

    public async Task<RatingSummary> RateAsync(IReadOnlyList<UsageEvent> events, CancellationToken cancellationToken)
    {
        int rated = 0, duplicates = 0, quarantined = 0, unattributed = 0;
        var planCache = new Dictionary<string, PricePlan?>(StringComparer.Ordinal);
        foreach (var usage in events.SelectMany(e => e.ByComponent()))
        {
            var (outcome, problem) = await RateOneAsync(usage, planCache, cancellationToken);
            if (problem is not null)
            {
                quarantined++;
                unattributed += outcome == EventOutcome.Unattributed ? 1 : 0;
                var raw = JsonSerializer.Serialize(usage, BillingJson.Options);
                await quarantine.PutAsync(new QuarantinedRecord(usage.Source, usage.EventId, problem, raw), cancellationToken);
            }
            else if (outcome == EventOutcome.Recorded)
            {
                rated++;
            }
            else if (outcome == EventOutcome.Duplicate)
            {
                duplicates++;
            }
        }

        return new RatingSummary(rated, duplicates, quarantined, unattributed);
    }

    /// <summary>Rates again the events of <paramref name="source"/> waiting in quarantine (after a number was assigned or a plan fixed).</summary>
    /// <remarks>Billed ones leave quarantine; the rest stay with their new reason. Records that are not events (a malformed
    /// CDR line, an unreadable message) cannot be replayed here: fix the file and drop it again.</remarks>
    public async Task<ReplaySummary> ReplayAsync(string source, CancellationToken cancellationToken)
    {
        int billed = 0, still = 0, notEvents = 0;
        var planCache = new Dictionary<string, PricePlan?>(StringComparer.Ordinal);
        foreach (var record in await quarantine.ListAsync(source, cancellationToken))
        {
            var usage = TryReadEvent(record.RawContent);
            if (usage is null)
            {
                notEvents++;
                continue;
            }

            var (_, problem) = await RateOneAsync(usage, planCache, cancellationToken);
            if (problem is null)
            {
                billed++;
                await quarantine.RemoveAsync(source, record.Reference, cancellationToken);
            }
            else
            {
                still++;
                await quarantine.PutAsync(record with { Problem = problem }, cancellationToken);
            }
        }

        return new ReplaySummary(billed, still, notEvents);
    }

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

    /// <returns>What became of the event; the problem when it goes to quarantine (unattributed or unpriced).</returns>
    private async Task<(EventOutcome Outcome, RecordProblem? Problem)> RateOneAsync(UsageEvent usage, Dictionary<string, PricePlan?> planCache, CancellationToken cancellationToken)
    {
        var attributed = await attribution.AttributeAsync(usage, cancellationToken);
        if (attributed.Account is not { } account)
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

        var outcome = Rater.Rate(usage, plan, account.Billing.Zone, NumberClassifier.Classify(usage.To));
        if (!outcome.TryGetValue(out var charge))
        {
            return (EventOutcome.Unpriced, outcome.Problem!.Fields[0]);
        }

        // A period whose close has started is frozen: its late events bill on the next open period.
        var place = await placement.PlaceAsync(account, usage, cancellationToken);
        var recorded = !place.AlreadyRecorded && await ledger.TryRecordAsync(
            new RatedUsage(usage, account.Id, place.Period.Key, charge) { PriorPeriodKey = place.PriorPeriodKey }, cancellationToken);
        return (recorded ? EventOutcome.Recorded : EventOutcome.Duplicate, null);
    }
}

internal enum EventOutcome
{
    Recorded,
    Duplicate,
    NotCharged,
    Unattributed,
    Unpriced,
}
