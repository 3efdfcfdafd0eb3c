using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>What is owed on one final invoice and every payment event against it; the truth the collection reads and the invoice's payment history.</summary>
/// <param name="Currency">The invoice's currency: the total, every entry and every fee are in it.</param>
/// <param name="Total">What the invoice asks for, in <paramref name="Currency"/>.</param>
/// <param name="DueAt">When the invoice becomes overdue (its due date in the account's zone plus the policy's allowance).</param>
/// <remarks>Stored as one JSON document per invoice with its amounts as bare numbers (<see cref="ReceivableJsonConverter"/>).
/// An amount in another currency than the invoice's is a bug: <see cref="With"/> and the sums throw on one.</remarks>
[JsonConverter(typeof(ReceivableJsonConverter))]
public sealed record Receivable(
    string InvoiceId,
    string AccountId,
    string Number,
    string Currency,
    Money Total,
    Instant DueAt,
    IReadOnlyList<PaymentEntry> Entries)
{
    public ReceivableStatus Status { get; init; } = ReceivableStatus.Open;

    /// <summary>The first day of the invoice's billing period (account's zone); null on receivables opened before it was kept.</summary>
    public LocalDate? PeriodStart { get; init; }

    /// <summary>The orchestration currently collecting the invoice (a reversal after it ended starts another).</summary>
    public string? CollectionId { get; init; }

    /// <summary>Late fees assessed for paying this invoice late; each is billed on a later invoice or on one of its own.</summary>
    public IReadOnlyList<AssessedFee> Fees { get; init; } = [];

    /// <summary>When this invoice's collection suspended the account (or found it already suspended when its own retries ran
    /// out); cleared once it is paid. While any open invoice of the account has it, the account is not reinstated.</summary>
    public Instant? SuspendedAccountAt { get; init; }

    /// <summary>Set when this invoice bills a late fee on its own (<see cref="Invoicing.Invoice.LateFeeOn"/>): no late fee is charged on a late fee.</summary>
    public string? LateFeeOn { get; init; }

    /// <summary>What the invoice has been settled by: settled charges, offline payments and credit notes, less reversals and any excess
    /// carried forward as credit.</summary>
    public Money Paid => Entries.Aggregate(Money.Zero(Currency), (sum, e) => sum + e.Effect);

    public Money BalanceDue => Total - Paid;

    /// <summary>Charges accepted but not yet settled (ACH); not charged again while they wait.</summary>
    public Money Pending => Entries.Where(e => e is { Kind: PaymentEntryKind.Charge, Status: PaymentEntryStatus.Processing })
        .Aggregate(Money.Zero(Currency), (sum, e) => sum + e.Amount);

    /// <summary>What a new charge would ask for: the balance not already waiting to settle, never below zero.</summary>
    public Money Chargeable => BalanceDue - Pending is { Amount: > 0m } rest ? rest : Money.Zero(Currency);

    public bool IsSettled => Status != ReceivableStatus.Open || (BalanceDue.Amount <= 0m && Pending.Amount == 0m);

    /// <summary>The highest charge attempt recorded; a new attempt takes the next number, so its idempotency key is new.</summary>
    public int LastAttempt => Entries.Where(e => e.Kind == PaymentEntryKind.Charge).Select(e => e.Attempt ?? 0).DefaultIfEmpty(0).Max();

    /// <summary>Adds the entry, or moves an existing one (same id) forward: a settled charge is never set back to processing.</summary>
    /// <exception cref="InvalidOperationException">The entry is in another currency than the invoice.</exception>
    public Receivable With(PaymentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Amount.Currency != Currency)
        {
            throw new InvalidOperationException($"Invoice {InvoiceId} in {Currency} cannot record {entry.Amount}.");
        }

        var existing = Entries.FirstOrDefault(e => e.Id == entry.Id);
        if (existing is null)
        {
            return this with { Entries = [.. Entries, entry] };
        }

        var settles = existing.Status == PaymentEntryStatus.Processing && entry.Status != PaymentEntryStatus.Processing;
        if (settles)
        {
            return this with { Entries = [.. Entries.Select(e => e.Id == entry.Id ? entry with { Attempt = entry.Attempt ?? e.Attempt } : e)] };
        }

        // A webhook may record a charge before its attempt does; the attempt number still counts, so no key is used twice.
        return existing.Attempt is null && entry.Attempt is not null
            ? this with { Entries = [.. Entries.Select(e => e.Id == entry.Id ? e with { Attempt = entry.Attempt } : e)] }
            : this;
    }

    public bool Has(string entryId) => Entries.Any(e => e.Id == entryId);

    public static string ChargeEntryId(string paymentId) => $"charge:{paymentId}";
}
