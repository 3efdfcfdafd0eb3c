using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Payments;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Payments;

/// <summary><c>POST /api/webhooks/stripe</c>: Stripe's payment events, applied to the invoice they concern and handed to its collection.</summary>
public sealed class StripeWebhookFunction(PaymentWebhookIntake<StripeWebhook> intake)
{
    public const string Route = "webhooks/stripe";

    [ApiOperation("Webhooks", "Stripe payment event",
        RequestMediaType = "application/json",
        Response = typeof(PaymentWebhookReceipt),
        Problems = [ProblemKind.Invalid, ProblemKind.Unauthorized, ProblemKind.TooLarge],
        SignatureHeader = StripeWebhook.SignatureHeader,
        Signature = "Stripe's `t=...,v1=...` scheme: hex HMAC-SHA256 of `{t}.{raw body}` keyed with the endpoint's signing secret.")]
    [Function("StripeWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, new DurableCollections(client), cancellationToken);
}
