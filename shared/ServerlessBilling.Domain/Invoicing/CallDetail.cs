using NodaTime;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>One call as an invoice's usage detail lists it (the CSV row, the itemized page's line): when it started in its
/// account's zone, what it was charged and how that charge is made up.</summary>
/// <param name="StartedLocal">The start in the zone of the account that made the call, with that zone's offset.</param>
/// <param name="RatePerMinute">The per-minute price of its charged seconds: a bundle's overage price where one applies.</param>
/// <param name="ConnectFee">The rate row's connect fee of a charged connected call; 0 otherwise.</param>
/// <param name="AttemptCharge">The whole amount of a call that never connected (it bills no seconds); 0 for a connected call.</param>
/// <param name="Amount">What the call costs after bundles, at the plan's per-call precision (not rounded to the minor unit).</param>
/// <param name="IncludedSeconds">Billable seconds drawn from a bundle.</param>
/// <param name="ChargedSeconds">Billable seconds charged (<c>IncludedSeconds + ChargedSeconds</c> = the call's billable seconds).</param>
/// <param name="Location">On a consolidated invoice, the location's label as the invoice prints it; else null.</param>
public sealed record CallDetail(
    RatedUsage Usage,
    OffsetDateTime StartedLocal,
    decimal RatePerMinute,
    decimal ConnectFee,
    decimal AttemptCharge,
    decimal Amount,
    int IncludedSeconds,
    int ChargedSeconds,
    string? Location)
{
    /// <summary>The customer's number the call is summarized under: the number called for inbound, the caller for outbound.</summary>
    public string Number => Usage.Event.CustomerNumber;

    /// <summary>True for a call that never connected and was charged for the attempt only.</summary>
    public bool IsAttempt => Usage.Charge.BillableSeconds == 0 && Amount != 0m;
}
