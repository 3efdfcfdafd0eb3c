using ServerlessBilling.Hosting;

namespace ServerlessBilling.Storage;

/// <summary>Section <c>Storage</c>: how the billing tables are laid out in the storage account.</summary>
public sealed class StorageSettings : ISettingsSection
{
    public static string Section => "Storage";

    /// <summary>How many tables the identity claims and the usage rows are each spread over (<see cref="LedgerTables"/>; 1, 2, 4, 8,
    /// 16, 32 or 64; default 1, today's <c>EventIdentities</c> and <c>Usage</c>). Part of where every claim and row lives: a storage account
    /// keeps the count it was first used with (<see cref="LedgerLayoutRecord"/>).</summary>
    /// <remarks>Azure's Table service serves partitions apart whatever table holds them, so more tables buy nothing there. Azurite
    /// keeps each table as one in-memory collection whose every insert costs more the more rows it holds, so the local host spreads
    /// them over 64 (docs/performance.md, "Measured (ledger tables)", "Claims over 64 tables").</remarks>
    public int? LedgerTables { get; set; }

    public IEnumerable<string> Problems() =>
        LedgerTables is { } count && !Storage.LedgerTables.Allowed.Contains(count)
            ? [$"Storage:LedgerTables: must be one of {string.Join(", ", Storage.LedgerTables.Allowed)} (was {count})."]
            : [];
}
