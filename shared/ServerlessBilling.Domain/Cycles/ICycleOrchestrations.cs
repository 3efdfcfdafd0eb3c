namespace ServerlessBilling.Cycles;

/// <summary>Starts the durable close of one (account, period); implemented by the hosts over their durable client.</summary>
public interface ICycleOrchestrations
{
    /// <summary>Schedules the close unless an instance with <see cref="CycleRequest.InstanceId"/> exists.</summary>
    /// <returns>True when this call scheduled it.</returns>
    Task<bool> EnsureScheduledAsync(CycleRequest request, CancellationToken cancellationToken);
}
