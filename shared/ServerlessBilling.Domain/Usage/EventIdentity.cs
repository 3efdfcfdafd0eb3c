namespace ServerlessBilling.Usage;

/// <summary>What is billed at most once: one component of one source event, whatever account, time or payload a delivery names.</summary>
/// <param name="EventId">The source's event id (<c>twilio-CA42</c>), the same for every component of the call.</param>
/// <param name="Component">Which component of the call.</param>
/// <remarks>
/// The two parts stay apart: the telephony leg of <c>vapi-9a1c</c> is (<c>vapi-9a1c</c>, telephony), never a string such as
/// <c>vapi-9a1c-telephony</c> that another call's own id could spell. Storage keys are built from the parts with an escaping
/// that keeps them apart too.
/// </remarks>
public readonly record struct EventIdentity(string EventId, UsageComponent Component)
{
    public override string ToString() => $"{EventId} ({Component})";
}
