namespace ServerlessBilling.ResellerConsole;

/// <summary>Billed price against upstream cost over every account's recent periods, per currency.</summary>
/// <param name="Months">How many periods back each account was read, the current one included.</param>
/// <param name="Accounts">How many accounts were read.</param>
/// <param name="Periods">How many account periods held rated calls.</param>
public sealed record MarginRollUp(int Months, int Accounts, int Periods, IReadOnlyList<CurrencyMargin> Currencies);
