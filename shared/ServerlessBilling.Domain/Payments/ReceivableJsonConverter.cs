using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Writes a <see cref="Receivable"/> as it was stored when its amounts were bare decimals, and reads such a document
/// back: <c>currency</c> once, then <c>total</c>, each entry's and fee's <c>amount</c> as plain numbers in that currency.</summary>
/// <remarks>The totals a receivable computes (<c>paid</c>, <c>balanceDue</c>, <c>pending</c>, <c>chargeable</c>, <c>isSettled</c>,
/// <c>lastAttempt</c>, each entry's <c>effect</c>) are written for readers of the stored row and ignored when read. Amounts keep
/// the scale they were computed with (<c>100.50</c> stays <c>100.50</c>), so a stored document is rewritten byte for byte.</remarks>
public sealed class ReceivableJsonConverter : JsonConverter<Receivable>
{
    public override Receivable? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<ReceivableDocument>(ref reader, options)?.ToReceivable();

    public override void Write(Utf8JsonWriter writer, Receivable value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, ReceivableDocument.Of(value), options);

    /// <summary>The stored shape, property for property in the order the decimal record wrote them.</summary>
    private sealed record ReceivableDocument(
        string InvoiceId,
        string AccountId,
        string Number,
        string Currency,
        decimal Total,
        Instant DueAt,
        IReadOnlyList<PaymentEntryDocument> Entries)
    {
        public ReceivableStatus Status { get; init; } = ReceivableStatus.Open;

        public LocalDate? PeriodStart { get; init; }

        public string? CollectionId { get; init; }

        public IReadOnlyList<AssessedFeeDocument> Fees { get; init; } = [];

        public Instant? SuspendedAccountAt { get; init; }

        public string? LateFeeOn { get; init; }

        public decimal Paid { get; init; }

        public decimal BalanceDue { get; init; }

        public decimal Pending { get; init; }

        public decimal Chargeable { get; init; }

        public bool IsSettled { get; init; }

        public int LastAttempt { get; init; }

        public static ReceivableDocument Of(Receivable receivable) =>
            new(receivable.InvoiceId, receivable.AccountId, receivable.Number, receivable.Currency, receivable.Total.Amount, receivable.DueAt,
                [.. receivable.Entries.Select(PaymentEntryDocument.Of)])
            {
                Status = receivable.Status,
                PeriodStart = receivable.PeriodStart,
                CollectionId = receivable.CollectionId,
                Fees = [.. receivable.Fees.Select(AssessedFeeDocument.Of)],
                SuspendedAccountAt = receivable.SuspendedAccountAt,
                LateFeeOn = receivable.LateFeeOn,
                Paid = receivable.Paid.Amount,
                BalanceDue = receivable.BalanceDue.Amount,
                Pending = receivable.Pending.Amount,
                Chargeable = receivable.Chargeable.Amount,
                IsSettled = receivable.IsSettled,
                LastAttempt = receivable.LastAttempt,
            };

        public Receivable ToReceivable() =>
            new(InvoiceId, AccountId, Number, Currency, new Money(Total, Currency), DueAt, [.. Entries.Select(e => e.ToEntry(Currency))])
            {
                Status = Status,
                PeriodStart = PeriodStart,
                CollectionId = CollectionId,
                Fees = [.. Fees.Select(f => f.ToFee(Currency))],
                SuspendedAccountAt = SuspendedAccountAt,
                LateFeeOn = LateFeeOn,
            };
    }
}
