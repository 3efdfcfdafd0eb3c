using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Which payments a list holds: one account's or every account's, optionally of one status and within a range of days.</summary>
/// <param name="AccountId">Only this account's payments; null to list across accounts.</param>
/// <param name="Status">Only payments in this status.</param>
/// <param name="From">Only payments made on or after the start of this day (UTC).</param>
/// <param name="To">Only payments made before the end of this day (UTC): the range includes both of its days.</param>
/// <remarks>A payment's day is the day of its <see cref="PaymentEntry.At"/>, which moves when a charge that was processing
/// settles: the list shows it on the day it settled.</remarks>
public sealed record PaymentListFilter(string? AccountId = null, PaymentEntryStatus? Status = null, LocalDate? From = null, LocalDate? To = null)
{
    /// <summary>Whether the payment <paramref name="entry"/> of <paramref name="receivable"/> belongs in the list.</summary>
    public bool Matches(Receivable receivable, PaymentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(receivable);
        ArgumentNullException.ThrowIfNull(entry);
        var day = entry.At.InUtc().Date;
        return (AccountId is null || receivable.AccountId == AccountId)
            && (Status is null || entry.Status == Status)
            && (From is null || day >= From)
            && (To is null || day <= To);
    }

    /// <summary>The filter as a cursor names it.</summary>
    public override string ToString() => $"payments|account={AccountId}|status={Status}|from={From:yyyy-MM-dd}|to={To:yyyy-MM-dd}";
}
