using ServerlessBilling.Invoicing;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// Stands in for a worker that goes down while rendering one account's invoice: that invoice's render fails (after
/// its number was assigned, before any final document is stored), every other invoice renders normally.
/// </summary>
internal sealed class FailingRender(string accountId) : IInvoiceRenderer
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IInvoiceRenderer inner = null!;

    /// <summary>Completes when the account's invoice first reached the render.</summary>
    public Task Reached => reached.Task;

    public IInvoiceRenderer Around(IInvoiceRenderer renderer)
    {
        inner = renderer;
        return this;
    }

    public byte[] RenderPdf(Invoice invoice, UsageDetail usage)
    {
        if (invoice.AccountId != accountId)
        {
            return inner.RenderPdf(invoice, usage);
        }

        reached.TrySetResult();
        throw new IOException($"The worker went down while rendering {invoice.Id}.");
    }
}
