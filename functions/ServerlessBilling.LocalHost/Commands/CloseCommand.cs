using System.Globalization;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>close &lt;account&gt; &lt;periodStart&gt; [--wait]</c>: starts one close on a running host (once; a second start
/// starts nothing) and prints its status, or waits for its invoice showing the close's steps as it goes (<see cref="PhaseProgress"/>).
/// With <c>--json</c> it prints what the API answers: the start (<c>instanceId</c>, <c>started</c>, <c>status</c>), or with <c>--wait</c>
/// the finished close as <c>GET /api/cycles/{account}/{periodStart}</c> reports it.</summary>
public static class CloseCommand
{
    /// <param name="args">The verb's arguments after <c>close</c>.</param>
    public static Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(api, args, output, output, cancellationToken);

    /// <param name="args">The verb's arguments after <c>close</c>.</param>
    /// <param name="progress">Where the close's steps are shown while waiting (standard error: standard output keeps the result).</param>
    public static async Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var cycle = new CommandOptions([.. args]).Positional(Wait, JsonOutput.Flag) is [var account, var periodStart, ..]
            ? new CycleRequest(account, periodStart)
            : throw new ArgumentException("Usage: close <accountId> <periodStart yyyy-MM-dd> [--wait] [--json]");
        var json = JsonOutput.Requested(args);
        var start = await api.StartCloseAsync(cycle, cancellationToken);
        if (!args.Contains(Wait))
        {
            if (json)
            {
                JsonOutput.Write(output, start);
            }
            else
            {
                output.WriteLine($"Close {cycle.InstanceId} started (or already running).");
            }

            return 0;
        }

        if (!json)
        {
            output.WriteLine($"Close {cycle.InstanceId} started (or already running).");
        }

        var invoice = await new PhaseProgress(progress).RunAsync($"Waiting for close {cycle.InstanceId}", report =>
            api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(5), status => report(Step(status)), cancellationToken));
        if (json)
        {
            JsonOutput.Write(output, await api.GetCloseStatusAsync(cycle, cancellationToken));
            return 0;
        }

        var total = invoice.Total.ToString("F" + CurrencyInfo.MinorUnits(invoice.Currency), CultureInfo.InvariantCulture);
        output.WriteLine($"{invoice.Number}: {total} {invoice.Currency}, {invoice.JsonDocument}, {invoice.PdfDocument}");
        return 0;
    }

    private const string Wait = "--wait";

    /// <summary>The close's step as the orchestration names it (<c>closing</c>, <c>drafting</c>, <c>numbering</c>, ...), else its runtime status.</summary>
    public static string Step(BillingApiClient.CloseStatus status) => status.CustomStatus switch
    {
        null or "" => status.RuntimeStatus.ToLowerInvariant(),
        var step when status.AwaitingTaxData is { } hold => $"{step} ({hold.Missing.Count} missing)",
        var step => step,
    };
}
