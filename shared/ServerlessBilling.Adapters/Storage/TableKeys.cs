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

    /// <summary>An OData string literal for a filter (quotes doubled).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
