using Microsoft.AspNetCore.Http;
using ServerlessBilling.Payments;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Functions.Http;

/// <summary>The HTTP side of every webhook, usage and payments alike: read the body within the source's limit, hand it to the intake, map the outcome.</summary>
public static class WebhookResponses
{
    public static async Task<IResult> ReceiveAsync<TSource>(HttpRequest request, WebhookIntake<TSource> intake, CancellationToken cancellationToken)
        where TSource : IWebhookSource
    {
        var limit = intake.Source.MaxBodyBytes;
        if (await ReadAsync(request, limit, cancellationToken) is not { } delivery)
        {
            return ProblemResults.TooLarge(limit);
        }

        var outcome = await intake.ReceiveAsync(delivery, cancellationToken);
        return outcome.ToResult(receipt => Results.Ok(receipt));
    }

    /// <param name="collections">The host's running collections, woken once a notification is applied.</param>
    public static async Task<IResult> ReceiveAsync<TSource>(
        HttpRequest request, PaymentWebhookIntake<TSource> intake, ICollectionOrchestrations collections, CancellationToken cancellationToken)
        where TSource : IPaymentWebhookSource
    {
        var limit = intake.Source.MaxBodyBytes;
        if (await ReadAsync(request, limit, cancellationToken) is not { } delivery)
        {
            return ProblemResults.TooLarge(limit);
        }

        var outcome = await intake.ReceiveAsync(delivery, collections, cancellationToken);
        return outcome.ToResult(receipt => Results.Ok(receipt));
    }

    /// <returns>The delivery, or null when its body is larger than <paramref name="limit"/>.</returns>
    private static async Task<WebhookDelivery?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return null;
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new WebhookDelivery(body, headers, request.Path + request.QueryString);
    }
}
