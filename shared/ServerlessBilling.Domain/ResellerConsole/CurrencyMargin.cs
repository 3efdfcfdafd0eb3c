using ServerlessBilling.Rating;

namespace ServerlessBilling.ResellerConsole;

/// <summary>The roll-up of one currency's accounts (amounts of different currencies are never added).</summary>
/// <param name="ByMonth">One line per month a period starts in, labelled <c>yyyy-MM</c>, oldest first.</param>
/// <param name="ByVendorAndComponent">One line per component and vendor, labelled as the margin report labels them
/// (<c>Telephony via twilio</c>).</param>
/// <param name="LossMaking">The calls that lost the most, worst first, at most <see cref="ConsoleMargins.LossesShown"/>.</param>
public sealed record CurrencyMargin(string Currency, IReadOnlyList<MarginLine> ByMonth, IReadOnlyList<MarginLine> ByVendorAndComponent, IReadOnlyList<AccountLoss> LossMaking);
