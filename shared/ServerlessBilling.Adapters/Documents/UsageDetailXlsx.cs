using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Documents;

/// <summary>An invoice's usage as a workbook for people, made from its stored usage CSV: a <c>By component</c> and a
/// <c>By number</c> summary, then <c>Calls</c>, one row per call; each sheet ends with a totals row whose amount is the
/// invoice's usage lines (the CSV's <c>total</c> row).</summary>
/// <remarks>
/// Every text cell, phone numbers and ids included, is an inline string, so a spreadsheet neither runs it as a formula nor
/// reads <c>+12085550100</c> as a number; the CSV's formula guard (a leading <c>'</c>) is not needed there and is dropped.
/// Seconds, rates and amounts are number cells. Rows are written as they are read (<see cref="SheetXml"/>) into a zip entry of a temporary
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
        Entry(zip, "xl/workbook.xml", new XElement(Main + "workbook", new XAttribute(XNamespace.Xmlns + "r", OfficeRelationships), new XElement(Main + "sheets", SheetNames.Select((name, i) => new XElement(Main + "sheet",
            new XAttribute("name", name), new XAttribute("sheetId", i + 1), new XAttribute(OfficeRelationships + "id", $"rId{i + 1}"))))));
    }

    private static readonly XNamespace ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
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
        using var sheet = SheetXml.Start(part);
        string[]? header = null;
        await foreach (var cells in CsvRows.ReadAsync(reader, cancellationToken))
        {
            if (header is null)
            {
                header = cells;
                Row(sheet, header);
                continue;
            }

            var row = header.Select((name, i) => (name, value: i < cells.Length ? cells[i] : "")).ToDictionary(c => c.name, c => c.value, StringComparer.Ordinal);
            sheet.StartRow();
            if (row["call_id"] == UsageDetailCsv.TotalRow)
            {
                totals.Close(Number(row["amount"]), row["currency"]);
                foreach (var name in header)
                {
                    switch (name)
                    {
                        case "call_id": sheet.Text("Total"); break;
                        case "amount": sheet.Number(totals.InvoiceAmount); break;
                        case "currency": sheet.Text(totals.Currency); break;
                        case "seconds" or "billable_seconds" or "included_seconds" or "charged_seconds": sheet.Number(totals.Sum(name)); break;
                        default: sheet.Text(""); break;
                    }
                }
            }
            else
            {
                totals.Add(row);
                foreach (var name in header)
                {
                    if (NumberColumns.Contains(name) && row[name].Length > 0)
                    {
                        sheet.Number(Number(row[name]));
                    }
                    else
                    {
                        sheet.Text(Unguarded(row[name]));
                    }
                }
            }

            sheet.EndRow();
        }

        return totals;
    }

    private static void WriteSummary(Stream part, string[] header, IReadOnlyDictionary<(int Location, string Key), UsageTotals.Group> groups, UsageTotals totals)
    {
        using var sheet = SheetXml.Start(part);
        Row(sheet, header);
        foreach (var ((location, key), group) in groups.OrderBy(g => g.Key.Location).ThenBy(g => g.Key.Key, StringComparer.Ordinal))
        {
            SummaryRow(sheet, Unguarded(totals.Locations[location]), Unguarded(key), group.Calls, group.Attempts, group.ChargedSeconds, group.Amount, totals.Currency);
        }

        SummaryRow(sheet, "Total", "", groups.Values.Sum(g => g.Calls), groups.Values.Sum(g => g.Attempts), groups.Values.Sum(g => g.ChargedSeconds),
            totals.InvoiceAmount, totals.Currency);
    }

    private static void SummaryRow(SheetXml sheet, string location, string key, int calls, int attempts, long chargedSeconds, decimal amount, string currency)
    {
        sheet.StartRow();
        sheet.Text(location);
        sheet.Text(key);
        sheet.Number(calls);
        sheet.Number(attempts);
        sheet.Number(chargedSeconds / 60m);
        sheet.Number(amount);
        sheet.Text(currency);
        sheet.EndRow();
    }

    /// <summary>The text without the CSV's formula guard: an inline string is never run as a formula.</summary>
    private static string Unguarded(string text) =>
        text is ['\'', '=' or '+' or '-' or '@' or '\t' or '\r', ..] ? text[1..] : text;

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    private static void Row(SheetXml sheet, string[] texts)
    {
        sheet.StartRow();
        foreach (var text in texts)
        {
            sheet.Text(text);
        }

        sheet.EndRow();
    }
}
