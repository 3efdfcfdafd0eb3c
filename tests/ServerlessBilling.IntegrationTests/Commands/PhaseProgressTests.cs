using ServerlessBilling.LocalHost.Commands;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>Progress written to a file or a pipe is plain lines: the phase, each change of its status, and its end; a verb shows it on
/// standard error, leaving standard output to its result.</summary>
public class PhaseProgressTests
{
    [Fact]
    public async Task RunAsync_Redirected_PrintsThePhaseEachNewStatusAndTheEnd_AndReturnsTheResult()
    {
        using var output = new StringWriter();
        var progress = new PhaseProgress(output);

        var result = await progress.RunAsync("Closing acme:2026-11-01", report =>
        {
            report("drafting");
            report("drafting");
            report("awaitingTaxData (1 missing)");
            report("numbering");
            return Task.FromResult(42);
        });

        (progress.Interactive, result).ShouldBe((false, 42));
        output.ToString().ShouldBe(Lines("Closing acme:2026-11-01...", "  drafting", "  awaitingTaxData (1 missing)", "  numbering", "Closing acme:2026-11-01: done."));
    }

    [Fact]
    public async Task RunAsync_WorkThatFails_PrintsNoEndAndLetsTheErrorThrough()
    {
        using var output = new StringWriter();

        await Should.ThrowAsync<TimeoutException>(() => new PhaseProgress(output).RunAsync("Rating the calls", () => throw new TimeoutException("not rated")));

        output.ToString().ShouldBe(Lines("Rating the calls..."));
    }

    [Fact]
    public async Task ReconcileBench_Redirected_ShowsItsPhasesOnStandardError_AndOnlyTheTableOnStandardOutput()
    {
        var run = await LocalHostProcess.RunAsync(["reconcile-bench", "--rows", "2000"]);

        run.ExitCode.ShouldBe(0, run.Errors);
        run.Errors.ShouldBe(Lines(
            "Writing a statement of 2,000 calls...", "Writing a statement of 2,000 calls: done.",
            "Matching the statement...", "Matching the statement: done.",
            "Scanning the ledger...", "Scanning the ledger: done."));
        run.Output.ShouldStartWith("Phase ");
        (run.Output + run.Errors).ShouldNotContain("\u001b");
    }

    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));
}
