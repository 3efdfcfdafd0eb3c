using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;

namespace ServerlessBilling.Storage;

/// <summary>The multipart body of an entity group transaction of inserts (the Table service's <c>$batch</c> format), written once into
/// one pooled buffer, and the answer read back from the response's text.</summary>
internal sealed class TableBatchBody : IBufferWriter<byte>, IDisposable
{
    // Quotes in a row's JSON document are escaped as \" rather than \u0022: the body is sent, never embedded in HTML.
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int written;

    private TableBatchBody()
    {
    }

    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, written);

    /// <returns>The body, or null when a row holds a property of a type written here by no rule (the caller then uses the SDK).</returns>
    public static TableBatchBody? TryWrite(string tableUri, IReadOnlyList<TableEntity> rows, string batch)
    {
        var body = new TableBatchBody();
        var changeset = Guid.NewGuid().ToString();
        body.Text($"--batch_{batch}\r\nContent-Type: multipart/mixed; boundary=changeset_{changeset}\r\n\r\n");
        using var writer = new Utf8JsonWriter(body, Json);
        foreach (var row in rows)
        {
            body.Text($"--changeset_{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
                $"POST {tableUri} HTTP/1.1\r\nAccept: application/json;odata=minimalmetadata\r\nContent-Type: application/json\r\n" +
                "Prefer: return-no-content\r\nDataServiceVersion: 3.0\r\n\r\n");
            writer.Reset(body);
            if (!TryWriteEntity(writer, row))
            {
                body.Dispose();
                return null;
            }

            writer.Flush();
            body.Text("\r\n");
        }

        body.Text($"--changeset_{changeset}--\r\n--batch_{batch}--\r\n");
        return body;
    }

    /// <summary>The first status of the changeset's parts that is not a success, or 0 when every part succeeded. A refused transaction
    /// answers with the one failed operation's status (409 for a row that is there already).</summary>
    public static int Answer(string response)
    {
        const string StatusLine = "HTTP/1.1 ";
        for (var at = response.IndexOf(StatusLine, StringComparison.Ordinal); at >= 0; at = response.IndexOf(StatusLine, at + 1, StringComparison.Ordinal))
        {
            var start = at + StatusLine.Length;
            if (start + 3 <= response.Length && int.TryParse(response.AsSpan(start, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
                && status is < 200 or >= 300)
            {
                return status;
            }
        }

        return 0;
    }

    private static bool TryWriteEntity(Utf8JsonWriter writer, TableEntity row)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in row)
        {
            if (name is "odata.etag" or "Timestamp" || value is null)
            {
                continue;
            }

            switch (value)
            {
                case string text:
                    writer.WriteString(name, text);
                    break;
                case DateTimeOffset at:
                    writer.WriteString(name, at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
                    writer.WriteString(name + "@odata.type", "Edm.DateTime");
                    break;
                case int number:
                    writer.WriteNumber(name, number);
                    break;
                case long number:
                    writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                    writer.WriteString(name + "@odata.type", "Edm.Int64");
                    break;
                case bool flag:
                    writer.WriteBoolean(name, flag);
                    break;
                case Guid id:
                    writer.WriteString(name, id);
                    writer.WriteString(name + "@odata.type", "Edm.Guid");
                    break;
                default:
                    return false;
            }
        }

        writer.WriteEndObject();
        return true;
    }

    private void Text(string ascii)
    {
        var span = GetSpan(Encoding.UTF8.GetMaxByteCount(ascii.Length));
        Advance(Encoding.UTF8.GetBytes(ascii, span));
    }

    public void Advance(int count) => written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(written);
    }

    private void Ensure(int sizeHint)
    {
        if (buffer.Length - written >= Math.Max(sizeHint, 256))
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, written + sizeHint));
        buffer.AsSpan(0, written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }
}
