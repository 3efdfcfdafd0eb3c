using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The summary <c>reconcile</c> and the demo print: the drift against the month before, and each total's findings by cause.</summary>
public class ReconcilePrintTests
{
    [Fact]
    public void Print_MonthWithDriftAndFindingsOfEveryKind_NamesTheDriftAndGroupsTheCausesUnderTheirTotals()
    {
        var byReason = new Dictionary<string, FindingTotal>
        {
            ["Missing"] = new(1, 0.0085m),
            ["Unattributed"] = new(1, 0.017m),
            ["NotOnStatement"] = new(2, 0.095m),
            ["Increment"] = new(1, -0.00765m),
            ["MissingRow"] = new(1, 0.1m),
        };
        var summary = new ReconciliationSummary("twilio", "2026-11", "20261201T000000000", StatementFormat.TwilioCalls, "completed", "USD", 6,
            0.16035m, 0.051m, 0.12m, -0.04035m, -33.63m, 65.00m, -98.63m, true,
            new FindingTotal(2, 0.0255m), new FindingTotal(2, 0.095m), new FindingTotal(2, 0.09235m), byReason);
        using var output = new StringWriter();

        ReconcileCommand.Print(new BillingApiClient.ReconciliationView(summary, [], false), output);

        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            "twilio 2026-11 (completed, run 20261201T000000000): 6 rows",
            "  vendor 0.16035 USD, expected 0.051, billed 0.12, gross margin -0.04035 (-33.63%)",
            "  drift since last month -98.63 points (from 65.00%): margin.drift_detected",
            "  leakage 2 calls 0.0255, billed not charged 2 calls 0.095, cost differences 2 (0.09235)",
            "    leakage by cause: Unattributed 1 (0.017), Missing 1 (0.0085)",
            "    billed not charged by cause: NotOnStatement 2 (0.095)",
            "    cost differences by cause: Increment 1 (-0.00765), MissingRow 1 (0.1)",
        ]);
    }

    [Fact]
    public void Print_NumberRentalReckoned_IsALineBesideTheCallTotals()
    {
        var summary = new ReconciliationSummary("twilio", "2026-11", "r", StatementFormat.TwilioCalls, "completed", "USD", 2,
            0.05m, 0.05m, 0.08m, 0.03m, 37.50m, null, null, false,
            new FindingTotal(0, 0m), new FindingTotal(0, 0m), new FindingTotal(0, 0m), new Dictionary<string, FindingTotal>())
        {
            NumberRental = new NumberRental(3, 4.45m, "cost-twilio-numbers"),
        };
        using var output = new StringWriter();

        ReconcileCommand.Print(new BillingApiClient.ReconciliationView(summary, [], false), output);

        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)[4]
            .ShouldBe("  number rental 3 numbers held, expected 4.45 (cost-twilio-numbers), beside the calls");
    }

    [Fact]
    public void Print_RunFilteredToAVendorAccount_NamesItOnTheFirstLine()
    {
        var summary = new ReconciliationSummary("twilio", "2026-11", "r", StatementFormat.TwilioCalls, "completed", "USD", 1,
            0.0085m, 0.0085m, 0.02m, 0.0115m, 57.50m, null, null, false,
            new FindingTotal(0, 0m), new FindingTotal(0, 0m), new FindingTotal(0, 0m), new Dictionary<string, FindingTotal>())
        {
            VendorAccount = "AC0123abcd",
        };
        using var output = new StringWriter();

        ReconcileCommand.Print(new BillingApiClient.ReconciliationView(summary, [], false), output);

        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)[0]
            .ShouldBe("twilio 2026-11 vendor account AC0123abcd (completed, run r): 1 rows");
    }

    [Fact]
    public void Print_FirstMonthReconciled_SaysTheMonthBeforeIsNotReconciled()
    {
        var summary = new ReconciliationSummary("retell", "2026-11", "r", StatementFormat.RetellCalls, "completed", "USD", 3,
            0.15m, 0.15m, 0.30m, 0.15m, 50.00m, null, null, false,
            new FindingTotal(0, 0m), new FindingTotal(0, 0m), new FindingTotal(0, 0m), new Dictionary<string, FindingTotal>());
        using var output = new StringWriter();

        ReconcileCommand.Print(new BillingApiClient.ReconciliationView(summary, [], false), output);

        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)[2].ShouldBe("  drift since last month n/a (the month before is not reconciled)");
    }
}
