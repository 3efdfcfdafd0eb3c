using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Keeps a received message hidden while its function runs, as the Functions queue trigger does, so a slow run is not
/// handed to a second worker; if this host dies, the message reappears within its visibility timeout.</summary>
/// <remarks>Each renewal changes the pop receipt: delete the message with <see cref="PopReceipt"/> after <see cref="DisposeAsync"/>.</remarks>
internal sealed class QueueMessageLease : IAsyncDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly Task renewing;

    public QueueMessageLease(QueueClient queue, QueueMessage message, TimeSpan visibility, CancellationToken cancellationToken)
    {
        PopReceipt = message.PopReceipt;
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        renewing = RenewAsync(queue, message.MessageId, visibility, stop.Token);
    }

    public string PopReceipt { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await renewing;
        stop.Dispose();
    }

    private async Task RenewAsync(QueueClient queue, string messageId, TimeSpan visibility, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(visibility / 2, cancellationToken);
                UpdateReceipt updated = await queue.UpdateMessageAsync(messageId, PopReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken);
                PopReceipt = updated.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The function finished (or the host stops): the message is deleted or left to reappear.
        }
        catch (RequestFailedException)
        {
            // The message was lost to its timeout meanwhile: another worker may run it; the ledger bills each event once.
        }
    }
}
