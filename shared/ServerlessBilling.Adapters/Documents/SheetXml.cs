using System.Globalization;
using System.Text;
using System.Xml;

namespace ServerlessBilling.Documents;

/// <summary>A SpreadsheetML worksheet written as it goes with the framework's <see cref="XmlWriter"/>: rows of inline-string and number
/// cells, the markup the Open XML SDK's writer produced for the same cells (its <c>x</c> prefix, a BOM, <c>&lt;x:t&gt;&lt;/x:t&gt;</c> for
/// an empty text), so the workbook reads the same in a spreadsheet and in the SDK.</summary>
/// <remarks>Not the SDK's <c>OpenXmlWriter</c>: that allocates an element object per cell and, on first use in a process, loads its
/// 6 MB assembly, compiles expression trees and JITs its code. A million-call close paid about 10 MiB of resident set for that in its
/// documents step, the step that set its peak (docs/performance.md, "The documents step").</remarks>
internal sealed class SheetXml : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), CloseOutput = false };

    private readonly XmlWriter writer;

    private SheetXml(Stream part)
    {
        writer = XmlWriter.Create(part, Settings);
        writer.WriteStartDocument();
        writer.WriteStartElement("x", "worksheet", Main);
        writer.WriteStartElement("x", "sheetData", Main);
    }

    /// <summary>Starts a worksheet in <paramref name="part"/>; <see cref="Dispose"/> ends it and flushes, leaving the stream open.</summary>
    public static SheetXml Start(Stream part) => new(part);

    public void StartRow() => writer.WriteStartElement("x", "row", Main);

    public void EndRow() => writer.WriteEndElement();

    /// <summary>An inline string, never read as a formula or a number.</summary>
    public void Text(string value)
    {
        writer.WriteStartElement("x", "c", Main);
        writer.WriteAttributeString("t", "inlineStr");
        writer.WriteStartElement("x", "is", Main);
        writer.WriteStartElement("x", "t", Main);
        writer.WriteString(value);
        writer.WriteFullEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>A number cell, invariant as the CSV writes it (trailing zeros kept).</summary>
    public void Number(decimal value)
    {
        writer.WriteStartElement("x", "c", Main);
        writer.WriteAttributeString("t", "n");
        writer.WriteStartElement("x", "v", Main);
        writer.WriteString(value.ToString(CultureInfo.InvariantCulture));
        writer.WriteFullEndElement();
        writer.WriteEndElement();
    }

    public void Dispose()
    {
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
        writer.Dispose();
    }
}
