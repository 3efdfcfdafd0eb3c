using ServerlessBilling.Paging;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary>A plan catalog that can hold one caller at a chosen step until the test lets it go, so two writers interleave in
/// an exact order without sleeps.</summary>
internal sealed class GatedPlanCatalog(IPlanCatalog inner) : IPlanCatalog
{
    private Gate? beforeNextWrite;
    private Gate? afterNextVersionedRead;

    /// <summary>Holds the next conditional <see cref="SetAsync(PricePlan, string?, CancellationToken)"/> before it writes.</summary>
    public Gate HoldNextWrite() => beforeNextWrite = new Gate();

    /// <summary>Holds the next <see cref="FindVersionedAsync"/> after it has read, before it returns.</summary>
    public Gate HoldNextVersionedRead() => afterNextVersionedRead = new Gate();

    public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken) => inner.FindAsync(planId, cancellationToken);

    public async Task<VersionedPlan?> FindVersionedAsync(string planId, CancellationToken cancellationToken)
    {
        var read = await inner.FindVersionedAsync(planId, cancellationToken);
        if (Interlocked.Exchange(ref afterNextVersionedRead, null) is { } gate)
        {
            await gate.PassAsync();
        }

        return read;
    }

    public Task SetAsync(PricePlan plan, CancellationToken cancellationToken) => inner.SetAsync(plan, cancellationToken);

    public async Task<Outcome<VersionedPlan>> SetAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref beforeNextWrite, null) is { } gate)
        {
            await gate.PassAsync();
        }

        return await inner.SetAsync(plan, expectedVersion, cancellationToken);
    }

    public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) => inner.ListAsync(page, cancellationToken);

    /// <summary>One held step: <see cref="Reached"/> completes when the caller arrives; it goes on after <see cref="Release"/>.</summary>
    public sealed class Gate
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => reached.Task;

        public void Release() => released.TrySetResult();

        internal Task PassAsync()
        {
            reached.TrySetResult();
            return released.Task;
        }
    }
}
