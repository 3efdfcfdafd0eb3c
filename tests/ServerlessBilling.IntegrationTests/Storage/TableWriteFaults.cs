using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Stands in for an instance that dies in the middle of a multi-step write to Table storage: counts the writes
/// (every request but a read) sent through it, can run another reader just before a given write goes out, and makes a given
/// write the last, either never sent or sent with its answer lost; every later request fails as from a dead instance.</summary>
public sealed class TableWriteFaults : HttpPipelinePolicy
{
    private int writes;
    private volatile bool dead;

    /// <summary>The write (1 = the first after <see cref="Arm"/>) the instance dies at; null: it lives.</summary>
    public int? DieAt { get; private set; }

    /// <summary>Whether the dying write reaches storage (its answer is lost) rather than never leaving the instance.</summary>
    public bool Delivered { get; private set; }

    /// <summary>How many writes went out since <see cref="Arm"/>.</summary>
    public int Writes => Volatile.Read(ref writes);

    private int? interleaveAt;
    private Func<Task>? interleave;

    /// <summary>Starts counting writes afresh.</summary>
    /// <param name="dieAt">The write the instance dies at; null to let every write through.</param>
    /// <param name="delivered">Whether that write reaches storage before the instance dies.</param>
    /// <param name="interleaveAt">The write before which <paramref name="interleave"/> runs (a reader through another client).</param>
    public void Arm(int? dieAt, bool delivered = false, int? interleaveAt = null, Func<Task>? interleave = null)
    {
        writes = 0;
        dead = false;
        DieAt = dieAt;
        Delivered = delivered;
        this.interleaveAt = interleaveAt;
        this.interleave = interleave;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (dead)
        {
            throw new RequestFailedException(503, "The instance is gone.");
        }

        if (message.Request.Method == RequestMethod.Get)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        var number = Interlocked.Increment(ref writes);
        if (number == interleaveAt && interleave is not null)
        {
            await interleave();
        }

        if (number != DieAt)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        dead = true;
        if (Delivered)
        {
            await ProcessNextAsync(message, pipeline);
        }

        throw new RequestFailedException(503, $"The instance died at write {number}.");
    }
}
