using System.Globalization;

namespace ServerlessBilling.Pdf;

/// <summary>Amounts as an invoice prints them: with the currency's minor units, and with its symbol where a reader needs one.</summary>
internal static class MoneyText
{
    // Symbols the bundled font draws; a currency without one here prints its code after the amount instead.
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["USD"] = "$", ["CAD"] = "CA$", ["AUD"] = "A$", ["NZD"] = "NZ$", ["MXN"] = "MX$", ["BRL"] = "R$",
        ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥",
    };

    /// <summary><c>1,234.50</c>: the amount alone, for columns headed by the currency.</summary>
    public static string Plain(Money money) =>
        money.Amount.ToString("N" + CurrencyInfo.MinorUnits(money.Currency), CultureInfo.InvariantCulture);

    /// <summary><c>$1,234.50</c>, <c>-€3.00</c>, or <c>12.000 KWD</c> for a currency without a symbol.</summary>
    public static string WithSymbol(Money money)
    {
        var digits = Math.Abs(money.Amount).ToString("N" + CurrencyInfo.MinorUnits(money.Currency), CultureInfo.InvariantCulture);
        var sign = money.Amount < 0 ? "-" : "";
        return Symbols.TryGetValue(money.Currency, out var symbol) ? sign + symbol + digits : $"{sign}{digits} {money.Currency}";
    }

    /// <summary>A tax rate as a percentage: <c>0.07</c> → <c>7%</c>, <c>0.3344</c> → <c>33.44%</c>.</summary>
    public static string Percent(decimal rate) =>
        (rate * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
