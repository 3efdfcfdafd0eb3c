using System.Globalization;
using System.Text;
using NodaTime;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Portal;

/// <summary>Where a page of the usage list ended: the last call shown, in the list's order (newest start first, then event id). The
/// next page starts after it, so calls that arrive meanwhile neither repeat nor push others off the page.</summary>
public readonly record struct UsageCursor(Instant StartedAt, string EventId)
{
    public static UsageCursor After(RatedUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return new UsageCursor(usage.Event.StartedAt, usage.Event.EventId);
    }

    /// <summary>The usage list's order: newest start first, then event id, so calls that started together keep one order.</summary>
    public static IOrderedEnumerable<RatedUsage> Order(IEnumerable<RatedUsage> usage) =>
        usage.OrderByDescending(u => u.Event.StartedAt).ThenByDescending(u => u.Event.EventId, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="usage"/> comes after this cursor in <see cref="Order"/>.</summary>
    public bool Precedes(RatedUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return usage.Event.StartedAt < StartedAt
            || (usage.Event.StartedAt == StartedAt && string.CompareOrdinal(usage.Event.EventId, EventId) < 0);
    }

    /// <summary>The cursor as URL-safe text (not a secret: it only names a call the session may already see).</summary>
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StartedAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture)}|{EventId}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The cursor <see cref="Encode"/> wrote; null for anything else.</summary>
    public static UsageCursor? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 512)
        {
            return null;
        }

        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|', 2);
            return parts.Length == 2 && parts[1].Length > 0 && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)
                ? new UsageCursor(Instant.FromUnixTimeTicks(ticks), parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
