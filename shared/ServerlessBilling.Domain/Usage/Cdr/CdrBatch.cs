using System.Globalization;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>Where a rating message's events came from: lines <see cref="FirstLine"/> to <see cref="LastLine"/> of one CDR file version,
/// all of them, or with a <see cref="Part"/> the events of one account among them (<see cref="FirstLine"/> is then the first line of
/// the read window the part was cut from, and <see cref="LastLine"/> the line of the part's last event).</summary>
/// <remarks>A read resumed after a crash starts its next window after the last checkpoint and cuts it into the same parts, so a batch
/// queued again has the same lines, part and key.</remarks>
/// <param name="Part">The message's place among the messages cut from the read window that starts at <see cref="FirstLine"/>
/// (from 0); null in messages of a whole batch of lines, as files were read before they were grouped by account.</param>
public sealed record CdrBatch(string File, string ETag, long FirstLine, long LastLine, int? Part = null)
{
    /// <summary>The part of a message that carries its whole read window (<see cref="RatingMessage.Window"/>): beyond any part of one
    /// account (a window of 10,000 lines has at most 10,000), so the two ways of cutting a window never share a name.</summary>
    public const int WholeWindow = 999_999;

    /// <summary>The batch's name within its file version: the first line of its window, and its part when it has one.</summary>
    /// <remarks>Sorts in line order as text (the numbers are padded), so it keys the batch's row in the file's rating counts.</remarks>
    public string Key => Part is { } part
        ? string.Create(CultureInfo.InvariantCulture, $"{FirstLine:D19}.{part:D6}")
        : FirstLine.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>What names the message's deliveries across retries: the file version, the window's first line and the part.</summary>
    /// <remarks>A batch without a part keeps the name messages had before files were grouped by account, so a message queued
    /// before the change and retried after it is still known as the same delivery.</remarks>
    public string DeliveryName => Part is { } part
        ? string.Create(CultureInfo.InvariantCulture, $"{File}|{ETag}|{FirstLine}.{part}")
        : string.Create(CultureInfo.InvariantCulture, $"{File}|{ETag}|{FirstLine}");

    /// <summary>The batch a delivery name (<see cref="DeliveryName"/>) stands for, or null when the name is not a batch's (a webhook
    /// message's id, a replacement's name).</summary>
    /// <remarks>The name does not carry the last line, so the batch returned has <see cref="LastLine"/> = <see cref="FirstLine"/>: it
    /// serves to find the batch by <see cref="File"/>, <see cref="ETag"/> and <see cref="Key"/>. Read from the right, as an ETag holds
    /// no <c>|</c> and a file name may.</remarks>
    public static CdrBatch? FromDeliveryName(string name)
    {
        var last = name.LastIndexOf('|');
        var etag = last > 0 ? name.LastIndexOf('|', last - 1) : -1;
        if (etag <= 0)
        {
            return null;
        }

        var lines = name.AsSpan(last + 1);
        var dot = lines.IndexOf('.');
        int? part = null;
        if (dot >= 0)
        {
            if (!int.TryParse(lines[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return null;
            }

            part = parsed;
            lines = lines[..dot];
        }

        return long.TryParse(lines, NumberStyles.None, CultureInfo.InvariantCulture, out var firstLine)
            ? new CdrBatch(name[..etag], name[(etag + 1)..last], firstLine, firstLine, part)
            : null;
    }
}
