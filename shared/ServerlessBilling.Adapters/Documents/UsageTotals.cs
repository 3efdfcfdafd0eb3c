using System.Globalization;

namespace ServerlessBilling.Documents;

/// <summary>What <see cref="UsageDetailXlsx"/> gathers while it copies the calls: per location and component, per location and
/// customer number, the seconds columns' sums and the invoice's usage total from the CSV's last row.</summary>
internal sealed class UsageTotals
{
    private readonly Dictionary<string, decimal> sums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> locationIndex = new(StringComparer.Ordinal);

    public List<string> Locations { get; } = [];

    public Dictionary<(int Location, string Key), Group> Components { get; } = [];

    public Dictionary<(int Location, string Key), Group> Numbers { get; } = [];

    /// <summary>The invoice's usage lines, as the CSV's <c>total</c> row gives them.</summary>
    public decimal InvoiceAmount { get; private set; }

    public string Currency { get; private set; } = "";

    public decimal Sum(string column) => sums.GetValueOrDefault(column);

    public void Add(IReadOnlyDictionary<string, string> row)
    {
        var location = row["location"];
        if (!locationIndex.TryGetValue(location, out var index))
        {
            index = locationIndex[location] = Locations.Count;
            Locations.Add(location);
        }

        foreach (var column in new[] { "seconds", "billable_seconds", "included_seconds", "charged_seconds" })
        {
            sums[column] = Sum(column) + Parse(row[column]);
        }

        var amount = Parse(row["amount"]);
        var attempt = Parse(row["billable_seconds"]) == 0 && amount != 0 ? 1 : 0;
        var charged = (long)Parse(row["charged_seconds"]);
        // The customer's side of the call, as the invoice's summary per number counts it.
        var number = row["direction"] == "Inbound" ? row["to"] : row["from"];
        Count(Components, (index, row["component"]), attempt, charged, amount);
        Count(Numbers, (index, number), attempt, charged, amount);
        Currency = row["currency"];
    }

    public void Close(decimal invoiceAmount, string currency) => (InvoiceAmount, Currency) = (invoiceAmount, currency);

    private static void Count(Dictionary<(int, string), Group> groups, (int, string) key, int attempt, long charged, decimal amount)
    {
        var group = groups.GetValueOrDefault(key) ?? new Group();
        groups[key] = group with { Calls = group.Calls + 1, Attempts = group.Attempts + attempt, ChargedSeconds = group.ChargedSeconds + charged, Amount = group.Amount + amount };
    }

    private static decimal Parse(string text) => text.Length == 0 ? 0m : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>One summary row: calls (attempts among them), charged seconds and the exact sum of their amounts.</summary>
    public sealed record Group(int Calls = 0, int Attempts = 0, long ChargedSeconds = 0, decimal Amount = 0m);
}
