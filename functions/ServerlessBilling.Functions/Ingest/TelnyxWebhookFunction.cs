using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.Telnyx;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/telnyx</c>: Telnyx Call Control events; a leg is billed once its <c>call.initiated</c> and <c>call.cost</c> have both arrived.</summary>
public sealed class TelnyxWebhookFunction(WebhookIntake<TelnyxWebhook> intake)
{
    public const string Route = "webhooks/telnyx";

    [Function("TelnyxWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, cancellationToken);
}
