using ServerlessBilling.Invoicing;
using ServerlessBilling.Pdf;

namespace ServerlessBilling.IntegrationTests.Pdf;

/// <summary>The <c>Invoicing</c> section: paper by the seller's country unless set, the pay link filled per invoice, bad values refused at start-up.</summary>
public class InvoicingSettingsTests
{
    [Theory]
    [InlineData("US", "", PaperSize.Letter)]
    [InlineData("CA", "", PaperSize.Letter)]
    [InlineData("GB", "", PaperSize.A4)]
    [InlineData("US", "a4", PaperSize.A4)]
    [InlineData("DE", "Letter", PaperSize.Letter)]
    public void ToSeller_PaperSize_SetOrByCountry(string country, string paper, PaperSize expected) =>
        new InvoicingSettings { Seller = { Country = country }, PaperSize = paper }.ToSeller().Paper.ShouldBe(expected);

    [Fact]
    public void ToSeller_PayLinkTemplate_FillsEscapedIds()
    {
        var seller = new InvoicingSettings { PayLinkTemplate = "https://pay.example/{accountId}?invoice={invoiceId}" }.ToSeller();

        seller.PayLink("acme dental", "acme-20261001").ShouldBe("https://pay.example/acme%20dental?invoice=acme-20261001");
        new InvoicingSettings().ToSeller().PayLink("acme", "acme-20261001").ShouldBeNull();
    }

    [Fact]
    public void Problems_BadPaperAndRelativePayLink_AreRefused() =>
        new InvoicingSettings { PaperSize = "Legal", PayLinkTemplate = "/pay/{invoiceId}" }.Problems().ShouldBe(
        [
            "Invoicing:PaperSize 'Legal' must be Letter or A4.",
            "Invoicing:PayLinkTemplate '/pay/{invoiceId}' is not an absolute URL.",
        ]);

    [Theory]
    [InlineData(null, 50)]
    [InlineData(3, 3)]
    public void ToSeller_CallDetailPageLimit_SetOrFifty(int? pages, int expected) =>
        new InvoicingSettings { CallDetailPageLimit = pages }.ToSeller().CallDetailPageLimit.ShouldBe(expected);

    [Fact]
    public void Problems_CallDetailPageLimitOfZero_IsRefused() =>
        new InvoicingSettings { CallDetailPageLimit = 0 }.Problems().ShouldBe(["Invoicing:CallDetailPageLimit 0 must be from 1 to 10000."]);
}
