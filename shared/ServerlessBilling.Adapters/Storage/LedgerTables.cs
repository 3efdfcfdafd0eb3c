using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>The tables the identity claims and the usage rows are spread over, and which of them holds a claim or an account's rows.</summary>
/// <remarks>
/// <para>Why: Azurite keeps a table as one collection with sorted indexes over all its rows, so an insert costs more the more rows the
/// table holds; a million-line CDR file wrote a million claims and a million rows into two tables and slowed down as they filled
/// (docs/performance.md, "What bounds the first drop on Azurite"). Spread over <see cref="Count"/> tables each holds a share.</para>
/// <para>A claim goes to the table of its identity bucket (<see cref="EventIdentityKeys.Bucket"/> mod <see cref="Count"/>), or with
/// more tables than buckets to the table of a part of its bucket (<see cref="ClaimsTableOf"/>): a call's components share the id's
/// hash, so a claim transaction still writes one table. An account's usage rows go to the table of a hash of
/// the account id (not the period), so every period of an account, and the range query that lists them, stays in one table.</para>
/// <para>Table 0 keeps the plain names (<c>EventIdentities</c>, <c>Usage</c>); the others are suffixed <c>01</c> to <c>63</c>. With
/// one table the layout is exactly the one before tables were spread. The count is part of every key's place:
/// <see cref="LedgerLayoutRecord"/> keeps an account from being read with another.</para>
/// </remarks>
public sealed class LedgerTables
{
    public static IReadOnlyList<int> Allowed { get; } = [1, 2, 4, 8, 16, 32, 64];

    /// <summary>One table each: <c>EventIdentities</c> and <c>Usage</c>.</summary>
    public static LedgerTables Single { get; } = new(1);

    public LedgerTables(int count)
    {
        if (!Allowed.Contains(count))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The ledger tables are one of {string.Join(", ", Allowed)}.");
        }

        Count = count;
        ClaimsTables = [.. Enumerable.Range(0, count).Select(i => Name(StorageNames.EventIdentitiesTable, i))];
        UsageTables = [.. Enumerable.Range(0, count).Select(i => Name(StorageNames.UsageTable, i))];
    }

    public int Count { get; }

    public IReadOnlyList<string> ClaimsTables { get; }

    public IReadOnlyList<string> UsageTables { get; }

    /// <summary>The index of the claims table of <paramref name="identity"/>: up to 16 tables, its bucket mod the count; with 32 or 64,
    /// the first 5 or 6 bits of the hash that names the bucket (its first 4), so each table holds a half or a quarter of one bucket.</summary>
    public int ClaimsTableOf(EventIdentity identity) =>
        Count <= EventIdentityKeys.Buckets ? EventIdentityKeys.Bucket(identity) % Count : EventIdentityKeys.HashByte(identity) >> (8 - int.Log2(Count));

    /// <summary>The index of the usage table of every row of <paramref name="accountId"/>: the first byte of the SHA-256 of the id, so
    /// it is the same in every process and release.</summary>
    public int UsageTableOf(string accountId) =>
        Count == 1 ? 0 : SHA256.HashData(Encoding.UTF8.GetBytes(accountId))[0] % Count;

    private static string Name(string table, int index) => index == 0 ? table : table + index.ToString("00", CultureInfo.InvariantCulture);
}
