using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary><c>demo --keep-serving</c> as a person runs it: after the narrative its host keeps answering at the console address it
/// printed, until SIGTERM (or Ctrl+C), and then it stops with its Azurite and exits 0.</summary>
/// <remarks>In the Azurite collection for the reason <see cref="ShutdownTests"/> gives.</remarks>
[Collection(AzuriteCollection.Name)]
public sealed partial class DemoKeepServingTests
{
    [Fact]
    public async Task DemoKeepServing_ServesTheConsoleItPrinted_UntilSigterm_ThenExitsZero()
    {
        // Its own in-memory Azurite, 63 ports above the test run's (TEST_AZURITE_PORT, default 10100): past serve's, beside the other runs.
        var azuritePort = (int.TryParse(Environment.GetEnvironmentVariable("TEST_AZURITE_PORT"), out var first) ? first : 10100) + 63;
        var pdfs = Directory.CreateTempSubdirectory("demo-keep-serving-");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ServerlessBilling.LocalHost.dll"), "demo", "--keep-serving", "--out", pdfs.FullName, "--azurite-port", $"{azuritePort}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var demo = Process.Start(start)!;
        var output = new ProcessOutput(demo);
        Uri console;
        try
        {
            await output.WaitForAsync("Serving until Ctrl+C.", TimeSpan.FromMinutes(5));
            console = new Uri(ConsoleLine().Match(output.Text.Output).Groups["address"].Value);
            using var http = new HttpClient();
            using var signIn = await http.GetAsync(console);
            signIn.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await signIn.Content.ReadAsStringAsync()).ShouldContain("<h1>Sign in to the console</h1>");

            using (var kill = Process.Start("kill", ["-TERM", $"{demo.Id}"]))
            {
                await kill.WaitForExitAsync();
            }

            using var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await demo.WaitForExitAsync(stopping.Token);
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
            }

            pdfs.Delete(recursive: true);
        }

        var (printed, errors) = output.Text;
        demo.ExitCode.ShouldBe(0, errors);
        string[] lines = [.. $"{printed}\n{errors}".Split('\n')];
        lines.ShouldAllBe(line => !line.StartsWith("fail:", StringComparison.Ordinal) && !line.StartsWith("crit:", StringComparison.Ordinal));
        lines.ShouldAllBe(line => !line.Contains("Unhandled exception", StringComparison.Ordinal));
        AzuriteLauncher.IsListening(console.Port).ShouldBeFalse();
        AzuriteLauncher.IsListening(azuritePort).ShouldBeFalse(); // the Azurite it started went with it
    }

    [GeneratedRegex(@"Reseller console: (?<address>http://127\.0\.0\.1:\d+/api/console/) ")]
    private static partial Regex ConsoleLine();
}
