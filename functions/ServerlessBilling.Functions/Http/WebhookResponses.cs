using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Payments;
using ServerlessBilling.Telemetry;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Functions.Http;

/// <summary>The HTTP side of every webhook, usage and payments alike: read the body within the source's limit, hand it to the intake, map the outcome.</summary>
/// <remarks>Each delivery is a span (the root of the call's trace, which the rating queue carries on) and a log record with its
/// source and outcome; a signature that does not verify is counted for the spike alert.</remarks>
public static partial class WebhookResponses
{
    public static async Task<IResult> ReceiveAsync<TSource>(HttpRequest request, WebhookIntake<TSource> intake, CancellationToken cancellationToken)
        where TSource : IWebhookSource
    {
        var limit = intake.Source.MaxBodyBytes;
        if (await ReadAsync(request, limit, cancellationToken) is not { } delivery)
        {
            return ProblemResults.TooLarge(limit);
        }

        using var span = Start(intake.Source.Name);
        var outcome = await intake.ReceiveAsync(delivery, cancellationToken);
        Observe(request, span, intake.Source.Name, outcome.Problem, outcome.Succeeded ? outcome.Value.ArchivedAs : null);
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

        using var span = Start(intake.Source.Name);
        var outcome = await intake.ReceiveAsync(delivery, collections, cancellationToken);
        Observe(request, span, intake.Source.Name, outcome.Problem, outcome.Succeeded ? outcome.Value.EventId : null);
        return outcome.ToResult(receipt => Results.Ok(receipt));
    }

    private static Activity? Start(string source)
    {
        var span = TelemetryNames.Source.StartActivity("receive webhook", ActivityKind.Server);
        span?.SetTag(TelemetryTags.Source, source);
        return span;
    }

    private static void Observe(HttpRequest request, Activity? span, string source, Problem? problem, string? reference)
    {
        var logger = request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookResponses));
        if (problem is null)
        {
            LogReceived(logger, source, reference);
            return;
        }

        span?.SetStatus(ActivityStatusCode.Error, problem.Kind.ToString());
        if (problem.Kind == ProblemKind.Unauthorized)
        {
            request.HttpContext.RequestServices.GetRequiredService<BillingMetrics>().SignatureFailed(source);
        }

        LogRefused(logger, source, problem.Kind, problem.Title);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook from {Source} received: {Reference}")]
    private static partial void LogReceived(ILogger logger, string source, string? reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook from {Source} refused ({Kind}): {Title}")]
    private static partial void LogRefused(ILogger logger, string source, ProblemKind kind, string title);

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
