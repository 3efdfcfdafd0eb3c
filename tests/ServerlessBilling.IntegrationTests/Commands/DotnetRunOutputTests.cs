using System.Diagnostics;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>A verb run the way the README shows, through <c>dotnet run</c>, prints only its own output on stdout: no restore warning
/// above it, so <c>rate --format csv &gt; file.csv</c> starts with the CSV header.</summary>
/// <remarks>Observed: every <c>dotnet run</c> printed 18 NU1603 warnings (a package version the feed lacks, the next one taken)
/// on stdout before the verb's output.</remarks>
public sealed class DotnetRunOutputTests
{
    [Fact]
    public async Task DotnetRun_OfflineVerb_PrintsNoRestoreWarningOnStdout()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "run", "--project", "functions/ServerlessBilling.LocalHost", "--", "rate", "--plan", "samples/plan.json", "--input", "samples/calls.jsonl", "--zone", "America/Chicago", "--format", "csv" })
        {
            start.ArgumentList.Add(arg);
        }

        using var run = Process.Start(start)!;
        var output = run.StandardOutput.ReadToEndAsync();
        var errors = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();

        run.ExitCode.ShouldBe(0, await errors);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldNotContain(line => line.Contains("NU1603", StringComparison.Ordinal));
        lines.ShouldNotContain(line => line.Contains("warning", StringComparison.OrdinalIgnoreCase));
        lines[0].ShouldStartWith("event_id,started_at,");
        lines.ShouldContain(line => line.StartsWith("events-c-1001,", StringComparison.Ordinal));
    }
}
