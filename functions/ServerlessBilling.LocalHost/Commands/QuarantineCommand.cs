using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>quarantine list &lt;source&gt;</c> and <c>quarantine replay &lt;source&gt; [--reference &lt;reference&gt;]...</c>: the quarantine routes of a
/// running host (a replay naming references rates only those records). With <c>--json</c>: <c>list</c> prints every page's records as one
/// array (each as <c>GET /api/quarantine/{source}</c> answers it), <c>replay</c> the replay's answer.</summary>
public static class QuarantineCommand
{
    /// <param name="args">The verb's arguments after <c>quarantine</c>: the action and the source.</param>
    public static async Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var json = JsonOutput.Requested(args);
        var (action, source) = new CommandOptions([.. args]).Positional(JsonOutput.Flag) is [var verb, var named, ..]
            ? (verb, named)
            : throw new ArgumentException("Usage: quarantine list|replay <source> (twilio, retell, asterisk, ...).");
        switch (action)
        {
            case "list":
                var records = await api.ListQuarantineAsync(source, cancellationToken);
                if (json)
                {
                    JsonOutput.Write(output, records);
                    return 0;
                }

                foreach (var record in records)
                {
                    output.WriteLine($"{record.Reference}\t{record.Problem.Field}\t{record.Problem.Reason}");
                }

                output.WriteLine($"{records.Count} quarantined in {source}.");
                return 0;
            case "replay":
                var references = args.Skip(2).Zip(args.Skip(3)).Where(pair => pair.First == "--reference").Select(pair => pair.Second).ToList();
                var replay = await api.ReplayQuarantineAsync(source, references, cancellationToken);
                if (json)
                {
                    JsonOutput.Write(output, replay);
                    return 0;
                }

                output.WriteLine($"{source}: {replay.Billed} billed, {replay.StillQuarantined} still quarantined, {replay.NotEvents} not events (fix the file and drop it again).");
                return 0;
            default:
                throw new ArgumentException($"Unknown quarantine action '{action}': use list or replay.");
        }
    }
}
