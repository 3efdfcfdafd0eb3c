using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.UsageEvents;
using ServerlessBilling.Usage.Webhooks;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/events</c>: usage events from a reseller's own platform, one or a batch.</summary>
public sealed class UsageEventsWebhookFunction(WebhookIntake<UsageEventsWebhook> intake)
{
    public const string Route = "webhooks/events";

    [ApiOperation("Webhooks", "Usage events from your own platform",
        RequestMediaType = "application/json",
        Response = typeof(WebhookReceipt),
        Problems = [ProblemKind.Invalid, ProblemKind.Unauthorized, ProblemKind.TooLarge],
        SignatureHeader = UsageEventsWebhook.SignatureHeader,
        Signature = "`v1={hex HMAC-SHA256}` of `{X-Billing-Timestamp}.{raw body}`, keyed with the usage events signing secret.")]
    [Function("UsageEventsWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, cancellationToken);
}
