using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Payments;

/// <summary><c>POST /api/webhooks/authorizenet</c>: Authorize.Net's payment events, applied to the invoice they concern and handed to its collection.</summary>
public sealed class AuthorizeNetWebhookFunction(PaymentWebhookIntake<AuthorizeNetWebhook> intake)
{
    public const string Route = "webhooks/authorizenet";

    [ApiOperation("Webhooks", "Authorize.net payment event",
        RequestMediaType = "application/json",
        Response = typeof(PaymentWebhookReceipt),
        Problems = [ProblemKind.Invalid, ProblemKind.Unauthorized, ProblemKind.TooLarge],
        SignatureHeader = AuthorizeNetWebhook.SignatureHeader,
        Signature = "`sha512={hex HMAC-SHA512}` of the raw body, keyed with the Signature Key.")]
    [Function("AuthorizeNetWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, new DurableCollections(client), cancellationToken);
}
