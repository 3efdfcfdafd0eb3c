using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.Twilio;
using ServerlessBilling.Usage.Webhooks;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/twilio</c>: Twilio voice status callbacks.</summary>
public sealed class TwilioWebhookFunction(WebhookIntake<TwilioWebhook> intake)
{
    public const string Route = "webhooks/twilio";

    [ApiOperation("Webhooks", "Twilio voice status callback",
        RequestMediaType = "application/x-www-form-urlencoded",
        Response = typeof(WebhookReceipt),
        Problems = [ProblemKind.Invalid, ProblemKind.Unauthorized, ProblemKind.TooLarge],
        SignatureHeader = TwilioWebhook.SignatureHeader,
        Signature = "Base64 HMAC-SHA1, with the account's auth token, of the public URL followed by each form parameter's name and value in name order.")]
    [Function("TwilioWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, cancellationToken);
}
