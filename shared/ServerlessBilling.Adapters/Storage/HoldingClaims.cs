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
/// A crash after the claim and before the assignment rows leaves a holding only the claim knows: it still blocks other
/// accounts (the safe side), and the same assignment sent again writes the rows.
/// </remarks>
internal static class HoldingClaims
{
    private const string ClaimRow = "claim";

    /// <summary>Claims <paramref name="wanted"/> in the claim row of <paramref name="partitionKey"/>.</summary>
    /// <param name="stored">The holdings in the assignment rows, for a claim row not written yet.</param>
    /// <param name="blocks">Whether a holding stops the wanted one (another account, overlapping days).</param>
    /// <param name="replaced">Whether a holding is the one the wanted one replaces (same holder and first day).</param>
    /// <returns>The holding that stops <paramref name="wanted"/>; null once the claim admitting it is written.</returns>
    public static async Task<T?> ClaimAsync<T>(
        TableClient table,
        string partitionKey,
        T wanted,
        Func<CancellationToken, Task<IReadOnlyList<T>>> stored,
        Func<T, bool> blocks,
        Func<T, bool> replaced,
        CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, ClaimRow, cancellationToken: cancellationToken);
            var held = row.HasValue ? JsonDocumentEntity.Read<List<T>>(row.Value!) : [.. await stored(cancellationToken)];
            if (held.FirstOrDefault(blocks) is { } holder)
            {
                return holder;
            }

            var claim = JsonDocumentEntity.Create(partitionKey, ClaimRow, held.Where(h => !replaced(h)).Append(wanted).ToList());
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
}
