using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Tests.Invoicing;

public class CreditNoteRequestTests
{
    private static readonly Invoice Invoice = new("acme-20250601", "acme", "Acme", BillingPeriod.Containing(new LocalDate(2025, 6, 1), 1), "USD",
    [
        new InvoiceLine(LineCategory.PlatformFee, "Platform", 1, "month", 20m, new Money(20m, "USD")),
        new InvoiceLine(LineCategory.Numbers, "Local numbers (1)", 1, "number", 1.5m, new Money(1.5m, "USD")),
        new InvoiceLine(LineCategory.IncludedUsage, "Bundle", 10, "min", null, new Money(0m, "USD")),
    ], Number: "INV-000004");

    private static CreditNoteLine Earlier(decimal amount, int? line = null) => new("earlier credit", new Money(amount, "USD"), line);

    [Fact]
    public void Plan_Lines_CreditsWhatEachLineStillHas()
    {
        var (lines, problems) = new CreditNoteRequest("k1", "Number never ported", Lines: [1, 0]).Plan(Invoice, [Earlier(0.50m, line: 1)]);

        problems.ShouldBeEmpty();
        lines.Select(l => (l.Description, l.Amount.Amount, l.InvoiceLine)).ShouldBe([("Local numbers (1)", 1.00m, 1), ("Platform", 20.00m, 0)]);
    }

    [Fact]
    public void Plan_AmountAboveWhatIsLeftUnCredited_IsRefusedNamingTheAmount()
    {
        // 21.50 billed, 15.00 credited before: 6.50 left.
        var (lines, problems) = new CreditNoteRequest("k1", "Outage", Amount: 6.51m).Plan(Invoice, [Earlier(15m)]);

        lines.ShouldBeEmpty();
        problems.ShouldHaveSingleItem().Field.ShouldBe("amount");
        problems[0].Reason.ShouldContain("6.50 USD");
    }

    [Fact]
    public void Plan_AmountExactlyWhatIsLeft_IsOneLineWithTheReason()
    {
        var (lines, problems) = new CreditNoteRequest("k1", "Outage", Amount: 6.50m).Plan(Invoice, [Earlier(15m)]);

        problems.ShouldBeEmpty();
        lines.ShouldHaveSingleItem().ShouldBe(new CreditNoteLine("Outage", new Money(6.50m, "USD")));
    }

    [Theory]
    [InlineData(null, "goodwill", 1.0, "idempotencyKey")]
    [InlineData("k1", " ", 1.0, "reason")]
    [InlineData("k1", "goodwill", -1.0, "amount")]
    [InlineData("k1", "goodwill", 0.005, "amount")]
    public void Plan_MissingOrBadField_NamesIt(string? key, string reason, double amount, string field)
    {
        var (_, problems) = new CreditNoteRequest(key, reason, Amount: (decimal)amount).Plan(Invoice, []);

        problems.Select(p => p.Field).ShouldBe([field]);
    }

    [Fact]
    public void Plan_BothOrNeitherAmountAndLines_IsRefused()
    {
        new CreditNoteRequest("k1", "r", 1m, [0]).Plan(Invoice, []).Problems.Select(p => p.Field).ShouldBe(["amount"]);
        new CreditNoteRequest("k1", "r").Plan(Invoice, []).Problems.Select(p => p.Field).ShouldBe(["amount"]);
    }

    [Fact]
    public void Plan_UnknownRepeatedOrFullyCreditedLines_NameTheirPosition()
    {
        var (_, problems) = new CreditNoteRequest("k1", "r", Lines: [7, 1, 1, 2]).Plan(Invoice, [Earlier(1.50m, line: 1)]);

        problems.Select(p => p.Field).ShouldBe(["lines[0]", "lines[1]", "lines[2]", "lines[3]"]);
    }

    [Fact]
    public void IdFor_SameKeySameInvoice_SameId()
    {
        CreditNote.IdFor(Invoice.Id, "k1").ShouldBe(CreditNote.IdFor(Invoice.Id, "k1"));
        CreditNote.IdFor(Invoice.Id, "k1").ShouldNotBe(CreditNote.IdFor(Invoice.Id, "k2"));
        CreditNote.IdFor(Invoice.Id, "k1").ShouldStartWith(Invoice.Id + "-cn-");
    }
}
