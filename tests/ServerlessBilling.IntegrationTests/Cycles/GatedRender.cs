using ServerlessBilling.Invoicing;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// Stands in for a finalize that fails once after its draft was built: the account's first render waits until the
/// test lets it go (so the test can act between draft and finalize), then throws; the activity's retry renders normally.
/// </summary>
internal sealed class GatedRender(string accountId) : IInvoiceRenderer
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IInvoiceRenderer inner = null!;
    private int attempts;

    /// <summary>Completes when the account's invoice first reached the render.</summary>
    public Task Reached => reached.Task;

    public int Attempts => attempts;

    public IInvoiceRenderer Around(IInvoiceRenderer renderer)
    {
        inner = renderer;
        return this;
    }

    public void Release() => released.TrySetResult();

    public byte[] RenderPdf(Invoice invoice, UsageDetail usage)
    {
        if (invoice.AccountId != accountId || Interlocked.Increment(ref attempts) > 1)
        {
            return inner.RenderPdf(invoice, usage);
        }

        reached.TrySetResult();
        released.Task.Wait(TimeSpan.FromMinutes(1));
        throw new IOException($"The worker went down while rendering {invoice.Id}.");
    }
}
