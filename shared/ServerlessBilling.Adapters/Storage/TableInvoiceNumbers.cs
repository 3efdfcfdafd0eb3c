using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Storage;

/// <summary>Gapless numbers from a counter row in <c>InvoiceNumbers</c>, taken for many invoices at once.</summary>
/// <remarks>
/// <para>The counter and the invoices' assignment rows share a partition and are written in one transaction, the counter
/// guarded by its ETag: either all land or none, so a crash cannot burn a number, and a retried call finds the assignment row
/// and returns the same number.</para>
/// <para>Closes do not queue on the counter one by one: the first invoice to ask waits the group window (20 ms) for others, and
/// the invoices that ask meanwhile or while a transaction is in flight are numbered together in the next one (up to 99, the
/// counter being the hundredth operation), numbers in the order they asked. The counter's value and ETag are kept from the last
/// transaction, so numbering needs no read while this instance is the only one numbering; when another instance moved the
/// counter, the transaction fails on the ETag, the counter is read again and the invoices numbered meanwhile (a retried close)
/// keep the numbers they have.</para>
/// </remarks>
public sealed class TableInvoiceNumbers(TableServiceClient tables, InvoiceNumberingOptions options, TimeSpan? groupWindow = null) : IInvoiceNumbers
{
    /// <summary>How long the first invoice of a transaction waits for others, as the other grouped writes of a close do.</summary>
    public static readonly TimeSpan GroupWindow = TableWriteGroups.GroupWindow;

    private const string CounterRow = "counter";

    /// <summary>An entity group transaction holds at most 100 operations: the counter's and 99 assignments.</summary>
    private const int MaxBatch = 99;

    private readonly TableClient table = tables.GetTableClient(StorageNames.InvoiceNumbersTable);
    private readonly string partition = TableKeys.Escape(options.Sequence);
    private readonly TimeSpan window = groupWindow ?? GroupWindow;
    private readonly Lock gate = new();
    private readonly List<Request> waiting = [];
    private bool numbering;

    /// <summary>The counter as this instance last wrote or read it; null: read it before the next transaction.</summary>
    private Counter? known;

    public async Task<string> AssignAsync(string invoiceId, CancellationToken cancellationToken)
    {
        var request = new Request(invoiceId, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.GetTimestamp());
        bool lead;
        lock (gate)
        {
            waiting.Add(request);
            lead = !numbering;
            numbering = true;
        }

        if (lead)
        {
            // Numbers everyone waiting, batch after batch, until no one is: on its own, so no close waits for others' numbers
            // after it has its own, and no close's cancellation fails the others'. It never throws: failures go to the requests.
            _ = Task.Run(NumberWaitingAsync, CancellationToken.None);
        }

        return await request.Number.Task.WaitAsync(cancellationToken);
    }

    private async Task NumberWaitingAsync()
    {
        while (true)
        {
            List<Request> batch;
            TimeSpan left;
            lock (gate)
            {
                if (waiting.Count == 0)
                {
                    numbering = false;
                    return;
                }

                // The window counts from the oldest waiting: those that asked while the last transaction was in flight have waited already.
                left = waiting.Count < MaxBatch ? window - Stopwatch.GetElapsedTime(waiting[0].Asked) : TimeSpan.Zero;
            }

            if (left > TimeSpan.Zero)
            {
                // The system timer, not the host's clock: a host running on a test clock must still number its closes.
                await Task.Delay(left, CancellationToken.None);
            }

            lock (gate)
            {
                var ids = waiting.Select(r => r.InvoiceId).Distinct(StringComparer.Ordinal).Take(MaxBatch).ToHashSet(StringComparer.Ordinal);
                batch = waiting.Where(r => ids.Contains(r.InvoiceId)).ToList();
                waiting.RemoveAll(r => ids.Contains(r.InvoiceId));
            }

            try
            {
                var numbers = await NumberAsync(batch.Select(r => r.InvoiceId).Distinct(StringComparer.Ordinal).ToList());
                batch.ForEach(r => r.Number.TrySetResult(numbers[r.InvoiceId]));
            }
            catch (Exception e)
            {
                // Storage unreachable: these closes fail this attempt and retry; the counter is read again first.
                known = null;
                batch.ForEach(r => r.Number.TrySetException(e));
            }
        }
    }

    /// <returns>The number of each invoice, new or taken before.</returns>
    private async Task<Dictionary<string, string>> NumberAsync(List<string> invoiceIds)
    {
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        var unnumbered = invoiceIds;
        while (unnumbered.Count > 0)
        {
            var counter = known ?? await ReadCounterAsync();
            var next = new TableEntity(partition, CounterRow) { ["Last"] = counter.Last + unnumbered.Count };
            var actions = new List<TableTransactionAction>(unnumbered.Count + 1)
            {
                counter.ETag is { } etag ? new(TableTransactionActionType.UpdateReplace, next, etag) : new(TableTransactionActionType.Add, next),
            };
            var assigned = unnumbered.Select((id, i) => (Id: id, Number: options.Format(counter.Last + i + 1))).ToList();
            actions.AddRange(assigned.Select(a => new TableTransactionAction(
                TableTransactionActionType.Add, new TableEntity(partition, AssignmentRow(a.Id)) { ["Number"] = a.Number, ["InvoiceId"] = a.Id })));
            try
            {
                var response = await table.SubmitTransactionAsync(actions);
                known = response.Value[0].Headers.ETag is { } written ? new Counter(counter.Last + unnumbered.Count, written) : null;
                assigned.ForEach(a => numbers[a.Id] = a.Number);
                return numbers;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Another instance moved the counter (412), or one of these invoices has its number already (409): read both again.
                known = null;
                foreach (var (id, number) in await AssignedAsync(unnumbered))
                {
                    numbers[id] = number;
                }

                unnumbered = unnumbered.Where(id => !numbers.ContainsKey(id)).ToList();
            }
        }

        return numbers;
    }

    private async Task<Counter> ReadCounterAsync()
    {
        var counter = await table.GetEntityIfExistsAsync<TableEntity>(partition, CounterRow);
        return counter.HasValue ? new Counter(counter.Value!.GetInt64("Last") ?? 0, counter.Value.ETag) : new Counter(0, null);
    }

    /// <summary>The numbers these invoices were given before, a query of the sequence's partition per 14 invoices (a filter holds at
    /// most 15 comparisons).</summary>
    private async Task<List<(string InvoiceId, string Number)>> AssignedAsync(List<string> invoiceIds)
    {
        var found = new List<(string, string)>();
        foreach (var chunk in invoiceIds.Chunk(14))
        {
            var rows = string.Join(" or ", chunk.Select(id => TableClient.CreateQueryFilter($"RowKey eq {AssignmentRow(id)}")));
            var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {partition}")} and ({rows})";
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["InvoiceId", "Number"]))
            {
                found.Add((row.GetString("InvoiceId"), row.GetString("Number")));
            }
        }

        return found;
    }

    private static string AssignmentRow(string invoiceId) => TableKeys.Escape("invoice|" + invoiceId);

    /// <param name="Asked">When it was asked for (a <see cref="Stopwatch"/> timestamp), for the group window.</param>
    private sealed record Request(string InvoiceId, TaskCompletionSource<string> Number, long Asked);

    /// <param name="ETag">Null while the sequence has no counter row yet.</param>
    private sealed record Counter(long Last, ETag? ETag);
}
