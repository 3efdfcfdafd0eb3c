using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>One call on a vendor's statement: what the vendor says it carried and charged.</summary>
/// <param name="VendorCallId">The vendor's own call id (a Twilio CallSid, a Retell call_id).</param>
/// <param name="EventId">The usage event id the same call has in our ledger (<c>twilio-{sid}</c>), as the vendor's webhook names it.</param>
/// <param name="Component">The component the vendor charges for (telephony for a carrier, AI voice for an AI engine).</param>
/// <param name="DurationSeconds">The call's connected seconds as the vendor reports them.</param>
/// <param name="Connected">False for a call the vendor lists as failed, busy, unanswered or cancelled.</param>
/// <param name="Charge">What the vendor charged for the call, positive: every component the row covers.</param>
/// <param name="AlsoCovers">The components besides <paramref name="Component"/> the charge covers when we bill them under the same call
/// (Retell's telephony, when Retell carried the call); null or empty for a row of one component.</param>
/// <param name="VendorAccount">The vendor account the statement bills the call to (a Twilio export's <c>Account Sid</c>), when it says.</param>
public sealed record StatementRow(
    string VendorCallId,
    string EventId,
    UsageComponent Component,
    Instant StartedAt,
    int DurationSeconds,
    string Status,
    bool Connected,
    Money Charge,
    IReadOnlyList<UsageComponent>? AlsoCovers = null,
    string? VendorAccount = null)
{
    /// <summary>The identity the call is billed under in our ledger.</summary>
    public EventIdentity Identity => new(EventId, Component);

    /// <summary>The identities of the other components the charge covers, each billed apart under the same call.</summary>
    public IEnumerable<EventIdentity> OtherIdentities => (AlsoCovers ?? []).Select(c => new EventIdentity(EventId, c));
}
