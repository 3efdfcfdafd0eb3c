using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.Vapi;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/vapi</c>: Vapi server messages; <c>end-of-call-report</c> is billed.</summary>
public sealed class VapiWebhookFunction(WebhookIntake<VapiWebhook> intake)
{
    public const string Route = "webhooks/vapi";

    [Function("VapiWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, cancellationToken);
}
