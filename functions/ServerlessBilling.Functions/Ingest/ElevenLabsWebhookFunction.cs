using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.ElevenLabs;
using ServerlessBilling.Usage.Webhooks;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/elevenlabs</c>: ElevenLabs post-call webhooks.</summary>
public sealed class ElevenLabsWebhookFunction(WebhookIntake<ElevenLabsWebhook> intake)
{
    public const string Route = "webhooks/elevenlabs";

    [ApiOperation("Webhooks", "ElevenLabs post-call event",
        RequestMediaType = "application/json",
        Response = typeof(WebhookReceipt),
        Problems = [ProblemKind.Invalid, ProblemKind.Unauthorized, ProblemKind.TooLarge],
        SignatureHeader = ElevenLabsWebhook.SignatureHeader,
        Signature = "`t={epoch s},v0={hex HMAC-SHA256}` of `{t}.{raw body}`, keyed with the webhook secret.")]
    [Function("ElevenLabsWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, cancellationToken);
}
