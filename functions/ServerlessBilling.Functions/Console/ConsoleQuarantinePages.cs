using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Api;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Rating;
using ServerlessBilling.ResellerConsole;

namespace ServerlessBilling.Functions.Console;

/// <summary>A source's quarantine in the console: its held records, each with its own Replay button, and the replay itself (admin
/// sessions only), which rates the named records, or every record of the source, as <c>POST /api/quarantine/{source}/replay</c> does.</summary>
public sealed class ConsoleQuarantinePages(ConsoleGate gate, ConsoleDashboard dashboard, CountedUsageRating rating, ConsoleMessages messages)
{
    [ApiOperation("Console", "Reseller console: a source's held records", Files = ["text/html"],
        Description = "Needs a console session; without one, the sign-in form (401). A name that is no source name is not found (404).",
        Query = ["find: Lists only the records whose reference contains this text (a call id, a file name)"])]
    [Function("GetConsoleQuarantine")]
    public async Task<IResult> Held(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/quarantine/{source}")] HttpRequest request,
        string source,
        CancellationToken cancellationToken)
    {
        var admission = gate.Admit(request);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        if (!IdRule.SourceName.Accepts(source))
        {
            return messages.NotFound($"The source '{source}'");
        }

        var held = await dashboard.ReadHeldAsync(source, request.Query["find"].FirstOrDefault(), cancellationToken);
        return ConsolePage.Html(QuarantinePage.Render(view, held));
    }

    [ApiOperation("Console", "Reseller console: replay held records", Files = ["text/html"],
        RequestMediaType = "application/x-www-form-urlencoded",
        Description = "A form post with the session's form token (`csrf`), from an admin session: rates the held records named by `reference` (repeat for up to 100), or without it every held record of the source, as `POST /api/quarantine/{source}/replay` does, and shows what became of them. An invalid `reference` answers 400 naming it. A read-only session, or a post without the token, is refused (403).")]
    [Function("ConsoleReplayQuarantine")]
    public async Task<IResult> Replay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/quarantine/{source}/replay")] HttpRequest request,
        string source,
        CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitFormAsync(request, writes: true, cancellationToken);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        if (!IdRule.SourceName.Accepts(source))
        {
            return messages.NotFound($"The source '{source}'");
        }

        // The gate has read the form already; this reads its cached fields.
        var references = (await request.ReadFormAsync(cancellationToken))["reference"];
        if (references.Count == 0)
        {
            return ConsolePage.Html(QuarantinePage.Replayed(view, source, null, await rating.ReplayAsync(source, cancellationToken)));
        }

        if (QuarantineApi.ReferenceProblem(references.Count, references.Select(r => r ?? "")) is { } problem)
        {
            return messages.Invalid("The replay", problem);
        }

        var named = references.Select(r => r!).ToHashSet(StringComparer.Ordinal);
        return ConsolePage.Html(QuarantinePage.Replayed(view, source, named, await rating.ReplayAsync(source, named, cancellationToken)));
    }
}
