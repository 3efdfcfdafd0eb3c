using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Accounts;

/// <summary>A phone number held by an account from <see cref="From"/> until, not including, <see cref="Until"/>.</summary>
public sealed record NumberAssignment(string Number, string AccountId, NumberType Type, LocalDate From, LocalDate? Until = null)
{
    /// <summary>The US state the number is used in (its place of primary use), as a two-letter USPS code (<c>CA</c>, <c>DC</c>); null to
    /// take the account's service address state.</summary>
    /// <remarks>
    /// For interconnected VoIP the place of primary use is the service address; for a mobile number it is the customer's residential or
    /// primary business address (Mobile Telecommunications Sourcing Act, 4 U.S.C. 116-126). A number used at another site than the
    /// account's address says so here. It decides where this end of a call is when usage is split into intrastate, interstate and
    /// international minutes, in place of the state the number was issued in; a toll-free number, which has no state of issue, takes it too.
    /// </remarks>
    [System.ComponentModel.Description("The US state the number is used in (place of primary use), as a two-letter USPS code (CA, DC); " +
        "omit to take the account's service address state. Decides where this end of a call is when usage is split into intrastate and interstate minutes.")]
    public string? PrimaryUseState { get; init; }

    public bool HeldOn(LocalDate date) => date >= From && (Until is null || date < Until);

    public bool HeldDuring(BillingPeriod period) => From < period.End && (Until is null || Until > period.Start);

    /// <summary>Whether the two holdings share a day (each runs from its <see cref="From"/> up to, not including, its <see cref="Until"/>).</summary>
    public bool Overlaps(NumberAssignment other) => Holdings.Overlap(From, Until, other.From, other.Until);

    /// <summary>Whether <paramref name="other"/> stops this assignment: another account holding the number on one of its days.</summary>
    public bool IsBlockedBy(NumberAssignment other) => other.Number == Number && other.AccountId != AccountId && Overlaps(other);

    /// <summary>Whether storing this assignment replaces <paramref name="other"/> (the same number, account and first day).</summary>
    public bool Replaces(NumberAssignment other) => (other.Number, other.AccountId, other.From) == (Number, AccountId, From);

    /// <summary>The conflict of this assignment with <paramref name="holder"/>, naming the holder and both sets of dates.</summary>
    public Problem ConflictWith(NumberAssignment holder) => Problem.Conflict(
        $"Number {Number} is held by account '{holder.AccountId}' {Holdings.Dates(holder.From, holder.Until)}; it cannot also be assigned to '{AccountId}' {Holdings.Dates(From, Until)}");

    /// <summary>Days of <paramref name="period"/> on which the number was held (0 to the period's length).</summary>
    public int DaysHeldIn(BillingPeriod period)
    {
        var first = From > period.Start ? From : period.Start;
        var end = Until is { } until && until < period.End ? until : period.End;
        return first < end ? Period.DaysBetween(first, end) : 0;
    }
}
