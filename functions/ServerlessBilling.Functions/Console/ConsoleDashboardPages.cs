using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.ResellerConsole;

namespace ServerlessBilling.Functions.Console;

/// <summary>The console's dashboard; its quarantine links to each source's held records (<see cref="ConsoleQuarantinePages"/>).</summary>
public sealed class ConsoleDashboardPages(ConsoleGate gate, ConsoleDashboard dashboard, TimeProvider time)
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
}
