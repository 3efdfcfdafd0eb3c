using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.Twilio;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/twilio</c>: Twilio voice status callbacks.</summary>
public sealed class TwilioWebhookFunction(WebhookIntake<TwilioWebhook> intake)
{
    public const string Route = "webhooks/twilio";

    [Function("TwilioWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, cancellationToken);
}
