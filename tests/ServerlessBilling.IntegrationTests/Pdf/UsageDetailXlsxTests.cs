using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NodaTime;
using ServerlessBilling.Documents;
using ServerlessBilling.Invoicing;
using static ServerlessBilling.IntegrationTests.Pdf.InvoiceUsageFixtures;

namespace ServerlessBilling.IntegrationTests.Pdf;

/// <summary>The usage XLSX made from the usage CSV, opened with the Open XML SDK: text-typed phone numbers, number-typed amounts,
/// a totals row equal to the invoice's usage lines, and summaries per component and per number (per location).</summary>
public class UsageDetailXlsxTests
{
    private static async Task<SpreadsheetDocument> WorkbookAsync(Invoice invoice, UsageDetail usage)
    {
        using var csv = new MemoryStream();
        await using (var writer = new StreamWriter(csv, new UTF8Encoding(false), leaveOpen: true))
        {
            await UsageDetailCsv.WriteAsync(writer, invoice, usage, CancellationToken.None);
        }

        csv.Position = 0;
        var copy = new MemoryStream();
        await using (var xlsx = await new UsageDetailXlsx().FromCsvAsync(csv, CancellationToken.None))
        {
            await xlsx.CopyToAsync(copy);
        }

        copy.Position = 0;
        return SpreadsheetDocument.Open(copy, false);
    }

    private static List<Cell[]> Sheet(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return [.. ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToArray())];
    }

    private static string TextOf(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";

    private static string[] Texts(Cell[] row) => [.. row.Select(TextOf)];

    [Fact]
    public async Task FromCsvAsync_ConsolidatedInvoice_TypesCellsTotalsTheUsageLinesAndSummarizes()
    {
        var east = Account("harbor", "Harbor East", "America/Boise", itemized: false);
        var west = Account("harbor-west", "-West", "America/Los_Angeles", itemized: false) with { ParentAccountId = "harbor" };
        var usage = UsageDetail.Consolidated(October,
        [
            new LocationBill(east, Plan, [], Calls("harbor", ["+12085550101"], connected: 10, attempts: 1)),
            new LocationBill(west, Plan, [], Calls("harbor-west", ["+15035550111", "+15035550112"], connected: 5, attempts: 0)),
        ]);
        InvoiceLine[] lines =
        [
            new(LineCategory.PlatformFee, "Voice platform fee", 1, "month", 49m, new Money(49m, "USD")) { Location = "Harbor East" },
            new(LineCategory.Usage, "Outbound calling minutes (11 calls)", 30, "min", 0.02m, new Money(0.60m, "USD")) { Location = "Harbor East" },
            new(LineCategory.Usage, "Outbound calling minutes (10 calls)", 30, "min", 0.02m, new Money(0.60m, "USD")) { Location = "-West" },
        ];
        var invoice = new Invoice("harbor-20261001", "harbor", "Harbor Dental Group", October, "USD", lines).Finalize("INV-000050", new LocalDate(2026, 11, 2), 0);

        using var document = await WorkbookAsync(invoice, usage);

        document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ShouldBe(["By component", "By number", "Calls"]);
        var calls = Sheet(document, "Calls");
        calls.Count.ShouldBe(1 + 21 + 1);
        Texts(calls[0]).ShouldBe(UsageDetailCsv.Header.Split(','));
        var first = calls[1];
        Texts(first).ShouldBe(["harbor-0000", "2026-10-05 09:00:00 -06:00", "Outbound", "Telephony", "+12085550101", "+13125550142", "125", "180", "0.02", "0", "0",
            "0.06", "USD", "0", "180", "", "Harbor East"]);
        // Numbers a spreadsheet must not reformat are text; seconds, rates and amounts are numbers.
        first[4].DataType!.Value.ShouldBe(CellValues.InlineString);
        first[5].DataType!.Value.ShouldBe(CellValues.InlineString);
        first[11].DataType!.Value.ShouldBe(CellValues.Number);
        first[6].DataType!.Value.ShouldBe(CellValues.Number);
        Texts(calls[11])[10..12].ShouldBe(["0.004", "0.004"]); // the attempt: its whole amount is the attempt charge
        Texts(calls[12])[16].ShouldBe("-West"); // the CSV's formula guard is dropped: an inline string is never a formula
        // 0.60 + 0.60: the invoice's usage lines, not the platform fee.
        Texts(calls[^1]).ShouldBe(["Total", "", "", "", "", "", "2500", "3600", "", "", "", "1.20", "USD", "0", "3600", "", ""]);
        calls[^1][11].DataType!.Value.ShouldBe(CellValues.Number);

        Sheet(document, "By component").Select(Texts).ShouldBe(
        [
            ["location", "component", "calls", "attempts", "charged_minutes", "amount", "currency"],
            ["Harbor East", "Telephony", "11", "1", "30", "0.604", "USD"],
            ["-West", "Telephony", "10", "0", "30", "0.60", "USD"],
            ["Total", "", "21", "1", "60", "1.20", "USD"],
        ]);
        Sheet(document, "By number").Select(Texts).ShouldBe(
        [
            ["location", "number", "calls", "attempts", "charged_minutes", "amount", "currency"],
            ["Harbor East", "+12085550101", "11", "1", "30", "0.604", "USD"],
            ["-West", "+15035550111", "5", "0", "15", "0.30", "USD"],
            ["-West", "+15035550112", "5", "0", "15", "0.30", "USD"],
            ["Total", "", "21", "1", "60", "1.20", "USD"],
        ]);
        Sheet(document, "By number")[1][1].DataType!.Value.ShouldBe(CellValues.InlineString);
    }

    [Fact]
    public async Task FromCsvAsync_TextWithMarkupCharacters_ReadsBackAsWritten()
    {
        // The sheets are written as raw XML: markup characters in a name must be escaped, not break the part.
        const string Name = "O'Brien & <Sons> \"East\"";
        var east = Account("obrien", Name, "America/Boise", itemized: false);
        var west = Account("obrien-west", "=West", "America/Los_Angeles", itemized: false) with { ParentAccountId = "obrien" };
        var usage = UsageDetail.Consolidated(October,
        [
            new LocationBill(east, Plan, [], Calls("obrien", ["+12085550101"], connected: 2, attempts: 0)),
            new LocationBill(west, Plan, [], Calls("obrien-west", ["+15035550111"], connected: 1, attempts: 0)),
        ]);
        InvoiceLine[] lines = [new(LineCategory.Usage, "Outbound calling minutes (3 calls)", 9, "min", 0.02m, new Money(0.18m, "USD")) { Location = Name }];
        var invoice = new Invoice("obrien-20261001", "obrien", Name, October, "USD", lines).Finalize("INV-000051", new LocalDate(2026, 11, 2), 0);

        using var document = await WorkbookAsync(invoice, usage);

        var calls = Sheet(document, "Calls");
        calls.Select(row => Texts(row)[16]).ShouldBe(["location", Name, Name, "=West", ""]);
        Sheet(document, "By component").Select(row => Texts(row)[0]).ShouldBe(["location", Name, "=West", "Total"]);
        calls[3][16].DataType!.Value.ShouldBe(CellValues.InlineString);
    }
}
