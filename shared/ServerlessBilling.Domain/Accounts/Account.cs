using NodaTime;

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

    /// <summary>Who receives and pays the invoices (name, email, phone, billing address, PO number, tax id); part of the profile.</summary>
    public BillingContact? Contact { get; init; }

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

    /// <summary>Suspended while <see cref="SuspendedAt"/> is set, active otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public AccountStatus Status => SuspendedAt is null ? AccountStatus.Active : AccountStatus.Suspended;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool ConsolidatesChildren => GroupBilling == Accounts.GroupBilling.Consolidated;
}
