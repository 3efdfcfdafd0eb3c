using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Documents;

/// <summary>An invoice's usage as a workbook for people, made from its stored usage CSV: a <c>By component</c> and a
/// <c>By number</c> summary, then <c>Calls</c>, one row per call; each sheet ends with a totals row whose amount is the
/// invoice's usage lines (the CSV's <c>total</c> row).</summary>
/// <remarks>
/// Every text cell, phone numbers and ids included, is an inline string, so a spreadsheet neither runs it as a formula nor
/// reads <c>+12085550100</c> as a number; the CSV's formula guard (a leading <c>'</c>) is not needed there and is dropped.
/// Seconds, rates and amounts are number cells. Rows are written as they are read (the SDK's SAX writer) into a zip entry of a temporary
/// file, compressed as they go: a long detail is never held in memory, only its summaries.
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
            // The package is zipped here entry by entry (a zip in create mode compresses each entry as it is written): the SDK's own
            // package opens its zip for update, which holds every part uncompressed in memory until it is saved.
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                UsageTotals summary;
                await using (var calls = zip.CreateEntry("xl/worksheets/sheet3.xml").Open())
                {
                    summary = await WriteCallsAsync(calls, usageCsv, cancellationToken);
                }

                using (var components = zip.CreateEntry("xl/worksheets/sheet1.xml").Open())
                {
                    WriteSummary(components, ["location", "component", "calls", "attempts", "charged_minutes", "amount", "currency"], summary.Components, summary);
                }

                using (var numbers = zip.CreateEntry("xl/worksheets/sheet2.xml").Open())
                {
                    WriteSummary(numbers, ["location", "number", "calls", "attempts", "charged_minutes", "amount", "currency"], summary.Numbers, summary);
                }

                WritePackageParts(zip);
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

    /// <summary>The workbook, its three sheets in the order a person reads them, and the package's content types and relationships.</summary>
    private static void WritePackageParts(ZipArchive zip)
    {
        const string Sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
        Entry(zip, "[Content_Types].xml", new XElement(ContentTypes + "Types",
            new XElement(ContentTypes + "Default", new XAttribute("Extension", "rels"), new XAttribute("ContentType", "application/vnd.openxmlformats-package.relationships+xml")),
            new XElement(ContentTypes + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/xml")),
            new XElement(ContentTypes + "Override", new XAttribute("PartName", "/xl/workbook.xml"),
                new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
            SheetNames.Select((_, i) => new XElement(ContentTypes + "Override", new XAttribute("PartName", $"/xl/worksheets/sheet{i + 1}.xml"), new XAttribute("ContentType", Sheet)))));
        Entry(zip, "_rels/.rels", new XElement(Relationships + "Relationships", new XElement(Relationships + "Relationship", new XAttribute("Id", "rId1"),
            new XAttribute("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"), new XAttribute("Target", "xl/workbook.xml"))));
        Entry(zip, "xl/_rels/workbook.xml.rels", new XElement(Relationships + "Relationships", SheetNames.Select((_, i) => new XElement(Relationships + "Relationship",
            new XAttribute("Id", $"rId{i + 1}"), new XAttribute("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"),
            new XAttribute("Target", $"worksheets/sheet{i + 1}.xml")))));
        using var workbook = zip.CreateEntry("xl/workbook.xml").Open();
        new Workbook(new Sheets(SheetNames.Select((name, i) => new Sheet { Id = $"rId{i + 1}", SheetId = (uint)(i + 1), Name = name }))).Save(workbook);
    }

    private static readonly XNamespace ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly string[] SheetNames = ["By component", "By number", "Calls"];

    private static void Entry(ZipArchive zip, string name, XElement root)
    {
        using var stream = zip.CreateEntry(name).Open();
        new XDocument(new XDeclaration("1.0", "UTF-8", "yes"), root).Save(stream);
    }

    private static async Task<UsageTotals> WriteCallsAsync(Stream part, Stream usageCsv, CancellationToken cancellationToken)
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

    private static void WriteSummary(Stream part, string[] header, IReadOnlyDictionary<(int Location, string Key), UsageTotals.Group> groups, UsageTotals totals)
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
