using System.Buffers;
using System.Text.Json;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>How one payload is laid out in an archive segment: a one-line JSON header (name, content type, length), the bytes
/// exactly as received, and a newline; a segment is such frames one after another.</summary>
/// <remarks>A segment is only ever appended to whole groups of frames, so it is read front to back; a frame cut short can only
/// be the last one, from an append that failed, and was never acknowledged.</remarks>
internal static class RawArchiveFrame
{
    /// <summary>The longest header a reader accepts: names and content types are short.</summary>
    private const int MaxHeaderBytes = 8 * 1024;

    public static byte[] Encode(string name, string contentType, ReadOnlySpan<byte> content)
    {
        var header = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("contentType", contentType);
            json.WriteNumber("length", content.Length);
            json.WriteEndObject();
        }

        var frame = new byte[header.WrittenCount + 1 + content.Length + 1];
        header.WrittenSpan.CopyTo(frame);
        frame[header.WrittenCount] = (byte)'\n';
        content.CopyTo(frame.AsSpan(header.WrittenCount + 1));
        frame[^1] = (byte)'\n';
        return frame;
    }

    /// <summary>The payload in <paramref name="frame"/>, which holds one whole frame; null when it is not one.</summary>
    public static ArchivedPayload? Decode(ReadOnlyMemory<byte> frame, string archivedAs)
    {
        var end = frame.Span.IndexOf((byte)'\n');
        if (end < 0 || Header(frame.Span[..end]) is not { } header || frame.Length != end + 1 + header.Length + 1)
        {
            return null;
        }

        return new ArchivedPayload(archivedAs, header.Name, header.ContentType, frame.Slice(end + 1, header.Length));
    }

    /// <summary>Every whole frame in <paramref name="segment"/>, from the start, with its offset and length in bytes.</summary>
    public static async IAsyncEnumerable<(long Offset, int Length, ArchivedPayload Payload)> ReadAllAsync(
        Stream segment, Func<long, int, string> archivedAs, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long offset = 0;
        var line = new byte[MaxHeaderBytes];
        while (true)
        {
            var headerLength = await ReadLineAsync(segment, line, cancellationToken);
            if (headerLength < 0 || Header(line.AsSpan(0, headerLength)) is not { } header)
            {
                yield break;
            }

            var body = new byte[header.Length + 1];
            if (await segment.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken) < body.Length || body[^1] != (byte)'\n')
            {
                yield break;
            }

            var length = headerLength + 1 + body.Length;
            yield return (offset, length, new ArchivedPayload(archivedAs(offset, length), header.Name, header.ContentType, body.AsMemory(0, header.Length)));
            offset += length;
        }
    }

    /// <returns>The header line's length without its newline, or -1 at the end of the segment or past the longest header.</returns>
    private static async Task<int> ReadLineAsync(Stream segment, byte[] line, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        for (var length = 0; length < line.Length; length++)
        {
            if (await segment.ReadAsync(one, cancellationToken) == 0)
            {
                return -1;
            }

            if (one[0] == (byte)'\n')
            {
                return length;
            }

            line[length] = one[0];
        }

        return -1;
    }

    private static FrameHeader? Header(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var json = JsonDocument.ParseValue(ref reader);
            var root = json.RootElement;
            return root.TryGetProperty("name", out var name) && name.GetString() is { } n
                && root.TryGetProperty("contentType", out var type) && type.GetString() is { } t
                && root.TryGetProperty("length", out var length) && length.TryGetInt32(out var l) && l >= 0
                ? new FrameHeader(n, t, l)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record FrameHeader(string Name, string ContentType, int Length);
}
