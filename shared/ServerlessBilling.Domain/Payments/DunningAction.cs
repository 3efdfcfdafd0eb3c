using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>What the collection does next; the orchestration carries it out and feeds the result back through <see cref="DunningProgress.After"/>.</summary>
public abstract record DunningAction
{
    private DunningAction()
    {
    }

    public sealed record Charge(int Attempt) : DunningAction;

    public sealed record Apply(DunningStepKind Kind, int Ordinal, Instant? At = null) : DunningAction;

    /// <summary>Sleep until <see cref="Until"/> or until something wakes the collection (a payment, a new payment method); null: only a wake-up.</summary>
    public sealed record Wait(Instant? Until) : DunningAction;

    public sealed record Finish : DunningAction;
}
