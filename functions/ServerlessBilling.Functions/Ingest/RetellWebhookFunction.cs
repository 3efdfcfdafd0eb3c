using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.Retell;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/retell</c>: Retell <c>call_ended</c> and <c>call_analyzed</c> webhooks.</summary>
public sealed class RetellWebhookFunction(WebhookIntake<RetellWebhook> intake)
{
    public const string Route = "webhooks/retell";

    [Function("RetellWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, cancellationToken);
}
