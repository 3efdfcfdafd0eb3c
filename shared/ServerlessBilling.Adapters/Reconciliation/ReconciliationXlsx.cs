using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ServerlessBilling.Upstream;

/// <summary>A reconciliation as a spreadsheet: a <c>Summary</c> sheet of the month's totals and a <c>Findings</c> sheet, one row per finding.</summary>
/// <remarks>Rows are written as they are read (the SAX writer of the Open XML SDK) into a temporary file, which is then copied out: a
/// package needs a seekable stream, and a month with many findings is never held in memory. Text goes in inline strings, which a
/// spreadsheet never runs as a formula; amounts are numbers.</remarks>
public static class ReconciliationXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] Header = ["vendorCallId", "kind", "reason", "amount", "vendorCharge", "expectedCost", "billed", "accountId", "detail"];

    public static async Task WriteAsync(ReconciliationSummary summary, IAsyncEnumerable<ReconciliationFinding> findings, Stream output, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"reconciliation-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                var summarySheet = workbook.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(summarySheet))
                {
                    Begin(writer);
                    foreach (var (name, value) in SummaryRows(summary))
                    {
                        Row(writer, Text(name), value);
                    }

                    End(writer);
                }

                var findingsSheet = workbook.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(findingsSheet))
                {
                    Begin(writer);
                    Row(writer, [.. Header.Select(Text)]);
                    await foreach (var f in findings.WithCancellation(cancellationToken))
                    {
                        Row(writer, Text(f.VendorCallId), Text(f.Kind.ToString()), Text(f.Reason.ToString()), Number(f.Amount), Number(f.VendorCharge),
                            Number(f.ExpectedCost), Number(f.Billed), Text(f.AccountId), Text(f.Detail));
                    }

                    End(writer);
                }

                workbook.Workbook = new Workbook(new Sheets(
                    new Sheet { Id = workbook.GetIdOfPart(summarySheet), SheetId = 1, Name = "Summary" },
                    new Sheet { Id = workbook.GetIdOfPart(findingsSheet), SheetId = 2, Name = "Findings" }));
            }

            await using var file = File.OpenRead(path);
            await file.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<(string Name, Cell Value)> SummaryRows(ReconciliationSummary s)
    {
        yield return ("vendor", Text(s.Vendor));
        yield return ("month", Text(s.Month));
        yield return ("vendorAccount", Text(s.VendorAccount));
        yield return ("status", Text(s.Status));
        yield return ("currency", Text(s.Currency));
        yield return ("rows", Number(s.Rows));
        yield return ("vendorTotal", Number(s.VendorTotal));
        yield return ("expectedTotal", Number(s.ExpectedTotal));
        yield return ("billedTotal", Number(s.BilledTotal));
        yield return ("grossMargin", Number(s.GrossMargin));
        yield return ("marginPercent", Number(s.MarginPercent));
        yield return ("driftPoints", Number(s.DriftPoints));
        yield return ("leakage", Number(s.Leakage.Amount));
        yield return ("billedNotCharged", Number(s.BilledNotCharged.Amount));
        yield return ("costDifferences", Number(s.CostDifferences.Amount));
        yield return ("numbersHeld", Number(s.NumberRental?.Numbers));
        yield return ("numberRentalExpected", Number(s.NumberRental?.Expected));
    }

    private static void Begin(OpenXmlWriter writer)
    {
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
    }

    private static void End(OpenXmlWriter writer)
    {
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void Row(OpenXmlWriter writer, params Cell[] cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var cell in cells)
        {
            writer.WriteElement(cell);
        }

        writer.WriteEndElement();
    }

    private static Cell Text(string? value) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value ?? "")) };

    private static Cell Number(decimal? value) => value is { } number ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) } : Text(null);
}
