using System.Text;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Upstream;

/// <summary>Reads one page of a statement from a stream opened at the cursor's byte offset, holding one page in memory at most.</summary>
/// <remarks>Lines end with <c>\n</c> (a <c>\r</c> before it is dropped); a UTF-8 byte order mark at the start of the file is skipped. The
/// first non-empty line of the file is its header. Each page starts where the last one stopped, so a statement of any size is read
/// once, page by page, and a page read again after a crash reads the same lines.</remarks>
public static class StatementPageReader
{
    private const int BufferSize = 64 * 1024;

    /// <returns>The page's lines and the cursor after them, or a null cursor when the file ended.</returns>
    public static async Task<(List<StatementLine> Lines, StatementCursor? Next)> ReadAsync(
        Stream stream, string format, StatementCursor cursor, int pageSize, CancellationToken cancellationToken)
    {
        var page = new Page(format, cursor, pageSize);
        var buffer = new byte[BufferSize];
        int read;
        while (!page.IsFull && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            page.Consume(buffer.AsSpan(0, read));
        }

        if (!page.IsFull)
        {
            page.End();
        }

        return (page.Lines, page.IsFull ? page.Cursor : null);
    }

    private sealed class Page(string format, StatementCursor cursor, int pageSize)
    {
        private readonly MemoryStream pending = new();
        private readonly List<string> fields = [];
        private string? headerText = cursor.Header;
        private CsvHeader? header;
        private long offset = cursor.Offset;
        private long number = cursor.Line;

        public List<StatementLine> Lines { get; } = new(pageSize);

        public bool IsFull => Lines.Count >= pageSize;

        public StatementCursor Cursor => new(offset, headerText, number);

        public void Consume(ReadOnlySpan<byte> bytes)
        {
            while (!IsFull)
            {
                var newline = bytes.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    pending.Write(bytes);
                    return;
                }

                pending.Write(bytes[..newline]);
                bytes = bytes[(newline + 1)..];
                Handle(offset == 0, extra: 1);
            }
        }

        public void End()
        {
            if (pending.Length > 0)
            {
                Handle(offset == 0, extra: 0);
            }
        }

        private void Handle(bool atFileStart, int extra)
        {
            var span = pending.GetBuffer().AsSpan(0, (int)pending.Length);
            offset += span.Length + extra;
            number++;
            if (atFileStart && span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                span = span[3..];
            }

            if (span.Length > 0 && span[^1] == (byte)'\r')
            {
                span = span[..^1];
            }

            var text = Encoding.UTF8.GetString(span);
            pending.SetLength(0);
            if (text.Length == 0)
            {
                return;
            }

            if (headerText is null)
            {
                headerText = text;
                return;
            }

            header ??= HeaderOf(headerText);
            Lines.Add(CsvFields.TrySplit(text, fields, out var error)
                ? StatementFormat.Read(format, header, number, fields)
                : StatementLine.Bad(number, "line", error!));
        }

        private CsvHeader HeaderOf(string text)
        {
            CsvFields.TrySplit(text, fields, out _);
            return new CsvHeader([.. fields]);
        }
    }
}
