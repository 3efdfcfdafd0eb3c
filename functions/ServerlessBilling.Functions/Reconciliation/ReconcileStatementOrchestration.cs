using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.Functions.Reconciliation;

/// <summary>Reconciles one imported vendor statement: page after page (each an activity that reads from where the last stopped,
/// matches, records the ids it lists and stores its findings), then the ledger page after page for the calls billed under the vendor
/// that month the statement does not list, then the month's summary and events. Only sequences activities.</summary>
/// <remarks>A statement of millions of rows is thousands of pages: the orchestration continues as new every
/// <see cref="PagesPerEpisode"/> pages (statement and ledger pages alike) with its progress as input, so its history stays short.</remarks>
public static class ReconcileStatementOrchestration
{
    public const string Name = "ReconcileStatement";

    private const int PagesPerEpisode = 50;

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2.0));

    [Function(Name)]
    public static async Task<string> Run([OrchestrationTrigger] TaskOrchestrationContext context, StatementProgress progress)
    {
        for (var page = 0; page < PagesPerEpisode; page++)
        {
            context.SetCustomStatus(new { rows = progress.Totals.Rows });
            if (!progress.ScanningLedger)
            {
                var read = await context.CallActivityAsync<StatementPage>(ReconciliationActivities.ReconcilePage, progress, Retry);
                progress = progress with { Totals = progress.Totals.Plus(read.Totals), Currency = read.Currency };
                progress = read.Next is null ? progress with { ScanningLedger = true } : progress with { Cursor = read.Next };
                continue;
            }

            var scanned = await context.CallActivityAsync<LedgerScanPage>(ReconciliationActivities.ScanLedger, progress, Retry);
            progress = progress with { Totals = progress.Totals.Plus(scanned.Totals), LedgerToken = scanned.Next };
            if (scanned.Next is null)
            {
                await context.CallActivityAsync<bool>(ReconciliationActivities.CompleteReconciliation, progress, Retry);
                context.SetCustomStatus(new { rows = progress.Totals.Rows });
                return progress.Run.Id;
            }
        }

        context.ContinueAsNew(progress);
        return progress.Run.Id;
    }
}
