using Azure;
using Azure.Data.Tables;

namespace ServerlessBilling.Storage;

/// <summary>The claim row that serializes the assignments of one number or one agent: it lists every holding of it, and
/// an assignment is stored only after the claim that admits it is written under the ETag it was read at.</summary>
/// <remarks>
/// Two writers racing for overlapping days both read the claim, but only the first write lands; the second gets 409 (both
/// inserting) or 412 (both updating), reads the claim again, now listing the winner, and answers a conflict. Checking the
/// assignment rows instead would not do: the winner writes them after its check, so a reader between the two sees nothing.
/// A number or agent assigned before claims existed gets its claim from its assignment rows, on its next assignment.
/// <para>A crash after the claim and before the assignment rows leaves a holding only the claim knows (an orphan: the writer
/// answered an error, so nobody was told it holds). The next assignment that the orphan would block checks the holder's
/// assignment row: a holding whose row was written stands (and a half-written one, missing its by-account row, is completed);
/// one without is stale and is dropped from the claim in the same conditional write that admits the new assignment. A writer
/// that is merely slow, not dead, may be judged stale the same way; it finds out after writing its rows, when it reads the claim
/// again and its holding is gone: it deletes the rows it wrote (under their ETags) and judges its assignment again, against the
/// holding that replaced it. The same assignment sent again after a crash still writes its rows.</para>
/// </remarks>
internal static class HoldingClaims
{
    private const string ClaimRow = "claim";

    /// <summary>Claims <paramref name="wanted"/> in the claim row of <paramref name="partitionKey"/>.</summary>
    /// <param name="stored">The holdings in the assignment rows, for a claim row not written yet.</param>
    /// <param name="blocks">Whether a holding stops the wanted one (another account, overlapping days).</param>
    /// <param name="replaced">Whether a holding is the one the wanted one replaces (same holder and first day).</param>
    /// <param name="stands">Whether a blocking holding's assignment rows were written, completing them when only the first was; false
    /// for an orphan, which is then released.</param>
    /// <returns>The holding that stops <paramref name="wanted"/>; null once the claim admitting it is written.</returns>
    public static async Task<T?> ClaimAsync<T>(
        TableClient table,
        string partitionKey,
        T wanted,
        Func<CancellationToken, Task<IReadOnlyList<T>>> stored,
        Func<T, bool> blocks,
        Func<T, bool> replaced,
        Func<T, CancellationToken, Task<bool>> stands,
        CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, ClaimRow, cancellationToken: cancellationToken);
            var held = row.HasValue ? JsonDocumentEntity.Read<List<T>>(row.Value!) : [.. await stored(cancellationToken)];
            var orphans = new List<T>();
            foreach (var holder in held.Where(blocks))
            {
                if (await stands(holder, cancellationToken))
                {
                    return holder;
                }

                orphans.Add(holder);
            }

            var claim = JsonDocumentEntity.Create(partitionKey, ClaimRow, held.Where(h => !replaced(h) && !orphans.Contains(h)).Append(wanted).ToList());
            try
            {
                if (row.HasValue)
                {
                    await table.UpdateEntityAsync(claim, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(claim, cancellationToken);
                }

                return null;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another assignment of the same number or agent was claimed meanwhile: judge this one against it.
            }
        }
    }

    /// <summary>Whether the claim still lists <paramref name="wanted"/>, read after its rows were written: false when another writer
    /// judged it an orphan meanwhile (see the remarks), and the rows must go.</summary>
    private static async Task<bool> StillHeldAsync<T>(TableClient table, string partitionKey, T wanted, CancellationToken cancellationToken)
        where T : class
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, ClaimRow, cancellationToken: cancellationToken);
        return row.HasValue && JsonDocumentEntity.Read<List<T>>(row.Value!).Contains(wanted);
    }

    /// <summary>Deletes rows this writer wrote, each under the ETag its write answered, so a row another writer wrote since stays.</summary>
    private static async Task WithdrawAsync(TableClient table, IEnumerable<(string Partition, string Row, ETag ETag)> written, CancellationToken cancellationToken)
    {
        foreach (var (partition, rowKey, etag) in written)
        {
            try
            {
                await table.DeleteEntityAsync(partition, rowKey, etag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone already, or rewritten by the writer whose holding replaced this one: theirs now.
            }
        }
    }

    /// <summary>Writes an admitted holding's two rows, then reads its claim again: false (the rows withdrawn) when another writer
    /// released the holding as an orphan meanwhile, so the caller judges it again.</summary>
    public static async Task<bool> WriteAsync<T>(TableClient table, string claim, HoldingRows rows, T holding, CancellationToken cancellationToken)
        where T : class
    {
        var byHolding = await table.UpsertEntityAsync(JsonDocumentEntity.Create(rows.Partition, rows.Row, holding), TableUpdateMode.Replace, cancellationToken);
        var byAccount = await table.UpsertEntityAsync(JsonDocumentEntity.Create(rows.AccountPartition, rows.AccountRow, holding), TableUpdateMode.Replace, cancellationToken);
        if (await StillHeldAsync(table, claim, holding, cancellationToken))
        {
            return true;
        }

        await WithdrawAsync(
            table, [(rows.Partition, rows.Row, byHolding.Headers.ETag ?? ETag.All), (rows.AccountPartition, rows.AccountRow, byAccount.Headers.ETag ?? ETag.All)], cancellationToken);
        return false;
    }

    /// <summary>Whether a holding its claim lists was written: its row under the number or agent exists. The claim is what was admitted,
    /// so a row that is missing under the account, or holds another version, is written as the claim says (completing the holding).</summary>
    public static async Task<bool> StandsAsync<T>(TableClient table, HoldingRows rows, T holding, CancellationToken cancellationToken)
        where T : class
    {
        var byHolding = await table.GetEntityIfExistsAsync<TableEntity>(rows.Partition, rows.Row, cancellationToken: cancellationToken);
        if (!byHolding.HasValue)
        {
            return false; // an orphan: the writer stopped between its claim and its rows
        }

        if (!JsonDocumentEntity.Read<T>(byHolding.Value!).Equals(holding))
        {
            await table.UpsertEntityAsync(JsonDocumentEntity.Create(rows.Partition, rows.Row, holding), TableUpdateMode.Replace, cancellationToken);
        }

        var byAccount = await table.GetEntityIfExistsAsync<TableEntity>(rows.AccountPartition, rows.AccountRow, cancellationToken: cancellationToken);
        if (!byAccount.HasValue || !JsonDocumentEntity.Read<T>(byAccount.Value!).Equals(holding))
        {
            await table.UpsertEntityAsync(JsonDocumentEntity.Create(rows.AccountPartition, rows.AccountRow, holding), TableUpdateMode.Replace, cancellationToken);
        }

        return true;
    }
}
