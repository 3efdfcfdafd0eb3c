using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>quarantine list &lt;source&gt;</c> and <c>quarantine replay &lt;source&gt; [--reference &lt;reference&gt;]...</c>: the quarantine routes of a
/// running host (a replay naming references rates only those records).</summary>
public static class QuarantineCommand
{
    /// <param name="args">The verb's arguments after <c>quarantine</c>: the action and the source.</param>
    public static async Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var (action, source) = args.Count >= 2 && !args[1].StartsWith("--", StringComparison.Ordinal)
            ? (args[0], args[1])
            : throw new ArgumentException("Usage: quarantine list|replay <source> (twilio, retell, asterisk, ...).");
        switch (action)
        {
            case "list":
                var records = await api.ListQuarantineAsync(source, cancellationToken);
                foreach (var record in records)
                {
                    output.WriteLine($"{record.Reference}\t{record.Problem.Field}\t{record.Problem.Reason}");
                }

                output.WriteLine($"{records.Count} quarantined in {source}.");
                return 0;
            case "replay":
                var references = args.Skip(2).Chunk(2)
                    .Select(pair => pair is ["--reference", var reference] ? reference : throw new ArgumentException("Usage: quarantine replay <source> [--reference <reference>]..."))
                    .ToList();
                var replay = await api.ReplayQuarantineAsync(source, references, cancellationToken);
                output.WriteLine($"{source}: {replay.Billed} billed, {replay.StillQuarantined} still quarantined, {replay.NotEvents} not events (fix the file and drop it again).");
                return 0;
            default:
                throw new ArgumentException($"Unknown quarantine action '{action}': use list or replay.");
        }
    }
}
