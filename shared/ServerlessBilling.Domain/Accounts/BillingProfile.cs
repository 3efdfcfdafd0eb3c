using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Accounts;

/// <summary>How and when an account is billed.</summary>
/// <param name="TimeZone">IANA zone id; billing periods and time-of-day bands are in this zone.</param>
/// <param name="BillCycleDay">Day of month a period starts (1–28).</param>
/// <param name="Currency">ISO 4217 code the account is invoiced in.</param>
/// <param name="NetTermsDays">Days from issue to due date.</param>
/// <param name="Collection">Whether invoices are charged to the payment method on file or sent for the customer to pay.</param>
public sealed record BillingProfile(
    string TimeZone,
    int BillCycleDay,
    string Currency,
    int NetTermsDays = 30,
    CollectionMethod Collection = CollectionMethod.ChargeAutomatically)
{
    /// <summary>True to print every call of the period on the invoice PDF (date and time in <see cref="TimeZone"/>, from, to,
    /// duration, charged minutes, amount) after its summary per number; unset or false prints the summary only. The usage CSV
    /// and XLSX list every call whatever this says.</summary>
    public bool? ItemizedCalls { get; init; }

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    public BillingPeriod PeriodContaining(Instant instant) =>
        BillingPeriod.Containing(instant.InZone(Zone).Date, BillCycleDay);
}
