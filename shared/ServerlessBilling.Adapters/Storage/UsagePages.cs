using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Storage;

/// <summary>Usage rows read a page of calls at a time, whether a row holds one call or a pack of them (<see cref="UsagePacks"/>):
/// a page holds at most the limit of calls, and may end inside a pack, the next page going on with the rest of it.</summary>
/// <remarks>
/// <para>The cursor names the last row read and, when the page ended inside a pack, the key of the last call it returned:
/// <c>u1.{calls a row}.{partition}.{row}.{call}</c>, the keys base64url. The next page reads from that row on (<c>RowKey ge</c>) and
/// skips the pack's calls whose keys are at or before that key, or from the row after (<c>RowKey gt</c>) when the row was done.
/// A pack rewritten in between (a call merged in or taken out) keeps its calls in key order, so none that was there before is
/// skipped or listed twice. A continuation token of the table service, as pages were resumed before packs, is still read from.</para>
/// <para>A pack can be fifty calls, an ordinary row one: a page asks the service for as many rows as the calls still wanted divided
/// by the calls a row seen so far (carried in the cursor; fifty on a first page), so a page of packs does not fetch fifty times the
/// rows it returns, and a page of ordinary rows costs one request once the cursor knows.</para>
/// </remarks>
/// <param name="filter">The rows to read, as an OData filter; null for every row of the table.</param>
/// <param name="manyPartitions">Whether the filter spans partitions: a page then resumes with the rest of its last partition and
/// then the partitions after it, two range queries rather than one <c>or</c>.</param>
internal sealed class UsagePages(TableClient table, string? filter, bool manyPartitions)
{
    private const string Version = "u1";

    private const int MaxRowsARequest = 1000;

    /// <summary>Whether a call read from a pack is listed (a pack is found by the range of its calls; its calls are checked one by one).</summary>
    public Func<RatedUsage, bool> KeepPacked { get; init; } = _ => true;

    /// <summary>Whether any call read is listed.</summary>
    public Func<RatedUsage, bool> Keep { get; init; } = _ => true;

    /// <summary>The calls from <paramref name="cursor"/> on (the start when null), at most <paramref name="limit"/>, and the cursor
    /// of the rest: null when there is nothing more.</summary>
    /// <exception cref="ArgumentException">The cursor is none this reader issued nor a continuation token of the service.</exception>
    public async Task<(IReadOnlyList<RatedUsage> Calls, string? Next)> ReadAsync(string? cursor, int limit, CancellationToken cancellationToken)
    {
        var start = Parse(cursor);
        var calls = new List<RatedUsage>(limit);
        var segments = Segments(start);
        var rowsRead = 0;
        for (var s = 0; s < segments.Count; s++)
        {
            var token = segments[s].ServiceToken;
            do
            {
                var rowsWanted = Math.Clamp(Divide(limit - calls.Count, rowsRead == 0 ? start.CallsARow : CallsARow(calls.Count, rowsRead)), 1, MaxRowsARequest);
                (var rows, token) = await TablePaging.OneRequestAsync(table, segments[s].Filter, token, rowsWanted, cancellationToken);
                for (var r = 0; r < rows.Count; r++)
                {
                    var row = rows[r];
                    rowsRead++;
                    string? lastOfRow = null;
                    foreach (var (key, call) in CallsOf(row, start))
                    {
                        if (calls.Count == limit)
                        {
                            // Full inside a row: calls of it are left, so the next page starts in it, after the last one listed.
                            return (calls, Encode(CallsARow(calls.Count, rowsRead), row.PartitionKey, row.RowKey, lastOfRow));
                        }

                        calls.Add(call);
                        lastOfRow = key;
                    }

                    if (calls.Count == limit)
                    {
                        var more = r + 1 < rows.Count || token is not null || s + 1 < segments.Count;
                        return (calls, more ? Encode(CallsARow(calls.Count, rowsRead), row.PartitionKey, row.RowKey, null) : null);
                    }
                }
            }
            while (token is not null);
        }

        return (calls, null);
    }

    private IEnumerable<(string Key, RatedUsage Call)> CallsOf(TableEntity row, Position start)
    {
        var resumed = start.AfterCall is not null && row.PartitionKey == start.Partition && row.RowKey == start.Row;
        if (!UsagePacks.IsPack(row))
        {
            var call = JsonDocumentEntity.Read<RatedUsage>(row);
            if (!(resumed && string.CompareOrdinal(row.RowKey, start.AfterCall) <= 0) && Keep(call))
            {
                yield return (row.RowKey, call);
            }

            yield break;
        }

        foreach (var (key, document) in UsagePacks.Keys(row).Zip(UsagePacks.Documents(row)))
        {
            if (resumed && string.CompareOrdinal(key, start.AfterCall) <= 0)
            {
                continue;
            }

            var call = UsagePacks.Deserialize(document);
            if (KeepPacked(call) && Keep(call))
            {
                yield return (key, call);
            }
        }
    }

    /// <summary>The queries a page reads in turn, each with the service's token to start from (an older cursor's).</summary>
    private List<(string? Filter, string? ServiceToken)> Segments(Position start)
    {
        if (start.Row is null)
        {
            return [(filter, start.ServiceToken)];
        }

        var rows = start.AfterCall is null ? "gt" : "ge";
        var rest = $"RowKey {rows} {TableKeys.Literal(start.Row)}";
        if (!manyPartitions)
        {
            return [(And(filter, rest), null)];
        }

        var partition = TableKeys.Literal(start.Partition!);
        return [(And(filter, $"PartitionKey eq {partition} and {rest}"), null), (And(filter, $"PartitionKey gt {partition}"), null)];
    }

    private static string And(string? filter, string clause) => filter is null ? clause : $"({filter}) and {clause}";

    private static int CallsARow(int calls, int rows) => Math.Clamp(calls / Math.Max(rows, 1), 1, UsagePacks.CallsAPack);

    private static int Divide(int calls, int callsARow) => (calls + callsARow - 1) / callsARow;

    private static string Encode(int callsARow, string partition, string row, string? afterCall) =>
        string.Join('.', Version, callsARow.ToString(CultureInfo.InvariantCulture), Base64Url(partition), Base64Url(row), afterCall is null ? "" : Base64Url(afterCall));

    private static Position Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return new Position(UsagePacks.CallsAPack, null, null, null, null);
        }

        var parts = cursor.Split('.');
        if (parts[0] != Version)
        {
            // The service's own token: where a page ended before packs were read (it names a row boundary).
            return new Position(UsagePacks.CallsAPack, cursor, null, null, null);
        }

        if (parts.Length == 5 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var callsARow) && callsARow is >= 1 and <= UsagePacks.CallsAPack
            && FromBase64Url(parts[2]) is { } partition && FromBase64Url(parts[3]) is { Length: > 0 } row && FromBase64Url(parts[4]) is { } afterCall)
        {
            return new Position(callsARow, null, partition, row, afterCall.Length > 0 ? afterCall : null);
        }

        throw new ArgumentException($"'{cursor}' is not a cursor of a usage list.", nameof(cursor));
    }

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string? FromBase64Url(string text) =>
        System.Buffers.Text.Base64Url.IsValid(text) ? Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(text)) : null;

    /// <summary>Where a page starts: a service token, or after a row (<paramref name="AfterCall"/> null) or inside it after a call.</summary>
    private sealed record Position(int CallsARow, string? ServiceToken, string? Partition, string? Row, string? AfterCall);
}
