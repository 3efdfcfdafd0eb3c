using System.Text.Json;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>A later delivery of a billed event that disagrees with it on what is billed: held in quarantine beside the billed
/// version until a person keeps the billed one or replaces it (<see cref="QuarantineResolution"/>).</summary>
/// <param name="Billed">The version billed (event, account, period, charge).</param>
/// <param name="Delivered">The later delivery, one component as rating sees it.</param>
/// <param name="DeliveredAccountId">The account the later delivery is attributed to.</param>
/// <param name="Differences">The billing fields that differ, by their JSON names (<c>accountId</c>, <c>startedAt</c>, ...).</param>
public sealed record EventConflict(RatedUsage Billed, UsageEvent Delivered, string DeliveredAccountId, IReadOnlyList<string> Differences)
{
    /// <summary>The billing facts compared; <c>upstreamCost</c> only when both deliveries report one (a webhook often has no cost
    /// where the vendor's CDR file has), and nothing else (status text, answer and end times are not billed).</summary>
    public static IReadOnlyList<string> DifferencesBetween(RatedUsage billed, UsageEvent delivered, string deliveredAccountId)
    {
        var first = billed.Event;
        var differences = new List<string>();
        Compare(billed.AccountId == deliveredAccountId, "accountId");
        Compare(first.StartedAt == delivered.StartedAt, "startedAt");
        Compare(first.DurationSeconds == delivered.DurationSeconds, "durationSeconds");
        Compare(first.Answered == delivered.Answered, "answered");
        Compare(first.Direction == delivered.Direction, "direction");
        Compare(first.From == delivered.From, "from");
        Compare(first.To == delivered.To, "to");
        Compare(first.UpstreamCost is null || delivered.UpstreamCost is null || first.UpstreamCost == delivered.UpstreamCost, "upstreamCost");
        return differences;

        void Compare(bool same, string field)
        {
            if (!same)
            {
                differences.Add(field);
            }
        }
    }

    /// <summary>Where the conflict waits: one record per distinct conflicting version, so a vendor's retries of it replace each other.</summary>
    public string Reference
    {
        get
        {
            var version = JsonSerializer.SerializeToUtf8Bytes(new { Delivered, DeliveredAccountId }, BillingJson.Options);
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(version))[..12];
            return $"conflict:{Billed.Event.Identity.EventId}:{Billed.Event.Identity.Component.ToString().ToLowerInvariant()}:{hash}";
        }
    }

    public QuarantinedRecord ToRecord() => new(
        Delivered.Source,
        Reference,
        new RecordProblem(string.Join(",", Differences),
            $"conflicts with the billed delivery of {Billed.Event.Identity} (account '{Billed.AccountId}', period {Billed.PeriodKey}): differs in {string.Join(", ", Differences)}"),
        JsonSerializer.Serialize(this, BillingJson.Options),
        QuarantineKind.Conflict);

    public static EventConflict? TryRead(QuarantinedRecord record) =>
        record.Kind == QuarantineKind.Conflict ? JsonSerializer.Deserialize<EventConflict>(record.RawContent, BillingJson.Options) : null;
}
