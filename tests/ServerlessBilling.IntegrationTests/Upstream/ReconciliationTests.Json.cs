using System.Text.Json;
using ServerlessBilling.IntegrationTests.Commands;

namespace ServerlessBilling.IntegrationTests.Upstream;

/// <summary><c>reconcile --json</c> as an operator's script runs it: the built tool against a running host, standard output one JSON
/// document (the reconciliation as the API answers it), the upload and the wait on standard error.</summary>
public partial class ReconciliationTests
{
    [Fact]
    public async Task ReconcileVerb_Json_PrintsOnlyTheReconciliationOnStdout()
    {
        await RateRetellNovemberAsync();

        var run = await LocalHostProcess.RunAsync(
            ["reconcile", "retell", "2026-11", Sample("retell-calls-2026-11.csv"), "--json", "--url", host.Host.BaseAddress.ToString(), "--key", host.ApiKey]);

        run.ExitCode.ShouldBe(0, run.Errors);
        var view = JsonDocument.Parse(run.Output).RootElement;
        var summary = view.GetProperty("summary");
        (summary.GetProperty("vendor").GetString(), summary.GetProperty("month").GetString(), summary.GetProperty("status").GetString(), summary.GetProperty("rows").GetInt64())
            .ShouldBe(("retell", "2026-11", "completed", 3L));
        (summary.GetProperty("vendorTotal").GetDecimal(), summary.GetProperty("expectedTotal").GetDecimal(), summary.GetProperty("billedTotal").GetDecimal(), summary.GetProperty("grossMargin").GetDecimal())
            .ShouldBe((0.15326667m, 0.153267m, 0.3025m, 0.14923333m));
        summary.GetProperty("leakage").GetProperty("count").GetInt64().ShouldBe(0L);
        view.GetProperty("findings").GetArrayLength().ShouldBe(0);
        run.Errors.ShouldContain("Reconciling run " + summary.GetProperty("runId").GetString());
    }
}
