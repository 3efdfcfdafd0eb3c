using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Runs a queue's messages as slots free up: at most <see cref="Slots"/> at once, and at most <see cref="PerKey"/> of
/// them for one key (a webhook endpoint), so work for one slow key never holds up the others.</summary>
/// <remarks>
/// A message whose key has no slot free is sent again as a new message due after <see cref="DeferFor"/> and the received copy
/// deleted: the new copy starts with a dequeue count of zero, so waiting its turn never counts as a failed attempt (the
/// poison queue stays for messages whose runs failed). A crash between the two leaves both copies; a consumer of this queue
/// treats a repeated message as done already. The loop never waits on a running message, only for a free slot or the
/// next poll, so a message that hangs keeps its own slot and nothing else.
/// </remarks>
public sealed class FairQueueDispatcher(QueueClient queue, Func<QueueMessage, string> keyOf, Func<QueueMessage, CancellationToken, Task> run)
{
    /// <summary>Messages running at once.</summary>
    public int Slots { get; init; } = 16;

    /// <summary>Messages of one key running at once.</summary>
    public int PerKey { get; init; } = 4;

    /// <summary>How long a message hides when it is received.</summary>
    public TimeSpan Visibility { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long a deferred message waits before it is offered again.</summary>
    public TimeSpan DeferFor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the loop waits when the queue was empty (or every slot is busy) before it looks again: the interval after a
    /// look that found messages, longer after each empty one.</summary>
    public IdlePolling Polling { get; init; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), TimeProvider.System);

    /// <summary>Takes and runs messages until <paramref name="stoppingToken"/> is cancelled, then waits for the running ones and returns.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PerKey, 1);
        var running = new Dictionary<Task, string>();
        var perKey = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var free = Slots - running.Count;
                QueueMessage[] messages = free > 0 ? await queue.ReceiveMessagesAsync(free, Visibility, stoppingToken) : [];
                if (messages.Length > 0)
                {
                    Polling.Found();
                }
                else if (free > 0)
                {
                    Polling.Empty();
                }

                var started = 0;
                foreach (var message in messages)
                {
                    var key = keyOf(message);
                    var taken = perKey.GetValueOrDefault(key);
                    if (taken >= PerKey)
                    {
                        await DeferAsync(message);
                        continue;
                    }

                    perKey[key] = taken + 1;
                    running.Add(run(message, stoppingToken), key);
                    started++;
                }

                // Look again at once while slots are free and the last receive started something; otherwise (nothing there,
                // every slot busy, or only messages of keys at their share) wait for a slot or the next poll, whichever comes
                // first, never for one particular message.
                if (started == 0 || running.Count >= Slots)
                {
                    await WaitForSlotOrPollAsync(running, stoppingToken);
                }

                Release(running, perKey);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the messages taken so far finish below; the rest stay in the queue.
        }
        finally
        {
            await Task.WhenAll(running.Keys);
        }
    }

    private Task WaitForSlotOrPollAsync(Dictionary<Task, string> running, CancellationToken stoppingToken) =>
        Polling.WaitAsync(running.Count > 0 ? Task.WhenAny(running.Keys) : null, stoppingToken);

    private static void Release(Dictionary<Task, string> running, Dictionary<string, int> perKey)
    {
        foreach (var (task, key) in running.Where(r => r.Key.IsCompleted).ToList())
        {
            running.Remove(task);
            perKey[key] -= 1;
            if (perKey[key] == 0)
            {
                perKey.Remove(key);
            }
        }
    }

    // Not cancellable: a stop between the two writes would leave the message twice.
    private async Task DeferAsync(QueueMessage message)
    {
        await queue.SendMessageAsync(message.Body, visibilityTimeout: DeferFor, cancellationToken: CancellationToken.None);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
    }
}
