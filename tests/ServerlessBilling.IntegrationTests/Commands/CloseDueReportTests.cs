using System.Text.Json;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.Tax;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>What <c>close-due</c> prints, as lines and with <c>--json</c>: each close it started and how it ended, and the count of failed
/// closes behind its exit code.</summary>
public sealed class CloseDueReportTests
{
    private static readonly InvoiceSummary Invoice = new("inv-1", "acme", "INV-000042", 12.5m, "USD", 2, "invoices/acme/inv-1.json", "invoices/acme/inv-1.pdf");

    private static CloseDueReport Report() => CloseDueReport.Of(
        new CloseDueSummary(4, [new CycleRequest("acme", "2026-11-01"), new CycleRequest("bolt", "2026-11-01")], 1, 1)
        {
            ExpiringTaxRules = [new ExpiringTaxRule("us-fusf", "federal", new LocalDate(2026, 12, 31))],
        },
        [
            new CloseDueReport.Close("acme", "2026-11-01", "Completed", Invoice, null, null),
            new CloseDueReport.Close("bolt", "2026-11-01", "Failed", null, null, "Plan 'gone' not found"),
        ]);

    [Fact]
    public void Json_IsOneDocumentWithEveryCloseAndItsEnd()
    {
        using var output = new StringWriter();

        JsonOutput.Write(output, Report());

        var report = JsonDocument.Parse(output.ToString()).RootElement;
        (report.GetProperty("accounts").GetInt32(), report.GetProperty("alreadyStarted").GetInt32(), report.GetProperty("nothingDue").GetInt32(),
            report.GetProperty("failed").GetInt32()).ShouldBe((4, 1, 1, 1));
        var started = report.GetProperty("started").EnumerateArray().ToList();
        started.Select(c => (c.GetProperty("accountId").GetString(), c.GetProperty("runtimeStatus").GetString())).ShouldBe([("acme", "Completed"), ("bolt", "Failed")]);
        (started[0].GetProperty("invoice").GetProperty("number").GetString(), started[0].GetProperty("invoice").GetProperty("total").GetDecimal()).ShouldBe(("INV-000042", 12.5m));
        started[1].GetProperty("failure").GetString().ShouldBe("Plan 'gone' not found");
        report.GetProperty("stillHeld").GetArrayLength().ShouldBe(0);
        var rule = report.GetProperty("expiringTaxRules").EnumerateArray().ShouldHaveSingleItem();
        (rule.GetProperty("ruleKey").GetString(), rule.GetProperty("coveredUntil").GetString()).ShouldBe(("us-fusf", "2026-12-31"));
    }

    [Fact]
    public void Print_WritesALinePerClose()
    {
        using var output = new StringWriter();

        Report().Print(output);

        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            "4 accounts: 2 closes started, 1 already started, 1 with nothing due.",
            "  acme 2026-11-01: INV-000042 12.5 USD",
            "  bolt 2026-11-01: Failed Plan 'gone' not found",
            "Tax rule us-fusf (table federal) has no rate from 2026-12-31: store the next rates (tax-tables put).",
        ]);
    }
}
