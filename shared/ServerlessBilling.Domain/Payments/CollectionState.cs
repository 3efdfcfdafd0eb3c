using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Which invoice a collection orchestration collects; plain values so it travels through durable history.</summary>
public sealed record CollectionRequest(string AccountId, string InvoiceId)
{
    /// <summary>The first collection of an invoice; one restarted after a reversal gets <see cref="RestartId"/>.</summary>
    public string CollectionId { get; init; } = $"collect:{InvoiceId}";

    /// <summary>Set on a collection restarted after a reversal: it starts with the first retry, not an immediate charge.</summary>
    public bool AfterReversal { get; init; }

    public static string RestartId(string invoiceId, string reversalEventId) => $"collect:{invoiceId}:after:{reversalEventId}";
}

/// <summary>What the collection orchestration decides from: a snapshot of the receivable, the account and its policy.</summary>
/// <remarks>It travels through durable history, serialized without NodaTime's converters; <see cref="DueAt"/> keeps the name and
/// date-time text it was stored with before it became an instant, so collections in flight replay it.</remarks>
/// <param name="CanCharge">The account is charged automatically and has a payment method on file.</param>
/// <param name="PaymentMethodId">The method on file; a different one after a wake-up means the customer updated it.</param>
/// <param name="NextAttempt">The number the next charge attempt takes (attempts already recorded + 1).</param>
/// <param name="DueAt">When the invoice becomes overdue.</param>
public sealed record CollectionState(
    string InvoiceId,
    string AccountId,
    string Currency,
    decimal BalanceDue,
    decimal Pending,
    bool Settled,
    bool CanCharge,
    string? PaymentMethodId,
    int NextAttempt,
    [property: JsonPropertyName("DueAtUtc"), JsonConverter(typeof(UtcDateTimeInstantConverter))] Instant DueAt,
    bool Suspended,
    DunningPolicy Policy,
    bool ChargeAutomatically = true,
    int LateFeesAssessed = 0)
{
    /// <summary>Nothing is owed any more (paid, or credited), as opposed to settled by a write-off.</summary>
    public bool Paid => Settled && BalanceDue <= 0m;
}

/// <summary>How one charge attempt ended, with the state after it.</summary>
public sealed record ChargeOutcome(ChargeAttemptStatus Status, CollectionState State, string? DeclineCode = null);

public enum ChargeAttemptStatus
{
    Succeeded,
    Processing,
    RequiresAction,
    DeclinedRetryLater,
    DeclinedDoNotRetry,

    /// <summary>No payment method on file, or collection by sending the invoice: nothing was charged.</summary>
    NotChargeable,

    /// <summary>The balance was already paid (or is settling): nothing was charged.</summary>
    NothingDue,
}

/// <summary>A dunning step the orchestration has decided is due; applying it twice has the effect of once.</summary>
/// <param name="Ordinal">Which occurrence (attempt number, late fee number), part of the step's business key.</param>
/// <param name="At">A moment the step announces, e.g. the retry it reminds of (named and written as the date-time it was before, for durable history).</param>
/// <param name="CollectionId">The collection run taking the step; with the kind and ordinal it keys the step's events.</param>
public sealed record DunningStep(string AccountId, string InvoiceId, string CollectionId, DunningStepKind Kind, int Ordinal = 0,
    [property: JsonPropertyName("AtUtc"), JsonConverter(typeof(UtcDateTimeInstantConverter))] Instant? At = null);

public enum DunningStepKind
{
    Overdue,
    RetryScheduled,
    Reminder,
    PaymentMethodRequired,
    LateFee,
    Suspend,
    Reinstate,
    WriteOff,
}
