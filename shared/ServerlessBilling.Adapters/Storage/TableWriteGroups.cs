using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace ServerlessBilling.Storage;

/// <summary>Group commit of single-row writes into shared partitions (<see cref="GroupCommit{TItem}"/>): the rows of one partition that
/// callers write at about the same moment go together in one entity group transaction, so a partition every close writes (the outbox's
/// <c>pending</c>, the receivables' status and period lists, the tax ledger's year) costs a request per group, not per row.</summary>
/// <remarks>The first row of a group waits <see cref="GroupWindow"/> for others, and rows that come while a transaction is in flight go
/// in the next. Each caller returns once the transaction holding its row succeeded, so what it wrote is as durable as a single write; a
/// failed transaction fails every caller in it, and none is answered as written. A transaction takes a row once and is all or nothing: one refused because a row to insert is there already (a step run
/// again) wrote nothing, and is sent again without that row, which is answered as there already.</remarks>
internal sealed class TableWriteGroups(TableClient table, TimeSpan groupWindow)
{
    /// <summary>How long the first row of a group waits for others (a row that comes while a transaction is in flight waits for it
    /// anyway). The writes grouped here come a few times per close, tens of milliseconds apart while closes run; a row alone waits this
    /// long, which the steps that write them (a close, a payment) do not notice.</summary>
    public static readonly TimeSpan GroupWindow = TimeSpan.FromMilliseconds(20);

    private readonly ConcurrentDictionary<string, PartitionWrites> partitions = new(StringComparer.Ordinal);

    /// <summary>Inserts <paramref name="row"/>.</summary>
    /// <returns>False when a row with its keys was there already (nothing was written).</returns>
    public async Task<bool> InsertAsync(TableEntity row, CancellationToken cancellationToken) =>
        await For(row).WriteAsync(new Write(row, TableTransactionActionType.Add), cancellationToken) == Written;

    /// <summary>Writes <paramref name="row"/> in place of what its keys hold, if anything.</summary>
    public Task UpsertAsync(TableEntity row, CancellationToken cancellationToken) =>
        For(row).WriteAsync(new Write(row, TableTransactionActionType.UpsertReplace), cancellationToken);

    private const string Written = "written", Existed = "existed";

    private PartitionWrites For(TableEntity row) => partitions.GetOrAdd(row.PartitionKey, _ => new PartitionWrites(table, groupWindow));

    /// <summary>The bytes a row adds to its transaction's request: its string and binary columns as they travel, and the keys.</summary>
    internal static int BytesOf(TableEntity row) =>
        512 + row.Sum(kv => kv.Value switch { string s => s.Length * 2, byte[] b => b.Length * 4 / 3, BinaryData d => d.ToMemory().Length * 4 / 3, _ => 32 });

    private sealed record Write(TableEntity Row, TableTransactionActionType Action);

    private sealed class PartitionWrites(TableClient table, TimeSpan groupWindow) : GroupCommit<Write>(TableGroupInserts.MaxPerTransaction, TableRowGroups.MaxGroupBytes, groupWindow)
    {
        public Task<string> WriteAsync(Write write, CancellationToken cancellationToken) => SubmitAsync(write, cancellationToken);

        protected override int BytesOf(Write item) => TableWriteGroups.BytesOf(item.Row);

        protected override async Task<IReadOnlyList<string>> WriteGroupAsync(IReadOnlyList<Write> group, CancellationToken cancellationToken)
        {
            var answers = new string[group.Count];
            var left = Enumerable.Range(0, group.Count).ToList();
            while (left.Count > 0)
            {
                // A transaction takes a row once: the first write of each row now, a later upsert of it in the next round (the last one
                // wins, as one at a time), a later insert of it answered as the first one was (there already, whoever put it there).
                var round = left.DistinctBy(i => group[i].Row.RowKey, StringComparer.Ordinal).ToList();
                left = [.. left.Except(round).Where(i => group[i].Action != TableTransactionActionType.Add)];
                await WriteRoundAsync(group, round, answers, cancellationToken);
            }

            for (var i = 0; i < group.Count; i++)
            {
                answers[i] ??= Existed;
            }

            return answers;
        }

        /// <summary>Writes rows of distinct keys in one transaction; a row to insert that is there already is answered for and left
        /// out, and the others are sent again (a refused transaction wrote nothing).</summary>
        private async Task WriteRoundAsync(IReadOnlyList<Write> group, List<int> round, string[] answers, CancellationToken cancellationToken)
        {
            while (round.Count > 1)
            {
                try
                {
                    await table.SubmitTransactionAsync(round.Select(i => new TableTransactionAction(group[i].Action, group[i].Row)), cancellationToken);
                    round.ForEach(i => answers[i] = Written);
                    return;
                }
                catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is int failed && failed < round.Count
                    && group[round[failed]].Action == TableTransactionActionType.Add)
                {
                    answers[round[failed]] = Existed;
                    round.RemoveAt(failed);
                }
                catch (TableTransactionFailedException e) when (e.Status == 409)
                {
                    break; // which row conflicted is not known: each is written alone
                }
            }

            foreach (var i in round)
            {
                answers[i] = await WriteOneAsync(group[i], cancellationToken);
            }
        }

        private async Task<string> WriteOneAsync(Write write, CancellationToken cancellationToken)
        {
            if (write.Action != TableTransactionActionType.Add)
            {
                await table.UpsertEntityAsync(write.Row, TableUpdateMode.Replace, cancellationToken);
                return Written;
            }

            try
            {
                await table.AddEntityAsync(write.Row, cancellationToken);
                return Written;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                return Existed;
            }
        }
    }
}
