using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary><c>POST /api/webhooks/stripe</c>: Stripe's payment events, applied to the invoice they concern and handed to its collection.</summary>
public sealed class StripeWebhookFunction(PaymentWebhookIntake<StripeWebhook> intake)
{
    public const string Route = "webhooks/stripe";

    [Function("StripeWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        WebhookResponses.ReceiveAsync(request, intake, new DurableCollections(client), cancellationToken);
}
