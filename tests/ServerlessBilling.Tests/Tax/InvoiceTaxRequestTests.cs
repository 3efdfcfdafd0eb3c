using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

public class InvoiceTaxRequestTests
{
    private static Money Usd(decimal amount) => new(amount, "USD");

    private static readonly Invoice Draft = new(
        "acme-20260101", "acme", "Acme", new BillingPeriod(new LocalDate(2026, 1, 1), new LocalDate(2026, 2, 1)), "USD",
        [
            new InvoiceLine(LineCategory.PlatformFee, "Pro platform fee", 1, "month", 500m, Usd(500m)),
            new InvoiceLine(LineCategory.Numbers, "Local numbers (4)", 4, "number", 5m, Usd(20m)),
            new InvoiceLine(LineCategory.IncludedUsage, "Bundle: 100 of 1000 included minutes", 100, "min", null, Usd(0m)),
            new InvoiceLine(LineCategory.Usage, "Outbound calling minutes (12 calls)", 500, "min", 0.2m, Usd(100m)),
        ]);

    [Fact]
    public void For_DraftInvoice_ClassifiesLinesAndTaxesOnlyTelecomForUsf()
    {
        var customer = new CustomerTaxProfile(CustomerType.Business, Denver, [], []);

        var request = InvoiceTaxRequest.For(Draft, new LocalDate(2026, 2, 1), customer, []);
        var result = TaxEngine.Calculate(Bundled, TaxSettings.Default, request);

        request.Items.Select(i => (i.Reference, i.Category)).ShouldBe([
            ("Pro platform fee", ProductCategory.AiPlatform),
            ("Local numbers (4)", ProductCategory.VoipAccess),
            ("Outbound calling minutes (12 calls)", ProductCategory.InterconnectedVoipUsage),
        ]);
        request.ServicePeriodStart.ShouldBe(new LocalDate(2026, 1, 1));
        // (20 + 100) × 0.649 × 0.376 = 29.28288 → 29.28.
        result.Single("us-fusf").Amount.ShouldBe(Usd(29.28m));
    }

    [Fact]
    public void For_CustomClassifier_AiMinutesAreNotTelecom()
    {
        var customer = new CustomerTaxProfile(CustomerType.Business, Denver, [], []);
        static ProductCategory? Classify(InvoiceLine line) =>
            line.Category == LineCategory.Usage ? ProductCategory.AiPlatform : InvoiceTaxRequest.DefaultCategory(line);

        var request = InvoiceTaxRequest.For(Draft, new LocalDate(2026, 2, 1), customer, [], Classify);

        // Only the $20 of numbers is telecom: 20 × 0.649 × 0.376 = 4.880480 → 4.88.
        TaxEngine.Calculate(Bundled, TaxSettings.Default, request).Single("us-fusf").Amount.ShouldBe(Usd(4.88m));
    }

    [Fact]
    public async Task TableTaxCalculator_IsTheEngineBehindTheInterface()
    {
        ITaxCalculator calculator = new TableTaxCalculator(Bundled, TaxSettings.Default);
        var request = InvoiceTaxRequest.For(Draft, new LocalDate(2026, 2, 1), new CustomerTaxProfile(CustomerType.Business, Denver, [], []), []);

        var result = await calculator.CalculateAsync(request, CancellationToken.None);

        result.ShouldBeEquivalentTo(TaxEngine.Calculate(Bundled, TaxSettings.Default, request));
    }
}
