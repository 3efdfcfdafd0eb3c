using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Documents;

/// <summary>An invoice's usage as a workbook for people, made from its stored usage CSV: a <c>By component</c> and a
/// <c>By number</c> summary, then <c>Calls</c>, one row per call; each sheet ends with a totals row whose amount is the
/// invoice's usage lines (the CSV's <c>total</c> row).</summary>
/// <remarks>
/// Every text cell, phone numbers and ids included, is an inline string, so a spreadsheet neither runs it as a formula nor
/// reads <c>+12085550100</c> as a number; the CSV's formula guard (a leading <c>'</c>) is not needed there and is dropped.
/// Seconds, rates and amounts are number cells. Rows are written as they are read (the SDK's SAX writer) into a temporary file,
/// since a package needs a seekable stream: a long detail is never held in memory, only its summaries.
/// </remarks>
public sealed class UsageDetailXlsx : IUsageWorkbooks
{
    private static readonly HashSet<string> NumberColumns = new(StringComparer.Ordinal)
    {
        "seconds", "billable_seconds", "rate_per_minute", "connect_fee", "attempt_charge", "amount", "included_seconds", "charged_seconds",
    };

    public async Task<Stream> FromCsvAsync(Stream usageCsv, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"usage-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            4096, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using (var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                var calls = workbook.AddNewPart<WorksheetPart>();
                var summary = await WriteCallsAsync(calls, usageCsv, cancellationToken);
                var components = workbook.AddNewPart<WorksheetPart>();
                WriteSummary(components, ["location", "component", "calls", "attempts", "charged_minutes", "amount", "currency"], summary.Components, summary);
                var numbers = workbook.AddNewPart<WorksheetPart>();
                WriteSummary(numbers, ["location", "number", "calls", "attempts", "charged_minutes", "amount", "currency"], summary.Numbers, summary);
                workbook.Workbook = new Workbook(new Sheets(
                    new Sheet { Id = workbook.GetIdOfPart(components), SheetId = 1, Name = "By component" },
                    new Sheet { Id = workbook.GetIdOfPart(numbers), SheetId = 2, Name = "By number" },
                    new Sheet { Id = workbook.GetIdOfPart(calls), SheetId = 3, Name = "Calls" }));
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task<UsageTotals> WriteCallsAsync(WorksheetPart part, Stream usageCsv, CancellationToken cancellationToken)
    {
        var totals = new UsageTotals();
        using var reader = new StreamReader(usageCsv, Encoding.UTF8);
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
        string[]? header = null;
        await foreach (var cells in CsvRows.ReadAsync(reader, cancellationToken))
        {
            if (header is null)
            {
                header = cells;
                Row(writer, [.. header.Select(Text)]);
                continue;
            }

            var row = header.Select((name, i) => (name, value: i < cells.Length ? cells[i] : "")).ToDictionary(c => c.name, c => c.value, StringComparer.Ordinal);
            if (row["call_id"] == UsageDetailCsv.TotalRow)
            {
                totals.Close(Number(row["amount"]), row["currency"]);
                Row(writer, [.. header.Select(name => name switch
                {
                    "call_id" => Text("Total"),
                    "amount" => NumberCell(totals.InvoiceAmount),
                    "currency" => Text(totals.Currency),
                    "seconds" or "billable_seconds" or "included_seconds" or "charged_seconds" => NumberCell(totals.Sum(name)),
                    _ => Text(""),
                })]);
                continue;
            }

            totals.Add(row);
            Row(writer, [.. header.Select(name => NumberColumns.Contains(name) && row[name].Length > 0 ? NumberCell(Number(row[name])) : Text(Unguarded(row[name])))]);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        return totals;
    }

    private static void WriteSummary(WorksheetPart part, string[] header, IReadOnlyDictionary<(int Location, string Key), UsageTotals.Group> groups, UsageTotals totals)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
        Row(writer, [.. header.Select(Text)]);
        foreach (var ((location, key), group) in groups.OrderBy(g => g.Key.Location).ThenBy(g => g.Key.Key, StringComparer.Ordinal))
        {
            Row(writer, Text(Unguarded(totals.Locations[location])), Text(Unguarded(key)), NumberCell(group.Calls), NumberCell(group.Attempts),
                NumberCell(group.ChargedSeconds / 60m), NumberCell(group.Amount), Text(totals.Currency));
        }

        Row(writer, Text("Total"), Text(""), NumberCell(groups.Values.Sum(g => g.Calls)), NumberCell(groups.Values.Sum(g => g.Attempts)),
            NumberCell(groups.Values.Sum(g => g.ChargedSeconds) / 60m), NumberCell(totals.InvoiceAmount), Text(totals.Currency));
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>The text without the CSV's formula guard: an inline string is never run as a formula.</summary>
    private static string Unguarded(string text) =>
        text is ['\'', '=' or '+' or '-' or '@' or '\t' or '\r', ..] ? text[1..] : text;

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    private static void Row(OpenXmlWriter writer, params Cell[] cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var cell in cells)
        {
            writer.WriteElement(cell);
        }

        writer.WriteEndElement();
    }

    private static Cell Text(string value) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) };

    private static Cell NumberCell(decimal value) => new() { DataType = CellValues.Number, CellValue = new CellValue(value) };
}
