using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;

namespace ServerlessBilling.Functions.Payments;

/// <summary>On the schedule <c>AuthorizeNetSettlementSchedule</c> (NCRONTAB, UTC): applies how pending Authorize.Net charges
/// (eCheck debits) ended and wakes their collections (<see cref="AuthorizeNetSettlements"/>).</summary>
public sealed class AuthorizeNetSettlementCheckFunction(AuthorizeNetSettlements settlements, IPaymentNotifications notifications)
{
    public const string Name = "AuthorizeNetSettlementCheck";

    [Function(Name)]
    public Task<int> Run(
        [TimerTrigger("%AuthorizeNetSettlementSchedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        CheckAsync(client, cancellationToken);

    /// <returns>How many charges ended since the last check.</returns>
    public async Task<int> CheckAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var collections = new DurableCollections(client);
        var ended = await settlements.CheckAsync(cancellationToken);
        foreach (var notification in ended)
        {
            await notifications.DeliverAsync(notification, collections, cancellationToken);
        }

        return ended.Count;
    }
}
