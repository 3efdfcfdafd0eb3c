using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Upstream;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Reconciliation;

/// <summary><c>POST /api/reconciliations/{vendor}/{month}</c> imports a vendor statement (CSV body, <c>?format=</c> when not the vendor's
/// usual one) and starts its reconciliation; <c>GET /api/reconciliations/{vendor}/{month}</c> reports the month's latest one (JSON with the
/// first <see cref="FindingsInJson"/> findings, or all of them with <c>?format=csv</c> or <c>?format=xlsx</c>).</summary>
public sealed class StatementsApi(StatementReconciliation reconciliation)
{
    private const int FindingsInJson = 1000;

    [ApiOperation("Upstream costs", "Import a vendor's statement for a month and start its reconciliation",
        RequestMediaType = "text/csv",
        Response = typeof(StatementImportStarted),
        Status = StatusCodes.Status202Accepted,
        Problems = [ProblemKind.Invalid, ProblemKind.TooLarge],
        Query = ["format: twilio-calls or retell-calls, when not the vendor's usual export",
            "scope: vendor (default: every account billed under the vendor that month is checked for calls the statement does not list) or statement (only the accounts it bills a call to)",
            "vendorAccount: only this vendor account's calls (a Twilio AccountSid): rows naming another account are left out, and only calls recorded as carried by it are looked for"])]
    [Function("ImportStatement")]
    public async Task<IResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reconciliations/{vendor}/{month}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string vendor,
        string month,
        CancellationToken cancellationToken)
    {
        if (Refuse(vendor, month) is { } refused)
        {
            return refused;
        }

        var imported = await reconciliation.ImportAsync(
            vendor, month, request.Query["format"].FirstOrDefault(), request.Query["scope"].FirstOrDefault(), request.Query["vendorAccount"].FirstOrDefault(),
            request.Body, cancellationToken);
        if (!imported.TryGetValue(out var run))
        {
            return ProblemResults.From(imported.Problem!);
        }

        await client.ScheduleOnceAsync(ReconcileStatementOrchestration.Name, StatementProgress.Start(run), run.Id, cancellationToken);
        var location = $"/api/reconciliations/{vendor}/{month}";
        return Results.Accepted(location, new StatementImportStarted(run.Id, run.RunId, location));
    }

    [ApiOperation("Upstream costs", "The month's latest reconciliation: summary and findings",
        Response = typeof(ReconciliationReport),
        Csv = true,
        CsvExample = FileExamples.ReconciliationReportCsv,
        Files = [ReconciliationXlsx.ContentType],
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound],
        Query = ["format: json (default), csv or xlsx (every finding)"])]
    [Function("GetReconciliation")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reconciliations/{vendor}/{month}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string vendor,
        string month,
        CancellationToken cancellationToken)
    {
        if (Refuse(vendor, month) is { } refused)
        {
            return refused;
        }

        var format = request.Query["format"].FirstOrDefault();
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (csv || string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return await reconciliation.FindAsync(vendor, month, cancellationToken) is { } summary
                ? Export(summary, csv, cancellationToken)
                : ProblemResults.NotFound($"The reconciliation of {vendor} for {month}");
        }

        var report = await reconciliation.ReportAsync(vendor, month, FindingsInJson, run => FailureOfAsync(client, run, cancellationToken), cancellationToken);
        return report is null ? ProblemResults.NotFound($"The reconciliation of {vendor} for {month}") : Results.Ok(report);
    }

    private IResult Export(ReconciliationSummary summary, bool csv, CancellationToken cancellationToken)
    {
        var name = $"reconciliation-{summary.Vendor}-{summary.Month}";
        var findings = reconciliation.FindingsAsync(summary, cancellationToken);
        return csv
            ? Results.Stream(
                async body =>
                {
                    await using var writer = new StreamWriter(body);
                    await ReconciliationCsv.WriteAsync(summary, findings, writer, cancellationToken);
                },
                "text/csv; charset=utf-8",
                name + ".csv")
            : Results.Stream(body => ReconciliationXlsx.WriteAsync(summary, findings, body, cancellationToken), ReconciliationXlsx.ContentType, name + ".xlsx");
    }

    /// <summary>A summary still says running when its orchestration died before completing; the engine knows why.</summary>
    private static async Task<string?> FailureOfAsync(DurableTaskClient client, StatementRun run, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(run.Id, cancellationToken) is { RuntimeStatus: OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated } instance
            ? instance.FailureDetails?.ErrorMessage ?? instance.RuntimeStatus.ToString()
            : null;

    private static IResult? Refuse(string vendor, string month) =>
        RouteIds.Refuse(RouteIds.Vendor(vendor), RouteIds.Month(month));
}
