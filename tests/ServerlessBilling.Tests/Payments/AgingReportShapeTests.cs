using System.Text.Json;
using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

/// <summary>The aging report's JSON (the <c>ar-aging</c> API and the local host's client) and CSV, held to literal text:
/// amounts in the domain carry their currency, the wire keeps one currency per row and bare numbers, and a row cannot mix currencies.</summary>
public class AgingReportShapeTests
{
    private const string GoldenJson =
        """{"asOf":"2026-05-21T00:00:00Z","buckets":["current","1-30","31-60","61-90","90\u002B"],"rows":[{"accountId":"acme","currency":"USD","amounts":[40.00,0,100.5,0,0],"total":140.50},{"accountId":"zeta","currency":"EUR","amounts":[0,0,7.25,0,0],"total":7.25}],"totals":[{"accountId":"total","currency":"EUR","amounts":[0,0,7.25,0,0],"total":7.25},{"accountId":"total","currency":"USD","amounts":[40.00,0,100.5,0,0],"total":140.50}]}""";

    private static readonly Instant Due = Instant.FromUtc(2026, 4, 1, 0, 0);

    private static async Task<AgingReport> ReportAsync()
    {
        var receivables = new InMemoryReceivables();
        await receivables.OpenAsync(new Receivable("i1", "acme", "INV-1", "USD", new Money(100.5m, "USD"), Due, []), default);
        await receivables.OpenAsync(new Receivable("i2", "acme", "INV-2", "USD", new Money(40.00m, "USD"), Due + Duration.FromDays(60), []), default);
        await receivables.OpenAsync(new Receivable("i3", "zeta", "INV-3", "EUR", new Money(7.25m, "EUR"), Due, []), default);
        return await new ReceivablesAging(receivables).ReportAsync(Due + Duration.FromDays(50), default);
    }

    [Fact]
    public async Task Serialize_Report_WritesTheGoldenJson() =>
        JsonSerializer.Serialize(await ReportAsync(), BillingJson.Options).ShouldBe(GoldenJson);

    [Fact]
    public async Task Deserialize_GoldenJson_ReadsTheSameReport()
    {
        var read = JsonSerializer.Deserialize<AgingReport>(GoldenJson, BillingJson.Options)!;

        JsonSerializer.Serialize(read, BillingJson.Options).ShouldBe(GoldenJson);
        read.ToCsv().ShouldBe((await ReportAsync()).ToCsv());
    }

    [Fact]
    public async Task ToCsv_Report_WritesNumbersAsTheyAre() =>
        (await ReportAsync()).ToCsv().ShouldBe(
            "account,currency,current,1-30,31-60,61-90,90+,total\n" +
            "acme,USD,40.00,0,100.5,0,0,140.50\n" +
            "zeta,EUR,0,0,7.25,0,0,7.25\n" +
            "total,EUR,0,0,7.25,0,0,7.25\n" +
            "total,USD,40.00,0,100.5,0,0,140.50\n");

    [Fact]
    public void AgingRow_AmountInAnotherCurrency_Throws()
    {
        Should.Throw<InvalidOperationException>(() => new AgingRow("acme", "USD", [new Money(1m, "USD"), new Money(1m, "EUR")]));

        var row = new AgingRow("acme", "USD", [new Money(1m, "USD")]);
        Should.Throw<InvalidOperationException>(() => row with { Amounts = [new Money(1m, "EUR")] });
        row.Total.ShouldBe(new Money(1m, "USD"));
    }
}
