using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Usage;

/// <summary>One call (or call leg) as every source is normalized to, before it is attributed and rated.</summary>
/// <param name="EventId">Stable identity across redeliveries: source + the source's own id, or a hash of a CDR line's identity fields.</param>
/// <param name="Source">Where it came from (<c>twilio</c>, <c>asterisk</c>, ...).</param>
/// <param name="SourceRecordId">The source's own id (CallSid, uniqueid), for support and reconciliation.</param>
/// <param name="StartedAt">When the call started (UTC instant).</param>
/// <param name="DurationSeconds">Connected (answered) seconds as the source reports them, before any rounding increment.</param>
/// <param name="Direction">Inbound to, or outbound from, the customer's number.</param>
/// <param name="From">Calling party, E.164 where the source allows.</param>
/// <param name="To">Called party, E.164 where the source allows.</param>
/// <param name="Component">What was used: telephony minutes, AI voice minutes, transfer minutes.</param>
/// <param name="Answered">False for busy, no-answer, failed and cancelled calls.</param>
/// <param name="UpstreamCost">What the vendor charged the reseller, when the source says; kept beside the price for margin.</param>
/// <param name="AccountId">An account named explicitly by the source (vendor metadata); attribution prefers it to the number.</param>
/// <param name="AgentId">The vendor's agent or assistant id, for attribution by agent.</param>
/// <param name="Attributes">Source fields worth keeping that have no column of their own (vendor status, disposition, ...).</param>
/// <param name="AnsweredAt">When the call was answered (UTC instant), where the source reports it; null for unanswered calls.</param>
/// <param name="EndedAt">When the call ended (UTC instant), where the source reports it.</param>
/// <param name="OtherComponents">Further components of the same call that the source reports apart (the telephony under a Vapi call's AI minutes); each is billed as its own charge.</param>
/// <remarks>
/// <see cref="Component"/>, <see cref="DurationSeconds"/> and <see cref="UpstreamCost"/> are the call's main component. Rating splits an
/// event with <see cref="OtherComponents"/> into one event per component (<see cref="ByComponent"/>), and the ledger keeps each once.
/// </remarks>
public sealed record UsageEvent(
    string EventId,
    string Source,
    string SourceRecordId,
    Instant StartedAt,
    int DurationSeconds,
    CallDirection Direction,
    string From,
    string To,
    UsageComponent Component,
    bool Answered,
    Money? UpstreamCost = null,
    string? AccountId = null,
    string? AgentId = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    Instant? AnsweredAt = null,
    Instant? EndedAt = null,
    IReadOnlyList<ComponentUsage>? OtherComponents = null)
{
    /// <summary>The attribute of a component split off by <see cref="ByComponent"/>: the event id of the call it belongs to.</summary>
    public const string ComponentOfAttribute = "componentOf";

    /// <summary>The attribute naming the vendor account that carried the call (a Twilio AccountSid, a subaccount's own), so a statement of
    /// one of several vendor accounts reconciles against that account's calls only.</summary>
    public const string VendorAccountAttribute = "vendorAccount";

    /// <summary>The vendor account that carried the call (<see cref="VendorAccountAttribute"/>), when the source names it.</summary>
    [JsonIgnore]
    public string? VendorAccount => Attributes?.GetValueOrDefault(VendorAccountAttribute);

    /// <summary>The customer's side of the call: the number that was called for inbound, the caller for outbound.</summary>
    public string CustomerNumber => Direction == CallDirection.Inbound ? To : From;

    /// <summary>The event as rating prices it: the main component under the event's own id, then each other component under
    /// <c>{EventId}-{component}</c> (e.g. <c>vapi-9a1c-telephony</c>), so each is recorded once however often the call arrives.</summary>
    /// <remarks>A split-off component names its call's event id in the attribute <see cref="ComponentOfAttribute"/>; what it is billed
    /// as is its <see cref="Identity"/> (call id and component apart), not the combined id, which is for people reading a ledger.</remarks>
    public IEnumerable<UsageEvent> ByComponent()
    {
        yield return OtherComponents is null ? this : this with { OtherComponents = null };
        foreach (var other in OtherComponents ?? [])
        {
            var attributes = new Dictionary<string, string>(Attributes ?? new Dictionary<string, string>()) { [ComponentOfAttribute] = EventId };
            yield return this with
            {
                EventId = $"{EventId}-{other.Component.ToString().ToLowerInvariant()}",
                Component = other.Component,
                DurationSeconds = Answered ? other.DurationSeconds : 0,
                UpstreamCost = other.UpstreamCost,
                Attributes = attributes,
                OtherComponents = null,
            };
        }
    }

    /// <summary>What this component of the call is billed as, once: its call's event id (for a split-off component, the call it
    /// belongs to) and the component.</summary>
    [JsonIgnore]
    public EventIdentity Identity =>
        new(Attributes is not null && Attributes.TryGetValue(ComponentOfAttribute, out var call) ? call : EventId, Component);

    /// <summary>False for a component split off by <see cref="ByComponent"/>: a plan with no rate at all for it does not bill it.</summary>
    [JsonIgnore]
    public bool IsMainComponent => Attributes?.ContainsKey(ComponentOfAttribute) != true;
}
