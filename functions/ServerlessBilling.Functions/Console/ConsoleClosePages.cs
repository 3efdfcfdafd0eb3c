using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.Functions.Console;

/// <summary>Running a failed close again from the dashboard (admin sessions): the close's instance starts over under its own id with
/// the request it was given, as if it had just been asked for.</summary>
/// <remarks>Every step of <see cref="CloseCycleOrchestration"/> is idempotent, so a close that failed after taking its number keeps
/// that number, and documents already stored are not written twice.</remarks>
public sealed partial class ConsoleClosePages(ConsoleGate gate, ConsoleMessages messages, ILogger<ConsoleClosePages> logger)
{
    [ApiOperation("Console", "Reseller console: retry a failed close", Files = ["text/html"],
        RequestMediaType = "application/x-www-form-urlencoded",
        Description = "A form post with the session's form token (`csrf`), from an admin session: starts the failed close of the account's period again under its own instance id and says so. A close that has not failed is left as it is (409); one that was never started is not found (404). A read-only session, or a post without the token, is refused (403).")]
    [Function("ConsoleRetryClose")]
    public async Task<IResult> Retry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/closes/{accountId}/{periodStart}/retry")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string accountId,
        string periodStart,
        CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitFormAsync(request, writes: true, cancellationToken);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        var what = $"The close of '{accountId}' for the period from '{periodStart}'";
        if (!IdRule.AccountId.Accepts(accountId) || !IdRule.Date.Accepts(periodStart))
        {
            return messages.NotFound(what);
        }

        var cycle = new CycleRequest(accountId, periodStart);
        var restart = await client.RestartFailedAsync<CloseCycleInput>(CloseCycleOrchestration.Name, cycle.InstanceId, cancellationToken, CloseCycleInput.Current);
        if (restart == FailedRestart.NotFound)
        {
            return messages.NotFound(what);
        }

        var close = $"the close of {AccountLink(accountId)} for the period from {Html.Encode(periodStart)}";
        if (restart == FailedRestart.NotFailed)
        {
            return ConsolePage.Html(ConsoleLayout.Page(view, ConsoleSection.Dashboard, "This close has not failed", $"""
                <p id="retry-refused">Nothing was started: {close} is running, has finished, or was retried already.</p>
                <p><a href="{ConsoleLayout.Root}#closes-heading">Back to the dashboard</a></p>
                """), StatusCodes.Status409Conflict);
        }

        LogRetried(logger, view.Session.Caller, cycle.InstanceId);
        return ConsolePage.Html(ConsoleLayout.Page(view, ConsoleSection.Dashboard, "Close started again", $"""
            <p class="notice" role="status" id="retry-started">{char.ToUpperInvariant(close[0])}{close[1..]} runs again from its start. It is listed under the closes in progress until it finishes.</p>
            <p><a href="{ConsoleLayout.Root}#closes-heading">Back to the dashboard</a></p>
            """));
    }

    private static string AccountLink(string accountId) =>
        $"""<a href="{ConsoleLayout.Root}/accounts/{Uri.EscapeDataString(accountId)}">{Html.Encode(accountId)}</a>""";

    [LoggerMessage(Level = LogLevel.Information, Message = "Console session of {Caller} started the failed close {InstanceId} again")]
    private static partial void LogRetried(ILogger logger, [EmailAddress] string caller, string instanceId);
}
