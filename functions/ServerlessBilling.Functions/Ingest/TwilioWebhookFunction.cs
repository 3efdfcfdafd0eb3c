using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Twilio;

namespace ServerlessBilling.Functions.Ingest;

/// <summary><c>POST /api/webhooks/twilio</c>: Twilio voice status callbacks.</summary>
public sealed class TwilioWebhookFunction(TwilioWebhookIntake intake)
{
    public const string Route = "webhooks/twilio";

    [Function("TwilioWebhook")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, RequestBody.WebhookLimitBytes, cancellationToken);
        if (body is null)
        {
            return ProblemResults.TooLarge(RequestBody.WebhookLimitBytes);
        }

        // Parsed from the raw bytes so the signature covers exactly what was received.
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body))
            .SelectMany(field => field.Value.Select(value => KeyValuePair.Create(field.Key, value ?? string.Empty)))
            .ToList();
        var delivery = new TwilioDelivery(request.Path + request.QueryString, form, request.Headers["X-Twilio-Signature"], body);
        var outcome = await intake.ReceiveAsync(delivery, cancellationToken);
        return outcome.Status switch
        {
            WebhookStatus.Unauthorized => Results.Problem(title: "The X-Twilio-Signature header does not verify", statusCode: StatusCodes.Status401Unauthorized),
            WebhookStatus.Invalid => ProblemResults.Invalid($"The Twilio callback archived as {outcome.ArchivedAs} is malformed", outcome.Problem!),
            _ => Results.Ok(new { status = outcome.Status, archivedAs = outcome.ArchivedAs }),
        };
    }
}
