using System.Globalization;
using System.Text;

namespace ServerlessBilling.Storage;

/// <summary>Makes any text safe as a PartitionKey or RowKey, which may not hold / \ # ? or control characters.</summary>
public static class TableKeys
{
    public static string Escape(string value)
    {
        var safe = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                safe.Append('%').Append(((int)c).ToString("X2", null));
            }
            else
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }

    /// <summary>The text <see cref="Escape"/> made <paramref name="key"/> from.</summary>
    public static string Unescape(string key)
    {
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }

        var text = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length && int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, null, out var code))
            {
                text.Append((char)code);
                i += 2;
            }
            else
            {
                text.Append(key[i]);
            }
        }

        return text.ToString();
    }

    /// <summary>An OData string literal for a filter (quotes doubled).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
