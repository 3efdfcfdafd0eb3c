using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Storage;

/// <summary>Usage rows that hold several calls of one CDR batch: the calls at positions <c>[k·50, (k+1)·50)</c> of one message
/// that bill in one account period share a row, keyed by the message's delivery name and <c>k</c>.</summary>
/// <remarks>
/// <para>Why: the table store's cost is per row as much as per byte (on Azurite, one thread parses, indexes and keeps every row), and a
/// CDR line was two rows, its claim and its usage row. Fifty calls a row make it about one (docs/performance.md, "Usage rows that hold
/// fifty calls").</para>
/// <para>Exactly once: a row per identity made a second write of a call fail on its key. In a pack, the key is where a call must go,
/// and every writer of a call puts it there: its place follows from the claim's delivery name and position alone
/// (<see cref="KeyOf(string?)"/>), which only a replacement changes, and a replacement names itself as the delivery (no position), so its
/// version has a row of its own. The claiming delivery inserts its packs; a delivery that completes a claim whose row is missing
/// (<see cref="UsageRecording"/>) merges the call into the same pack with the row's ETag, as does the claimant when its insert finds
/// the pack there. A call is in its pack at most once whichever writes first, and never also in a row of its own, since a call that
/// can be packed is never written alone.</para>
/// <para>Row keys begin with <c>%7E</c>, which <see cref="TableKeys.Escape"/> never writes, so no identity's row key is a pack's.
/// The calls' documents are kept newline-separated (a compact JSON document has no raw newline) in properties of at most
/// <see cref="PropertyChars"/> characters (the service's limit is 64 KiB of UTF-16), their identity keys in <c>Keys</c>, and the
/// earliest and latest start and the source as columns, so a vendor's month is still found by a filter.</para>
/// </remarks>
internal static class UsagePacks
{
    /// <summary>The most calls a pack holds.</summary>
    public const int CallsAPack = 50;

    /// <summary>A call whose document is longer keeps a row of its own: fifty of them stay under the service's 1 MiB a row.</summary>
    public const int MaxDocumentChars = 9_000;

    /// <summary>The start of every pack's row key, and the first key after them.</summary>
    public const string KeyPrefix = "%7E";

    public const string KeysAfter = "%7F";

    public const string KeysProperty = "Keys";

    public const string LastStartedAtProperty = "LastStartedAt";

    private const int PropertyChars = 30_000;

    /// <summary>The pack a call goes to: null when its delivery is no CDR batch's (a webhook message, a replacement, none) or its
    /// document is too long.</summary>
    public static string? KeyOf(string? delivery, int documentChars) =>
        documentChars > MaxDocumentChars ? null : KeyOf(delivery);

    /// <summary>The pack a call of this delivery would be in, whatever its length; null when the delivery is no CDR batch's.</summary>
    public static string? KeyOf(string? delivery)
    {
        if (FinishedBatches.ClaimingBatch(delivery) is null)
        {
            return null;
        }

        var hash = delivery!.LastIndexOf('#');
        if (!int.TryParse(delivery.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return null;
        }

        // The message's name can be long (it holds the file's name), and a row key at most 1 KiB: 128 bits of its hash name it.
        var message = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(delivery[..hash])).AsSpan(0, 16));
        return string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{message}.{position / CallsAPack:D6}");
    }

    public static bool IsPack(TableEntity entity) => entity.RowKey.StartsWith(KeyPrefix, StringComparison.Ordinal);

    /// <summary>The filter of a partition's packs.</summary>
    public static string PacksOf(string partition) =>
        $"PartitionKey eq {TableKeys.Literal(partition)} and RowKey ge {TableKeys.Literal(KeyPrefix)} and RowKey lt {TableKeys.Literal(KeysAfter)}";

    /// <summary>The identity row keys of the calls a pack holds, in the order of its documents.</summary>
    public static string[] Keys(TableEntity pack) => pack.GetString(KeysProperty) is { Length: > 0 } keys ? keys.Split('\n') : [];

    /// <summary>The calls' documents, in the order of <see cref="Keys"/>.</summary>
    public static IEnumerable<string> Documents(TableEntity pack)
    {
        for (var i = 0; pack.GetString(PropertyName(i)) is { } part; i++)
        {
            foreach (var document in part.Split('\n'))
            {
                yield return document;
            }
        }
    }

    public static IEnumerable<RatedUsage> Read(TableEntity pack) => Documents(pack).Select(Deserialize);

    public static RatedUsage Deserialize(string document) =>
        JsonSerializer.Deserialize<RatedUsage>(document, BillingJson.Options) ?? throw new InvalidDataException("A usage pack holds an empty document.");

    /// <summary>A pack of <paramref name="calls"/> (identity key and document each), kept in key order.</summary>
    public static TableEntity Create(string partition, string key, IEnumerable<PackedCall> calls)
    {
        var sorted = calls.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var pack = new TableEntity(partition, key)
        {
            [KeysProperty] = string.Join('\n', sorted.Select(c => c.Key)),
            ["StartedAt"] = sorted.Min(c => c.StartedAt),
            [LastStartedAtProperty] = sorted.Max(c => c.StartedAt),
            ["Source"] = sorted[0].Source,
        };
        var part = new StringBuilder();
        var index = 0;
        foreach (var call in sorted)
        {
            if (part.Length > 0 && part.Length + 1 + call.Document.Length > PropertyChars)
            {
                pack[PropertyName(index++)] = part.ToString();
                part.Clear();
            }

            part.Append(part.Length > 0 ? "\n" : "").Append(call.Document);
        }

        pack[PropertyName(index)] = part.ToString();
        return pack;
    }

    /// <summary>The calls a stored pack holds, to write it again with some added, changed or taken out.</summary>
    public static IEnumerable<PackedCall> CallsOf(TableEntity pack) =>
        Keys(pack).Zip(Documents(pack), (key, document) => PackedCall.Of(key, document));

    private static string PropertyName(int index) =>
        index == 0 ? JsonDocumentEntity.DocumentProperty : JsonDocumentEntity.DocumentProperty + index.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One call in a pack: its identity's row key, its document and the columns a pack keeps of it.</summary>
internal sealed record PackedCall(string Key, string Document, DateTimeOffset StartedAt, string Source)
{
    public static PackedCall Of(RatedUsage rated, string document) =>
        new(EventIdentityKeys.Row(rated.Event.Identity), document, rated.Event.StartedAt.ToDateTimeOffset(), rated.Event.Source);

    public static PackedCall Of(string key, string document)
    {
        var rated = UsagePacks.Deserialize(document);
        return new(key, document, rated.Event.StartedAt.ToDateTimeOffset(), rated.Event.Source);
    }
}
