namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>A verb that runs the host ends cleanly: its own output, exit code 0, and no error lines from the durable worker's
/// cancelled gRPC calls or from a slow host stop.</summary>
/// <remarks>In the Azurite collection, so no other host of that collection competes with its stop: on a loaded machine the durable
/// worker's stream still logs one error line when its host stops late, and this test is what watches for that.</remarks>
[Collection(AzuriteCollection.Name)]
public sealed class ShutdownTests
{
    [Fact]
    public async Task CloseBench_SmallBook_StopsTheHostInOrderAndExitsZero()
    {
        // Observed: close-bench ended with "fail: Microsoft.DurableTask.Worker.Grpc[20]" lines, and once with an unhandled
        // TimeoutException from Host.StopAsync (exit code 134) after printing its table.
        // The benchmark's own Azurite goes 50 ports above the test run's (TEST_AZURITE_PORT, default 10100), beside other runs.
        var port = (int.TryParse(Environment.GetEnvironmentVariable("TEST_AZURITE_PORT"), out var first) ? first : 10100) + 50;

        var run = await LocalHostProcess.RunAsync(["close-bench", "--accounts", "12", "--calls", "2", "--azurite-port", $"{port}"]);

        run.ExitCode.ShouldBe(0, run.Errors);
        run.Output.ShouldContain("| 12 | 12 |");
        string[] lines = [.. $"{run.Output}\n{run.Errors}".Split('\n')];
        lines.ShouldAllBe(line => !line.StartsWith("fail:", StringComparison.Ordinal) && !line.StartsWith("crit:", StringComparison.Ordinal));
        lines.ShouldAllBe(line => !line.Contains("Unhandled exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CloseBench_TaskHubApart_ClosesTheBookWithTheEngineOnItsOwnAzurite()
    {
        // Six ports from 60 above the test run's: the billing data's Azurite, then the task hub's.
        var port = (int.TryParse(Environment.GetEnvironmentVariable("TEST_AZURITE_PORT"), out var first) ? first : 10100) + 60;

        var run = await LocalHostProcess.RunAsync(["close-bench", "--accounts", "6", "--calls", "2", "--azurite-port", $"{port}", "--task-hub-apart"]);

        run.ExitCode.ShouldBe(0, run.Errors);
        run.Output.ShouldContain("the task hub in an Azurite of its own");
        run.Output.ShouldContain("| 6 | 6 |");
        // The engine's requests went to the second Azurite and were counted there: its history and instances tables among them.
        run.Output.Split('\n').ShouldContain(line => line.StartsWith("| engine | table | CloseBenchHistory |", StringComparison.Ordinal));
        run.Output.Split('\n').ShouldContain(line => line.StartsWith("| billing | table |", StringComparison.Ordinal));
    }
}
