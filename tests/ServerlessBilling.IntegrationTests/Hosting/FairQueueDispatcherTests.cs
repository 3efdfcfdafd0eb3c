using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Hosting;

/// <summary>The local host's queue listeners take work as slots free up, with a share per key: an endpoint that hangs keeps
/// its own slots and the next endpoint's message is delivered while it hangs. Real queue on Azurite; the runs are gated.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FairQueueDispatcherTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_OneKeyHangs_AnotherKeysMessageRunsWhileItHangs()
    {
        var queue = azurite.Queues.GetQueueClient("fair-" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateAsync();
        for (var i = 0; i < 20; i++)
        {
            await queue.SendMessageAsync("slow");
        }

        await queue.SendMessageAsync("prompt");
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var promptRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int slowStarted = 0, slowRunning = 0, mostSlowRunning = 0;

        async Task Run(QueueMessage message, CancellationToken cancellationToken)
        {
            if (message.Body.ToString() == "prompt")
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                promptRan.SetResult();
                return;
            }

            Interlocked.Increment(ref slowStarted);
            var now = Interlocked.Increment(ref slowRunning);
            InterlockedMax(ref mostSlowRunning, now);
            await hanging.Task;
            Interlocked.Decrement(ref slowRunning);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }

        var dispatcher = new FairQueueDispatcher(queue, m => m.Body.ToString(), Run) { Slots = 16, PerKey = 4, DeferFor = TimeSpan.FromSeconds(1), Polling = new IdlePolling(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), TimeProvider.System) };
        using var stop = new CancellationTokenSource();
        var loop = dispatcher.RunAsync(stop.Token);

        // A guard against a hang, not a timing assertion: the old listener never got here while a batch hung.
        await promptRan.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(4, Volatile.Read(ref slowStarted));
        Assert.Equal(4, Volatile.Read(ref mostSlowRunning));

        // Stop first, so no fifth slow message is taken once the hanging ones finish.
        await stop.CancelAsync();
        hanging.SetResult();
        await loop;

        // The 16 slow messages that waited their turn are still queued, as new messages: none lost, none counted as failed.
        QueueProperties properties = await queue.GetPropertiesAsync();
        Assert.Equal(16, properties.ApproximateMessagesCount);
        await queue.DeleteAsync();
    }

    [Fact]
    public async Task RunAsync_QueueIdleThenWoken_LooksThinOutAndThePutMessageRunsAtOnce()
    {
        var receives = new ReceiveCounter();
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.AddPolicy(receives, HttpPipelinePosition.PerRetry);
        var queue = new QueueClient(azurite.ConnectionString, "idle-" + Guid.NewGuid().ToString("N")[..12], options);
        await queue.CreateAsync();
        var ran = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task Run(QueueMessage message, CancellationToken cancellationToken)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            ran.SetResult(message.Body.ToString());
        }

        var polling = new IdlePolling(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60), TimeProvider.System);
        var dispatcher = new FairQueueDispatcher(queue, m => m.Body.ToString(), Run) { Polling = polling };
        using var stop = new CancellationTokenSource();
        var loop = dispatcher.RunAsync(stop.Token);

        // Waits of 0.1, 0.2, 0.4, 0.8, 1.6 and 3.2 s after the first six empty looks; after the seventh it waits 6.4 s.
        while (polling.NextWait < TimeSpan.FromSeconds(6.4))
        {
            await Task.Delay(20);
        }

        Assert.Equal(7, receives.Count);

        // Put by this process, which wakes the listener as the local host's queue adapters do: run long before the 6.4 s are out
        // (a guard against a hang, not a timing measurement).
        await queue.SendMessageAsync("after a quiet spell");
        polling.Wake();
        Assert.Equal("after a quiet spell", await ran.Task.WaitAsync(TimeSpan.FromSeconds(5)));

        await stop.CancelAsync();
        await loop;
        await queue.DeleteAsync();
    }

    private sealed class ReceiveCounter : HttpPipelineSynchronousPolicy
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref count);
            }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
