namespace ServerlessBilling.Telemetry;

/// <summary>Whether the durable task hub (closes, collections, reconciliations) answers: the one health check that needs the
/// host's durable client, which the Functions host hands a function per call rather than through the container.</summary>
public interface ITaskHubProbe
{
    /// <summary>True when the task hub answered a query; false when it failed or did not answer.</summary>
    /// <remarks>Never throws for an unreachable hub: a health check must answer when things are broken.</remarks>
    Task<bool> AnswersAsync(CancellationToken cancellationToken);
}
