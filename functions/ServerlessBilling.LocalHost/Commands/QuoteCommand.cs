using System.Globalization;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>quote --plan plan.json --input usage-sample [--accounts N] [--numbers N] [--zone IANA]</c>: a month's invoice and margin for a candidate plan.</summary>
public static class QuoteCommand
{
    public static int Run(CommandOptions options, TextWriter output, TextWriter errors)
    {
        var (plan, zone, calls) = OfflineInput.From(options, errors);
        var accounts = int.Parse(options.Get("--accounts") ?? "1", CultureInfo.InvariantCulture);
        var numbers = int.Parse(options.Get("--numbers") ?? "1", CultureInfo.InvariantCulture);
        var sample = calls.ToList();

        var quote = PlanQuoting.Quote(plan, sample, zone, accounts, numbers);

        output.WriteLine($"Plan '{plan.Name}', period {quote.Invoice.Period}, sample of {quote.Calls} calls ({quote.Unpriced} unpriced), {numbers} number(s) per account");
        foreach (var line in quote.Invoice.Lines)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {line.Description,-48} {line.Quantity,10:0.##} {line.Unit,-6} {line.Amount.Amount,12:0.00}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              {"Invoice per account",-66} {quote.Invoice.Total.Amount,12:0.00} {plan.Currency}
              {"Upstream cost per account (as the vendors reported it)",-66} {quote.UpstreamCost.Amount,12:0.00}
              {"Margin per account",-66} {quote.MarginPerAccount.Amount,12:0.00}
              {$"Revenue for {accounts} accounts",-66} {quote.Revenue.Amount,12:0.00}
              {$"Margin for {accounts} accounts",-66} {quote.Margin.Amount,12:0.00}
            """));
        return quote.Unpriced == 0 ? 0 : 1;
    }
}
