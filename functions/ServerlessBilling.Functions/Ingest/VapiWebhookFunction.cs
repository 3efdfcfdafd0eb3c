using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.Vapi;
using ServerlessBilling.Usage.Webhooks;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/vapi</c>: Vapi server messages; <c>end-of-call-report</c> is billed.</summary>
public sealed class VapiWebhookFunction(WebhookIntake<VapiWebhook> intake)
{
    public const string Route = "webhooks/vapi";

    [ApiOperation("Webhooks", "Vapi end-of-call report",
        RequestMediaType = "application/json",
        Response = typeof(WebhookReceipt),
        Problems = [ProblemKind.Invalid, ProblemKind.Unauthorized, ProblemKind.TooLarge],
        SignatureHeader = "x-signature",
        Signature = "In HMAC mode: hex HMAC-SHA256 of `{x-timestamp}.{raw body}` keyed with the Vapi secret; in secret mode the secret itself in `X-Vapi-Secret`.")]
    [Function("VapiWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, cancellationToken);
}
