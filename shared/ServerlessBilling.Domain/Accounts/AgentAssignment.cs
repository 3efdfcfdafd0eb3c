using NodaTime;

namespace ServerlessBilling.Accounts;

/// <summary>A vendor's AI agent (Retell <c>agent_id</c>, ElevenLabs <c>agent_id</c>, Vapi <c>assistantId</c>) billed to an account from <see cref="From"/> until, not including, <see cref="Until"/>.</summary>
/// <param name="Vendor">The usage source the agent belongs to (<c>retell</c>, <c>elevenlabs</c>, <c>vapi</c>, <c>events</c>); agent ids are only unique per vendor.</param>
/// <param name="AgentId">The vendor's id, exactly as its webhooks send it.</param>
/// <param name="AccountId">The account its calls are billed to.</param>
/// <param name="From">First day held, in the account's zone.</param>
/// <param name="Until">First day no longer held; null while still held.</param>
/// <remarks>Effective-dated like <see cref="NumberAssignment"/>: an agent moved to another customer bills its earlier calls to the earlier holder.</remarks>
public sealed record AgentAssignment(string Vendor, string AgentId, string AccountId, LocalDate From, LocalDate? Until = null)
{
    public bool HeldOn(LocalDate date) => date >= From && (Until is null || date < Until);

    /// <summary>Whether the two holdings share a day.</summary>
    public bool Overlaps(AgentAssignment other) => Holdings.Overlap(From, Until, other.From, other.Until);

    /// <summary>Whether <paramref name="other"/> stops this assignment: another account holding the agent on one of its days.</summary>
    public bool IsBlockedBy(AgentAssignment other) =>
        (other.Vendor, other.AgentId) == (Vendor, AgentId) && other.AccountId != AccountId && Overlaps(other);

    /// <summary>Whether storing this assignment replaces <paramref name="other"/> (the same vendor, agent, account and first day).</summary>
    public bool Replaces(AgentAssignment other) => (other.Vendor, other.AgentId, other.AccountId, other.From) == (Vendor, AgentId, AccountId, From);

    /// <summary>The conflict of this assignment with <paramref name="holder"/>, naming the holder and both sets of dates.</summary>
    public Problem ConflictWith(AgentAssignment holder) => Problem.Conflict(
        $"Agent {Vendor}/{AgentId} is held by account '{holder.AccountId}' {Holdings.Dates(holder.From, holder.Until)}; it cannot also be assigned to '{AccountId}' {Holdings.Dates(From, Until)}");
}
