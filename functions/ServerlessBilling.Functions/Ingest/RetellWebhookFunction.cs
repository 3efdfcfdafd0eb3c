using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.Retell;
using ServerlessBilling.Usage.Webhooks;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/retell</c>: Retell <c>call_ended</c> and <c>call_analyzed</c> webhooks.</summary>
public sealed class RetellWebhookFunction(WebhookIntake<RetellWebhook> intake)
{
    public const string Route = "webhooks/retell";

    [ApiOperation("Webhooks", "Retell call event",
        RequestMediaType = "application/json",
        Response = typeof(WebhookReceipt),
        Problems = [ProblemKind.Invalid, ProblemKind.Unauthorized, ProblemKind.TooLarge],
        SignatureHeader = RetellWebhook.SignatureHeader,
        Signature = "`v={epoch ms},d={hex HMAC-SHA256}` of the raw body followed by the timestamp, keyed with the Retell API key.")]
    [Function("RetellWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, cancellationToken);
}
