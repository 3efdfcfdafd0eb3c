using Microsoft.AspNetCore.Http;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Functions.Http;

/// <summary>The HTTP side of every vendor webhook: read the body within the source's limit, hand it to the intake, map the outcome.</summary>
public static class WebhookResponses
{
    public static async Task<IResult> ReceiveAsync<TSource>(HttpRequest request, WebhookIntake<TSource> intake, CancellationToken cancellationToken)
        where TSource : IWebhookSource
    {
        var limit = intake.Source.MaxBodyBytes;
        var body = await RequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return ProblemResults.TooLarge(limit);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var outcome = await intake.ReceiveAsync(new WebhookDelivery(body, headers, request.Path + request.QueryString), cancellationToken);
        var name = intake.Source.Name;
        return outcome.Status switch
        {
            WebhookStatus.Unauthorized => Results.Problem(
                title: $"The {name} signature does not verify or its timestamp is outside the accepted window", statusCode: StatusCodes.Status401Unauthorized),
            WebhookStatus.Invalid => ProblemResults.Invalid($"The {name} payload archived as {outcome.ArchivedAs} is malformed", outcome.Problem!),
            WebhookStatus.TooLarge => Results.Problem(title: outcome.Problem!.ToString(), statusCode: StatusCodes.Status413PayloadTooLarge),
            _ => Results.Ok(new { status = outcome.Status, archivedAs = outcome.ArchivedAs }),
        };
    }
}
