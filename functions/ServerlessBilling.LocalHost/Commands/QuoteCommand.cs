using System.Globalization;
using System.Text.Json;
using ServerlessBilling.Invoicing;
using Spectre.Console.Cli;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>quote --plan plan.json --input usage-sample [--accounts N] [--numbers N] [--zone IANA] [--format table|json] [--json]</c>:
/// a month's invoice (before tax) and margin for a candidate plan, per account and for N accounts.</summary>
/// <remarks>Exit code 0 when every sample line was read and priced, 1 otherwise (the quote is still printed).</remarks>
public sealed class QuoteCommand : Command<QuoteSettings>
{
    public const string TaxNote = "Taxes excluded: amounts are before tax; taxes depend on each account's service address and are added at invoicing.";

    public override int Execute(CommandContext context, QuoteSettings settings, CancellationToken cancellationToken) =>
        Run(settings, Console.Out, Console.Error);

    public static int Run(QuoteSettings settings, TextWriter output, TextWriter errors)
    {
        var input = OfflineInput.From(settings, errors);
        if (input.Calls.Count == 0)
        {
            throw new ArgumentException($"--input: {settings.Input} holds no call that could be read, so there is nothing to quote.");
        }

        var quote = PlanQuoting.Quote(input.Plan, input.Calls, input.Zone, settings.Accounts, settings.Numbers);
        if (settings.Output == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(QuoteReport.Of(input, quote, settings.Numbers), BillingJson.Options));
        }
        else
        {
            WriteText(input, quote, settings.Numbers, output);
        }

        return quote.Unpriced == 0 && input.BadLines.Count == 0 ? 0 : 1;
    }

    private static void WriteText(OfflineInput input, PlanQuote quote, int numbers, TextWriter output)
    {
        var plan = input.Plan;
        output.WriteLine($"Plan '{plan.Name}', period {quote.Invoice.Period} ({input.Zone.Id}), sample of {quote.Calls} calls ({quote.Unpriced} unpriced, {input.BadLines.Count} unreadable lines), {numbers} number(s) per account");
        foreach (var line in quote.Invoice.Lines)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {line.Description,-48} {line.Quantity,10:0.##} {line.Unit,-6} {line.Amount.Amount,12:0.00}"));
        }

        var bundled = quote.Drawdown.Where(d => d.Bundle is not null).ToList();
        if (bundled.Count > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ({bundled.Count} calls drew on bundles: {bundled.Sum(d => d.IncludedSeconds)} s included, {bundled.Sum(d => d.ChargedSeconds)} s charged beyond them)"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              {"Invoice per account (before tax)",-66} {quote.Invoice.Total.Amount,12:0.00} {plan.Currency}
              {"Upstream cost per account (as the vendors reported it)",-66} {quote.UpstreamCost.Amount,12:0.00####}
              {"Margin per account",-66} {quote.MarginPerAccount.Amount,12:0.00}
              {$"Revenue for {quote.Accounts} accounts",-66} {quote.Revenue.Amount,12:0.00}
              {$"Margin for {quote.Accounts} accounts ({quote.Accounts} x {quote.MarginPerAccount.Amount:0.00})",-66} {quote.Margin.Amount,12:0.00}
            {TaxNote}
            """));
    }
}
