using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.ElevenLabs;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/elevenlabs</c>: ElevenLabs post-call webhooks.</summary>
public sealed class ElevenLabsWebhookFunction(WebhookIntake<ElevenLabsWebhook> intake)
{
    public const string Route = "webhooks/elevenlabs";

    [Function("ElevenLabsWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, cancellationToken);
}
