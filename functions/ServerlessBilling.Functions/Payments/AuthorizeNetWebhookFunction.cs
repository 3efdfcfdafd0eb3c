using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;

namespace ServerlessBilling.Functions.Payments;

/// <summary><c>POST /api/webhooks/authorizenet</c>: Authorize.Net's payment events, verified with the Signature Key, applied to
/// the invoice they concern and handed to its collection.</summary>
/// <param name="observer">Replaces the collections as the receiver when registered (tests observe notifications this way).</param>
public sealed class AuthorizeNetWebhookFunction(AuthorizeNetWebhook webhook, PaymentRecording recording, IPaymentNotifications? observer = null)
{
    public const string Route = "webhooks/authorizenet";

    [Function("AuthorizeNetWebhook")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, AuthorizeNetWebhook.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return ProblemResults.TooLarge(AuthorizeNetWebhook.MaxBodyBytes);
        }

        var outcome = await webhook.ReceiveAsync(
            Encoding.UTF8.GetString(body), request.Headers[AuthorizeNetWebhook.SignatureHeader].FirstOrDefault(),
            observer ?? new CollectionWakeUps(recording, client), cancellationToken);
        return outcome.Status switch
        {
            AuthorizeNetWebhookStatus.Unauthorized => Results.Problem(
                title: "The X-ANET-Signature does not verify with the Signature Key", statusCode: StatusCodes.Status401Unauthorized),
            AuthorizeNetWebhookStatus.Invalid => ProblemResults.Invalid($"The Authorize.Net notification {outcome.EventId} is malformed", outcome.Problem!),
            _ => Results.Ok(new { status = outcome.Status, eventId = outcome.EventId, type = outcome.EventType }),
        };
    }
}
