using ServerlessBilling.Invoicing;

namespace ServerlessBilling.IntegrationTests.Console;

/// <summary>
/// Stands in for a PDF renderer that hangs, then breaks, then is mended, for one account's invoices: its first render waits (the
/// close shows in progress, at rendering) until the test fails it; from then every render of that account throws, as a broken
/// renderer would, until <see cref="Mend"/>; other accounts' invoices render normally throughout.
/// </summary>
internal sealed class StallingRender(string accountId) : IInvoiceRenderer
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IInvoiceRenderer inner = null!;
    private volatile bool mended;
    private int attempts;

    public const string Reason = "The PDF renderer stopped answering.";

    /// <summary>Completes when the account's invoice first reached the render.</summary>
    public Task Reached => reached.Task;

    /// <summary>How many times the account's invoice was rendered or tried.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    public IInvoiceRenderer Around(IInvoiceRenderer renderer)
    {
        inner = renderer;
        return this;
    }

    /// <summary>The stalled render, and every one after it, fails with <see cref="Reason"/>.</summary>
    public void Fail() => failed.TrySetResult();

    /// <summary>Renders succeed again.</summary>
    public void Mend() => mended = true;

    public byte[] RenderPdf(Invoice invoice, UsageDetail usage)
    {
        if (invoice.AccountId != accountId)
        {
            return inner.RenderPdf(invoice, usage);
        }

        Interlocked.Increment(ref attempts);
        if (mended)
        {
            return inner.RenderPdf(invoice, usage);
        }

        reached.TrySetResult();
        failed.Task.Wait(TimeSpan.FromMinutes(2));
        throw new IOException(Reason);
    }
}
