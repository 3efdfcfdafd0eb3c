using System.Globalization;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>close &lt;account&gt; &lt;periodStart&gt; [--wait]</c>: starts one close on a running host (once; a second start
/// starts nothing) and prints its status, or waits for its invoice showing the close's steps as it goes (<see cref="PhaseProgress"/>).</summary>
public static class CloseCommand
{
    /// <param name="args">The verb's arguments after <c>close</c>.</param>
    public static Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(api, args, output, output, cancellationToken);

    /// <param name="args">The verb's arguments after <c>close</c>.</param>
    /// <param name="progress">Where the close's steps are shown while waiting (standard error: standard output keeps the result).</param>
    public static async Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var cycle = args.Count >= 2 && !args[0].StartsWith("--", StringComparison.Ordinal) && !args[1].StartsWith("--", StringComparison.Ordinal)
            ? new CycleRequest(args[0], args[1])
            : throw new ArgumentException("Usage: close <accountId> <periodStart yyyy-MM-dd> [--wait]");
        await api.StartCloseAsync(cycle, cancellationToken);
        output.WriteLine($"Close {cycle.InstanceId} started (or already running).");
        if (!args.Contains("--wait"))
        {
            return 0;
        }

        var invoice = await new PhaseProgress(progress).RunAsync($"Waiting for close {cycle.InstanceId}", report =>
            api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(5), status => report(Step(status)), cancellationToken));
        var total = invoice.Total.ToString("F" + CurrencyInfo.MinorUnits(invoice.Currency), CultureInfo.InvariantCulture);
        output.WriteLine($"{invoice.Number}: {total} {invoice.Currency}, {invoice.JsonDocument}, {invoice.PdfDocument}");
        return 0;
    }

    /// <summary>The close's step as the orchestration names it (<c>drafting</c>, <c>numbering</c>, ...), else its runtime status.</summary>
    public static string Step(BillingApiClient.CloseStatus status) => status.CustomStatus switch
    {
        null or "" => status.RuntimeStatus.ToLowerInvariant(),
        var step when status.AwaitingTaxData is { } hold => $"{step} ({hold.Missing.Count} missing)",
        var step => step,
    };
}
