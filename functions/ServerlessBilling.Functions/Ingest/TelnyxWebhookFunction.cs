using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.Telnyx;
using ServerlessBilling.Usage.Webhooks;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/telnyx</c>: Telnyx Call Control events; a leg is billed once its <c>call.initiated</c> and <c>call.cost</c> have both arrived.</summary>
public sealed class TelnyxWebhookFunction(WebhookIntake<TelnyxWebhook> intake)
{
    public const string Route = "webhooks/telnyx";

    [ApiOperation("Webhooks", "Telnyx call event",
        RequestMediaType = "application/json",
        Response = typeof(WebhookReceipt),
        Problems = [ProblemKind.Invalid, ProblemKind.Unauthorized, ProblemKind.TooLarge],
        SignatureHeader = TelnyxWebhook.SignatureHeader,
        Signature = "Base64 Ed25519 signature of `{telnyx-timestamp}|{raw body}`, checked with Telnyx's public key.")]
    [Function("TelnyxWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, cancellationToken);
}
