using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Accounts;

/// <summary>A reseller's customer: who is billed, on which plan, in which calendar.</summary>
public sealed record Account(string Id, string Name, string PlanId, BillingProfile Billing, PostalAddress? ServiceAddress = null)
{
    /// <summary>First day of service (account's zone): recurring fees of the first period are prorated from it, and one-time fees are billed with it.</summary>
    public LocalDate? ActiveFrom { get; init; }

    /// <summary>First day without service: recurring fees of the last period are prorated up to it.</summary>
    public LocalDate? ActiveUntil { get; init; }

    /// <summary>What taxes need to know beyond the invoice; with no service address the account is not taxed.</summary>
    public AccountTaxProfile? Tax { get; init; }

    /// <summary>The parent account this one is a location of; null for a stand-alone account or a parent.</summary>
    public string? ParentAccountId { get; init; }

    /// <summary>On a parent: whether its child locations share its invoice; unset means <see cref="Accounts.GroupBilling.Individual"/>.</summary>
    public GroupBilling? GroupBilling { get; init; }

    /// <summary>True when this account's child locations are billed on its own invoice.</summary>
    /// <summary>The account's customer and default payment method at the payment gateway; null until a payment method is set.</summary>
    public Payments.PaymentProfile? Payment { get; init; }

    /// <summary>This account's own dunning policy, replacing the reseller's default; null to use the default.</summary>
    public Payments.DunningPolicy? Dunning { get; init; }

    /// <summary>When collections suspended the account for an unpaid invoice; null while in good standing.</summary>
    public Instant? SuspendedAt { get; init; }

    /// <summary>This account's own plausibility limits (a call centre with eight-hour calls), over its source's; null to use those.</summary>
    public Rating.LimitOverrides? Plausibility { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool ConsolidatesChildren => GroupBilling == Accounts.GroupBilling.Consolidated;
}

/// <summary>How a parent account's child locations are invoiced.</summary>
public enum GroupBilling
{
    /// <summary>Each location gets its own invoice, as a stand-alone account would.</summary>
    Individual,

    /// <summary>One invoice for the parent and its locations, with a subtotal per location.</summary>
    Consolidated,
}

/// <summary>An account's tax facts: customer type, reseller certificates, exemptions, and the lines a jurisdiction may count.</summary>
/// <param name="ConcurrentChannels">Outbound channel capacity: how many calls the service can place at once (California, Illinois and
/// Washington count 911 and 988 lines this way). Null when not known: those rules then charge one line per number held and say so
/// in a notice. Zero means the service cannot call out.</param>
/// <param name="Devices">Devices in service (New York City counts VoIP lines this way); null when not known, counted like channels.</param>
public sealed record AccountTaxProfile(
    Tax.CustomerType CustomerType = Tax.CustomerType.Business,
    int? ConcurrentChannels = null,
    int? Devices = null,
    IReadOnlyList<Tax.ResellerCertificate>? ResellerCertificates = null,
    IReadOnlyList<Tax.TaxExemption>? Exemptions = null);

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
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    public BillingPeriod PeriodContaining(Instant instant) =>
        BillingPeriod.Containing(instant.InZone(Zone).Date, BillCycleDay);
}

public enum CollectionMethod
{
    ChargeAutomatically,
    SendInvoice,
}

public sealed record PostalAddress(string Line1, string City, string Region, string PostalCode, string Country, string? Line2 = null);

/// <summary>A phone number held by an account from <see cref="From"/> until, not including, <see cref="Until"/>.</summary>
public sealed record NumberAssignment(string Number, string AccountId, NumberType Type, LocalDate From, LocalDate? Until = null)
{
    public bool HeldOn(LocalDate date) => date >= From && (Until is null || date < Until);

    public bool HeldDuring(BillingPeriod period) => From < period.End && (Until is null || Until > period.Start);

    /// <summary>Whether the two holdings share a day (each runs from its <see cref="From"/> up to, not including, its <see cref="Until"/>).</summary>
    public bool Overlaps(NumberAssignment other) => Holdings.Overlap(From, Until, other.From, other.Until);

    /// <summary>Days of <paramref name="period"/> on which the number was held (0 to the period's length).</summary>
    public int DaysHeldIn(BillingPeriod period)
    {
        var first = From > period.Start ? From : period.Start;
        var end = Until is { } until && until < period.End ? until : period.End;
        return first < end ? Period.DaysBetween(first, end) : 0;
    }
}

public enum NumberType
{
    Local,
    TollFree,
    Mobile,
    Premium,
    Other,
}
