using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>What our records hold for one vendor call: the billed version, a record waiting in quarantine, both or neither.</summary>
/// <param name="Billed">The usage billed under the call's identity (its claim), or null when no customer was billed.</param>
/// <param name="Held">The call's record in quarantine (no account, no price, a limit), or null.</param>
/// <param name="ConflictWaiting">A later delivery of the billed call that differs from it waits for a person.</param>
/// <param name="AlsoBilled">The billed versions of the other components the statement row covers (<see cref="StatementRow.AlsoCovers"/>)
/// that we billed; null or empty when none.</param>
public sealed record CallMatch(RatedUsage? Billed, QuarantinedRecord? Held, bool ConflictWaiting = false, IReadOnlyList<RatedUsage>? AlsoBilled = null)
{
    /// <summary>Every billed component the row's charge covers: the main one first.</summary>
    public IEnumerable<RatedUsage> AllBilled => Billed is null ? [] : [Billed, .. AlsoBilled ?? []];

    public static CallMatch None { get; } = new(null, null);
}
