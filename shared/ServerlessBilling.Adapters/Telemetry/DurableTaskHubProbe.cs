using Microsoft.DurableTask.Client;

namespace ServerlessBilling.Telemetry;

/// <summary>Asks the task hub for one page of one orchestration instance: an answer, even an empty page, means its storage and
/// the durable client's connection work.</summary>
public sealed class DurableTaskHubProbe(DurableTaskClient client) : ITaskHubProbe
{
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }).AsPages().WithCancellation(cancellationToken))
            {
                break;
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The caller's own cancellation is not the hub's failure; anything else, a timeout included, is.
            return false;
        }
    }
}
