using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tax;

/// <summary>Where an account's own numbers are used (their place of primary use), so that its end of a call is placed there rather
/// than where the number was issued, when usage is split into intrastate, interstate and international minutes.</summary>
/// <remarks>
/// A number's state is its assignment's <see cref="NumberAssignment.PrimaryUseState"/>; without one, the account's: the state of its
/// service address (the place of primary use of interconnected VoIP), else of its billing address (the customer's address, which the
/// Mobile Telecommunications Sourcing Act makes the place of primary use of a mobile number). An end that is not one of the account's
/// numbers (the other party), or one of an account with no US address, is placed by <see cref="NumberStates"/> from the block it was
/// issued from. So a toll-free number, which the geocoder cannot place, is placed at its account, and a call between it and a caller in
/// the same state is intrastate instead of staying under the interstate allocation; and a number ported or carried to another state
/// is placed where it is used once its assignment says so. The assignment held on the day of the call (in the account's zone) decides;
/// a number the account no longer holds that day keeps its latest assignment's state.
/// </remarks>
public sealed class PlacesOfPrimaryUse
{
    private readonly ILookup<string, NumberAssignment> byNumber;
    private readonly string? accountState;
    private readonly DateTimeZone zone;

    private PlacesOfPrimaryUse(ILookup<string, NumberAssignment> byNumber, string? accountState, DateTimeZone zone) =>
        (this.byNumber, this.accountState, this.zone) = (byNumber, accountState, zone);

    /// <param name="account">The account taxed (on a consolidated invoice, a location without an address carries its parent's).</param>
    /// <param name="numbers">The numbers the account held.</param>
    public static PlacesOfPrimaryUse For(Account account, IReadOnlyList<NumberAssignment> numbers) =>
        new(numbers.ToLookup(n => n.Number, StringComparer.Ordinal),
            StateOf(account.ServiceAddress) ?? StateOf(account.Contact?.Address), account.Billing.Zone);

    /// <summary>The USPS code of the account's own state of primary use; null when it has no US service or billing address.</summary>
    public string? AccountState => accountState;

    /// <summary>The state <paramref name="number"/> is used in on the day of <paramref name="at"/>; null when it is not one of the
    /// account's numbers, or neither its assignment nor the account names a state.</summary>
    public string? StateOf(string number, Instant at)
    {
        var held = byNumber[number].ToList();
        if (held.Count == 0)
        {
            return null;
        }

        var day = at.InZone(zone).Date;
        var assignment = held.FirstOrDefault(n => n.HeldOn(day)) ?? held.MaxBy(n => n.From)!;
        return assignment.PrimaryUseState ?? accountState;
    }

    /// <summary>Where <paramref name="call"/> ran, with the account's own numbers placed where they are used; null when an end cannot be placed.</summary>
    public UsageJurisdiction? JurisdictionOf(UsageEvent call) =>
        NumberStates.JurisdictionOf(call.From, StateOf(call.From, call.StartedAt), call.To, StateOf(call.To, call.StartedAt));

    private static string? StateOf(PostalAddress? address) =>
        address is { } a && IsUnitedStates(a.Country) ? UspsState(a.Region) : null;

    private static string? StateOf(BillingAddress? address) =>
        address is { } a && IsUnitedStates(a.Country) ? UspsState(a.Region) : null;

    private static bool IsUnitedStates(string? country) =>
        string.Equals(country?.Trim(), "US", StringComparison.OrdinalIgnoreCase) || string.Equals(country?.Trim(), "USA", StringComparison.OrdinalIgnoreCase);

    // Addresses are typed by people: "WA", "wa" and "Washington" all name the state.
    private static string? UspsState(string? region) => region?.Trim() is { Length: > 0 } text
        ? UspsStates.Codes.Contains(text.ToUpperInvariant())
            ? text.ToUpperInvariant()
            : UspsStates.ByName.FirstOrDefault(s => string.Equals(s.Key, text, StringComparison.OrdinalIgnoreCase)).Value
        : null;
}
