using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary><c>serve</c> as an operator runs it: it answers on its port until SIGTERM (what the platform and <c>docker stop</c> send),
/// then stops in order and exits 0 without error lines; with closes running, it first lets the durable work in flight finish,
/// for as long as <c>LocalHost__StopDrainSeconds</c> allows, and says so.</summary>
/// <remarks>In the Azurite collection for the reason <see cref="ShutdownTests"/> gives.</remarks>
[Collection(AzuriteCollection.Name)]
public sealed class ServeStopTests
{
    [Fact]
    public async Task Serve_WithItsKeyFromTheEnvironment_AnswersAndOnSigterm_StopsInOrderAndExitsZero()
    {
        // Its own Azurite, 60 ports above the test run's (TEST_AZURITE_PORT, default 10100), beside the other runs.
        var azuritePort = AzuritePort(60);
        var port = LoopbackPorts.Free();
        var key = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var serve = StartServe(port, azuritePort, ("Api__Key", key)); // as an operator sets it, with no local.settings.json naming it
        var output = new ProcessOutput(serve);
        try
        {
            await output.WaitForAsync("Serving http://", TimeSpan.FromMinutes(3));
            output.Text.Output.ShouldContain($"x-functions-key: {key})");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            (await http.GetAsync("api/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await http.GetAsync("api/accounts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            http.DefaultRequestHeaders.Add("x-functions-key", key);
            (await http.GetAsync("api/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK);

            await TerminateAsync(serve, TimeSpan.FromMinutes(1));
        }
        finally
        {
            if (!serve.HasExited)
            {
                serve.Kill(entireProcessTree: true);
            }
        }

        AssertCleanExit(serve, output);
        AzuriteLauncher.IsListening(port).ShouldBeFalse();
        AzuriteLauncher.IsListening(azuritePort).ShouldBeFalse(); // the Azurite it started went with it
    }

    [Fact]
    public async Task Serve_InMemory_AnswersAndLeavesNoDataFolder()
    {
        var azuritePort = AzuritePort(73);
        var port = LoopbackPorts.Free();
        var folder = Path.Combine(RepositoryRoot.Find(), ".azurite", $"{azuritePort}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        using var serve = StartServe(port, azuritePort, ["--in-memory"]);
        var output = new ProcessOutput(serve);
        try
        {
            await output.WaitForAsync("Serving http://", TimeSpan.FromMinutes(3));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            (await http.GetAsync("api/health")).StatusCode.ShouldBe(HttpStatusCode.OK);

            await TerminateAsync(serve, TimeSpan.FromMinutes(1));
        }
        finally
        {
            if (!serve.HasExited)
            {
                serve.Kill(entireProcessTree: true);
            }
        }

        AssertCleanExit(serve, output);
        Directory.Exists(folder).ShouldBeFalse(); // Azurite kept its stores in memory: nothing to save, nothing left behind
        AzuriteLauncher.IsListening(azuritePort).ShouldBeFalse();
    }

    [Fact]
    public async Task Serve_OnSigterm_WithClosesRunning_DrainsAndExitsZero()
    {
        var port = LoopbackPorts.Free();
        using var serve = StartServe(port, AzuritePort(66), ("LocalHost__StopDrainSeconds", "120"));
        var output = new ProcessOutput(serve);
        var running = 0;
        try
        {
            await output.WaitForAsync("Serving http://", TimeSpan.FromMinutes(3));
            var key = Regex.Match(output.Text.Output, @"x-functions-key: (?<key>[0-9a-f]+)\)").Groups["key"].Value;
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            var api = new BillingApiClient(http, key);
            var closes = await StartClosesAsync(api, count: 12);

            // Stop as soon as the first close is under way, so the others are still running when SIGTERM arrives.
            await api.WaitForCloseStatusAsync(closes[0], TimeSpan.FromMinutes(2), s => s.RuntimeStatus is "Running" or "Completed", CancellationToken.None);
            foreach (var close in closes)
            {
                running += (await api.GetCloseAsync(close, CancellationToken.None)).RuntimeStatus == "Completed" ? 0 : 1;
            }

            await TerminateAsync(serve, TimeSpan.FromMinutes(4));
        }
        finally
        {
            if (!serve.HasExited)
            {
                serve.Kill(entireProcessTree: true);
            }
        }

        running.ShouldBeGreaterThan(0);
        AssertCleanExit(serve, output);
        var printed = output.Text.Output;
        var draining = Regex.Match(printed, @"Stopping: the durable engine hands out no more work; waiting up to 120 s for the (?<n>\d+) work items in flight");
        draining.Success.ShouldBeTrue(printed);
        var drained = Regex.Match(printed, @"Durable engine drained in \d+ ms: the (?<n>\d+) work items in flight finished");
        drained.Success.ShouldBeTrue(printed);
        drained.Groups["n"].Value.ShouldBe(draining.Groups["n"].Value);
        drained.Index.ShouldBeGreaterThan(draining.Index);
        printed.ShouldNotContain("Durable engine not drained");
    }

    /// <summary>A plan and <paramref name="count"/> new accounts on it, each with last month's close started.</summary>
    private static async Task<List<CycleRequest>> StartClosesAsync(BillingApiClient api, int count)
    {
        var plan = new PricePlan("stop-plan", "Stop", "USD", [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, [], new PerCallRounding())]);
        await api.PutPlanAsync(plan, CancellationToken.None);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var period = BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
        var closes = new List<CycleRequest>();
        for (var i = 0; i < count; i++)
        {
            var account = new Account($"stop-{Guid.NewGuid():N}"[..21], $"Stopping Clinic {i}", plan.Id, new BillingProfile("UTC", 1, "USD"));
            await api.PutAccountAsync(account, CancellationToken.None);
            closes.Add(new CycleRequest(account.Id, period.Key));
        }

        foreach (var close in closes)
        {
            await api.StartCloseAsync(close, CancellationToken.None);
        }

        return closes;
    }

    /// <summary>Azurite for a <c>serve</c> of its own, <paramref name="above"/> ports above the test run's (TEST_AZURITE_PORT, default 10100).
    /// Azurite takes three ports from there (blob, queue, table): 60, 66 and 73 keep clear of each other, of the demo's 63 and of the data folder test's 70.</summary>
    private static int AzuritePort(int above) =>
        (int.TryParse(Environment.GetEnvironmentVariable("TEST_AZURITE_PORT"), out var first) ? first : 10100) + above;

    private static Process StartServe(int port, int azuritePort, params (string Name, string Value)[] environment) =>
        StartServe(port, azuritePort, [], environment);

    private static Process StartServe(int port, int azuritePort, string[] options, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "ServerlessBilling.LocalHost.dll"), "serve", "--port", $"{port}", "--azurite-port", $"{azuritePort}", .. options];
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    private static async Task TerminateAsync(Process serve, TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", $"{serve.Id}"]))
        {
            await kill!.WaitForExitAsync();
        }

        using var stopping = new CancellationTokenSource(timeout);
        await serve.WaitForExitAsync(stopping.Token);
    }

    private static void AssertCleanExit(Process serve, ProcessOutput output)
    {
        var (printed, errors) = output.Text;
        serve.ExitCode.ShouldBe(0, errors);
        string[] lines = [.. $"{printed}\n{errors}".Split('\n')];
        lines.ShouldAllBe(line => !line.StartsWith("fail:", StringComparison.Ordinal) && !line.StartsWith("crit:", StringComparison.Ordinal));
        lines.ShouldAllBe(line => !line.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
