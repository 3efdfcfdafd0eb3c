using System.Globalization;
using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>cdr-file &lt;blob name&gt; [--json]</c>: each upload of a dropped file with what became of its lines, from a running host
/// (with <c>--json</c>, as <c>GET /api/cdr-files/{name}</c> answers them).</summary>
public static class CdrFileCommand
{
    /// <param name="args">The verb's arguments after <c>cdr-file</c>: the blob name in <c>cdr-drops</c>.</param>
    public static async Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var name = new CommandOptions([.. args]).Positional(JsonOutput.Flag) is [var blob, ..]
            ? blob
            : throw new ArgumentException("Usage: cdr-file <blob name in cdr-drops>, such as asterisk/UTC/Master.csv.");
        var versions = await api.GetCdrFileAsync(name, cancellationToken);
        if (JsonOutput.Requested(args))
        {
            JsonOutput.Write(output, versions);
            return 0;
        }

        foreach (var v in versions)
        {
            var state = v.FinishedAt is null ? "reading" : $"finished {v.FinishedAt}";
            output.WriteLine($"{v.File} {v.ETag} ({v.Format}{(v.TimeZone.Length > 0 ? ", " + v.TimeZone : "")}), started {v.StartedAt}, {state}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  lines read {v.LinesRead}, queued {v.Queued}, accepted {v.Accepted}, duplicate {v.Duplicates}, quarantined {v.Quarantined}, unattributed {v.Unattributed}, unpriced {v.Unpriced}, pending {v.Pending}, conflicting {v.Conflicting}, held {v.Held}, blank {v.Blank}"));
            if (v.Problem is not null)
            {
                output.WriteLine($"  problem: {v.Problem}");
            }
        }

        return 0;
    }
}
