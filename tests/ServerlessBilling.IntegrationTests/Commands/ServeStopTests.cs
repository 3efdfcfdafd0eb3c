using System.Diagnostics;
using System.Net;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary><c>serve</c> as an operator runs it: it answers on its port until SIGTERM (what the platform and <c>docker stop</c> send),
/// then stops in order and exits 0 without error lines.</summary>
/// <remarks>In the Azurite collection for the reason <see cref="ShutdownTests"/> gives.</remarks>
[Collection(AzuriteCollection.Name)]
public sealed class ServeStopTests
{
    [Fact]
    public async Task Serve_OnSigterm_StopsInOrderAndExitsZero()
    {
        // Its own Azurite, 60 ports above the test run's (TEST_AZURITE_PORT, default 10100), beside the other runs.
        var azuritePort = (int.TryParse(Environment.GetEnvironmentVariable("TEST_AZURITE_PORT"), out var first) ? first : 10100) + 60;
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ServerlessBilling.LocalHost.dll"), "serve", "--port", $"{port}", "--azurite-port", $"{azuritePort}" })
        {
            start.ArgumentList.Add(arg);
        }

        using var serve = Process.Start(start)!;
        var output = new ProcessOutput(serve);
        try
        {
            await output.WaitForAsync("Serving http://", TimeSpan.FromMinutes(3));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            (await http.GetAsync("api/health")).StatusCode.ShouldBe(HttpStatusCode.OK);

            using (var kill = Process.Start("kill", ["-TERM", $"{serve.Id}"]))
            {
                await kill.WaitForExitAsync();
            }

            using var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await serve.WaitForExitAsync(stopping.Token);
        }
        finally
        {
            if (!serve.HasExited)
            {
                serve.Kill(entireProcessTree: true);
            }
        }

        var (printed, errors) = output.Text;
        serve.ExitCode.ShouldBe(0, errors);
        string[] lines = [.. $"{printed}\n{errors}".Split('\n')];
        lines.ShouldAllBe(line => !line.StartsWith("fail:", StringComparison.Ordinal) && !line.StartsWith("crit:", StringComparison.Ordinal));
        lines.ShouldAllBe(line => !line.Contains("Unhandled exception", StringComparison.Ordinal));
        AzuriteLauncher.IsListening(port).ShouldBeFalse();
        AzuriteLauncher.IsListening(azuritePort).ShouldBeFalse(); // the Azurite it started went with it
    }
}
