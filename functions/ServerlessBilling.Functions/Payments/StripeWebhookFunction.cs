using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary><c>POST /api/webhooks/stripe</c>: Stripe's payment events, verified with the endpoint's signing secret, applied to
/// the invoice they concern and handed to its collection.</summary>
/// <param name="observer">Replaces the collections as the receiver when registered (tests observe notifications this way).</param>
public sealed class StripeWebhookFunction(StripeWebhook webhook, PaymentRecording recording, IPaymentNotifications? observer = null)
{
    public const string Route = "webhooks/stripe";

    [Function("StripeWebhook")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, StripeWebhook.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return ProblemResults.TooLarge(StripeWebhook.MaxBodyBytes);
        }

        var outcome = await webhook.ReceiveAsync(
            Encoding.UTF8.GetString(body), request.Headers[StripeWebhook.SignatureHeader].FirstOrDefault(),
            observer ?? new CollectionWakeUps(recording, client), cancellationToken);
        return outcome.Status switch
        {
            StripeWebhookStatus.Unauthorized => Results.Problem(
                title: "The Stripe signature does not verify or its timestamp is outside the accepted window", statusCode: StatusCodes.Status401Unauthorized),
            StripeWebhookStatus.Invalid => ProblemResults.Invalid($"The Stripe event {outcome.EventId} is malformed", outcome.Problem!),
            _ => Results.Ok(new { status = outcome.Status, eventId = outcome.EventId, type = outcome.EventType }),
        };
    }
}
