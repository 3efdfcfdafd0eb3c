using System.Globalization;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.Rating;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Tax;

/// <summary>Two closes through the local host feed the year's reports: an end user pays USF on its number, a certified reseller does not and is reported as carrier's carrier.</summary>
/// <remarks>
/// Other tests close invoices on this Azurite too, also while this one runs and on an Azurite kept from earlier runs, so
/// only CAD rows are compared before and after (only this test bills in CAD; no count over every currency is), and the
/// reseller's row is found by a filer id no earlier run used. Both close March 2026: the invoice date (April 1) keys the
/// Q2 2026 USF factor, 37.0 %; the reports date invoices by their issue date, today.
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class TaxReportsApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PostalAddress Portland = new("1 SW Main St", "Portland", "OR", "97204", "US");

    [Fact]
    public async Task Reports_AfterTwoCloses_AddTheirRevenueSplitUsfAndCertificate()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var year = today.Year;
        var before = await ReportsAsync(year);
        var filer = UnusedFiler(before.Worksheet);

        var endUser = await CloseAsync(null);
        var reseller = await CloseAsync(new ResellerCertificate(filer, new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)));
        var after = await ReportsAsync(year);

        // Platform fee 20 + one number 10; USF: 10 × 64.9 % × 37.0 % = 2.4013 → 2.40 on the end user only.
        (endUser.Total, reseller.Total).ShouldBe((32.40m, 30.00m));
        Delta(before.Worksheet, after.Worksheet, "End user: VoipAccess").ShouldBe((10m, 6.49m, 0m, 3.51m));
        Delta(before.Worksheet, after.Worksheet, "Non-telecom: AiPlatform").ShouldBe((40m, 0m, 0m, 40m));
        Delta(before.Worksheet, after.Worksheet, "Federal USF recovery billed").ShouldBe((2.40m, 2.40m, 0m, 0m));
        var resale = after.Worksheet.Rows.Where(r => r.ResellerFiler499Id == filer).ShouldHaveSingleItem();
        (resale.Block, resale.Line, resale.Total, resale.Interstate, resale.Intrastate, resale.Invoices).ShouldBe(("3", "303", 10m, 6.49m, 3.51m, 1));
        after.Worksheet.Certificates.ShouldContain(new CertificateReliedOn(reseller.AccountId, filer, new LocalDate(2026, 12, 31), "CAD", 10m, 1));

        var quarter = $"{year}-Q{(today.Month + 2) / 3}";
        var (usfBefore, usfAfter) = (Quarter(before.Usf, quarter), Quarter(after.Usf, quarter));
        (usfAfter.Invoices - usfBefore.Invoices, usfAfter.Base - usfBefore.Base, usfAfter.Billed - usfBefore.Billed).ShouldBe((2, 6.49m, 2.40m));

        var month = $"{year}-{today.Month:D2}";
        var (owedBefore, owedAfter) = (Owed(before.Liability, month), Owed(after.Liability, month));
        (owedAfter.Amount - owedBefore.Amount, owedAfter.Unrounded - owedBefore.Unrounded).ShouldBe((2.40m, 2.4013m));

        var csv = await host.Api.GetTaxReportAsync("form-499a", year, "csv", null, CancellationToken.None);
        var cells = csv.Split('\n').Where(l => l.Contains(filer, StringComparison.Ordinal)).ShouldHaveSingleItem().Split(',');
        (cells[0], cells[1], cells[7], decimal.Parse(cells[8], CultureInfo.InvariantCulture), cells[13]).ShouldBe(("3", "303", "CAD", 10m, "SafeHarbor"));

        var verb = new StringWriter();
        (await TaxReportCommand.RunAsync(host.Api, ["usf-recovery", year.ToString(CultureInfo.InvariantCulture)], verb, CancellationToken.None)).ShouldBe(0);
        verb.ToString().Split('\n').ShouldContain(l => l.StartsWith($"{quarter},CAD,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reports_AfterACreditNote_NetItInTheMonthAndQuarterItWasIssued()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var year = today.Year;
        var before = await ReportsAsync(year);

        var invoice = await CloseAsync(null);
        var credit = new CreditNoteRequest("goodwill-1", "Outage credit", Amount: 5.00m);
        var note = await host.Api.IssueCreditNoteAsync(invoice.AccountId, invoice.InvoiceId, credit, CancellationToken.None);
        var repeat = await host.Api.IssueCreditNoteAsync(invoice.AccountId, invoice.InvoiceId, credit, CancellationToken.None);
        var after = await ReportsAsync(year);

        // 5.00 over platform 20 + number 10 + USF 2.40 = 32.40, half up: 3.0864 → 3.09, 1.5432 → 1.54, 0.3704 → 0.37 (sum 5.00).
        (invoice.Total, note.Total, repeat.CreditNote.Id).ShouldBe((32.40m, 5.00m, note.CreditNote.Id));
        // Number 10 − 1.54 = 8.46; interstate 6.49 − 1.54 × 64.9 % (0.99946) = 5.49054; intrastate 3.51 − 0.54054 = 2.96946.
        Delta(before.Worksheet, after.Worksheet, "End user: VoipAccess").ShouldBe((8.46m, 5.49054m, 0m, 2.96946m));
        Delta(before.Worksheet, after.Worksheet, "Non-telecom: AiPlatform").ShouldBe((16.91m, 0m, 0m, 16.91m));
        Delta(before.Worksheet, after.Worksheet, "Federal USF recovery billed").ShouldBe((2.03m, 2.03m, 0m, 0m));
        (Row(after.Worksheet, "End user: VoipAccess").Invoices - Row(before.Worksheet, "End user: VoipAccess").Invoices).ShouldBe(1);

        var quarter = $"{year}-Q{(today.Month + 2) / 3}";
        var (usfBefore, usfAfter) = (Quarter(before.Usf, quarter), Quarter(after.Usf, quarter));
        (usfAfter.Base - usfBefore.Base, usfAfter.Billed - usfBefore.Billed, usfAfter.CreditNotes - usfBefore.CreditNotes).ShouldBe((5.49054m, 2.03m, 1));

        // 2.40 − 0.37 billed; unrounded 2.4013 − 2.4013 × 0.37 ÷ 2.40 (0.3702004…) = 2.0310996…
        var month = $"{year}-{today.Month:D2}";
        var (owedBefore, owedAfter) = (Owed(before.Liability, month), Owed(after.Liability, month));
        (owedAfter.Amount - owedBefore.Amount, decimal.Round(owedAfter.Unrounded - owedBefore.Unrounded, 6), owedAfter.CreditNotes - owedBefore.CreditNotes)
            .ShouldBe((2.03m, 2.031100m, 1));
    }

    private sealed record Reports(Form499Worksheet Worksheet, UsfRecoveryReport Usf, TaxLiabilityReport Liability);

    private async Task<Reports> ReportsAsync(int year) => new(
        await ReadAsync<Form499Worksheet>("form-499a", year),
        await ReadAsync<UsfRecoveryReport>("usf-recovery", year),
        await ReadAsync<TaxLiabilityReport>("tax-liability", year));

    private async Task<T> ReadAsync<T>(string report, int year) =>
        System.Text.Json.JsonSerializer.Deserialize<T>(await host.Api.GetTaxReportAsync(report, year, "json", null, CancellationToken.None), BillingJson.Options)!;

    private static (decimal, decimal, decimal, decimal) Delta(Form499Worksheet before, Form499Worksheet after, string description)
    {
        var (b, a) = (Row(before, description), Row(after, description));
        return (a.Total - b.Total, a.Interstate - b.Interstate, a.International - b.International, a.Intrastate - b.Intrastate);
    }

    private static Form499Row Row(Form499Worksheet worksheet, string description) =>
        worksheet.Rows.SingleOrDefault(r => r.Description == description && r.Currency == "CAD")
        ?? new Form499Row("", "", description, null, "", null, null, "CAD", 0m, 0m, 0m, 0m, 0);

    /// <summary>A 499 filer id in no row of the year's worksheet yet, so the row this run adds is the only one naming it.</summary>
    private static string UnusedFiler(Form499Worksheet worksheet)
    {
        var used = worksheet.Rows.Select(r => r.ResellerFiler499Id).Concat(worksheet.Certificates.Select(c => c.Filer499Id)).ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var filer = "8" + Random.Shared.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture);
            if (!used.Contains(filer))
            {
                return filer;
            }
        }
    }

    private static UsfQuarter Quarter(UsfRecoveryReport report, string quarter) =>
        report.Quarters.SingleOrDefault(q => q.Quarter == quarter && q.Currency == "CAD") ?? new UsfQuarter(quarter, "CAD", 0, 0m, 0m, null);

    private static TaxLiability Owed(TaxLiabilityReport report, string month) =>
        report.Rows.SingleOrDefault(r => r.Month == month && r.RuleKey == "us-fusf" && r.Currency == "CAD")
        ?? new TaxLiability(month, "US", "United States", JurisdictionLevel.Federal, TaxKind.FederalUsfRecovery, "us-fusf", "CAD", 0m, 0m, 0);

    /// <summary>A new account in Portland (no state tables) on a 20 CAD platform fee and one 10 CAD number, March 2026 closed.</summary>
    private async Task<InvoiceSummary> CloseAsync(ResellerCertificate? certificate)
    {
        var plan = new PricePlan("cad-plan", "CAD", "CAD",
            [new PlanVersion(new LocalDate(2025, 1, 1), 20m, 10m, [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding())]);
        var account = new Account("cad-" + Guid.NewGuid().ToString("N")[..10], "Maple Voice", plan.Id, new BillingProfile("UTC", 1, "CAD"), Portland)
        {
            Tax = certificate is null ? null : new AccountTaxProfile(ResellerCertificates: [certificate]),
        };
        await host.Api.PutPlanAsync(plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        var number = "+1971" + Random.Shared.Next(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        await host.Api.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2026, 1, 1)), CancellationToken.None);
        var cycle = new CycleRequest(account.Id, "2026-03-01");
        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        return await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromSeconds(60), CancellationToken.None);
    }
}
