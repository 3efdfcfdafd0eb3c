using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Rating;
using ServerlessBilling.ResellerConsole;

namespace ServerlessBilling.Functions.Console;

/// <summary>The console's dashboard, and the one thing it changes: replaying a source's quarantined records (admin sessions only).</summary>
public sealed class ConsoleDashboardPages(ConsoleGate gate, ConsoleDashboard dashboard, CountedUsageRating rating, ConsoleMessages messages, TimeProvider time)
{
    private const string Session = "Needs a console session (the cookie the sign-in sets, or Entra ID where that is on); without one, the sign-in form (401).";

    [ApiOperation("Console", "Reseller console: dashboard", Description = Session, Files = ["text/html"],
        Query = ["vendor: Narrows the margin per vendor and component to this vendor (a usage source such as twilio)"])]
    [Function("GetConsoleDashboard")]
    public async Task<IResult> Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var admission = gate.Admit(request);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        // A value that is no source name is ignored (every vendor shown) rather than echoed back.
        var vendor = request.Query["vendor"].FirstOrDefault() is { Length: > 0 } named ? (IdRule.SourceName.Accepts(named) ? named : null) : null;
        return ConsolePage.Html(DashboardPage.Render(view, await dashboard.ReadAsync(cancellationToken), await CloseBoard.ReadAsync(client, time.GetUtcNow(), cancellationToken), vendor));
    }

    [ApiOperation("Console", "Reseller console: replay a source's quarantine", Files = ["text/html"],
        RequestMediaType = "application/x-www-form-urlencoded",
        Description = "A form post with the session's form token (`csrf`), from an admin session: rates the source's held records again, as `POST /api/quarantine/{source}/replay` does, and shows what became of them. A read-only session, or a post without the token, is refused (403).")]
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

        var summary = await rating.ReplayAsync(source, cancellationToken);
        return ConsolePage.Html(ConsoleLayout.Page(view, ConsoleSection.Dashboard, $"Replayed {source}", $"""
            <div class="table-wrap" tabindex="0"><table id="replay">
            <caption>What became of the held records</caption>
            <tbody>
            <tr><th scope="row">Billed</th><td class="num" id="replay-billed">{summary.Billed}</td></tr>
            <tr><th scope="row">Still held</th><td class="num" id="replay-held">{summary.StillQuarantined}</td></tr>
            <tr><th scope="row">Conflicting duplicates</th><td class="num">{summary.Conflicts}</td></tr>
            <tr><th scope="row">Not usage events</th><td class="num">{summary.NotEvents}</td></tr>
            </tbody>
            </table></div>
            <p><a href="{ConsoleLayout.Root}">Back to the dashboard</a></p>
            """));
    }
}
