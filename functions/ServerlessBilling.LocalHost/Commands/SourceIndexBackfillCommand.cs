using System.Globalization;
using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>source-index-backfill</c>: indexes the sources of usage rated before the ledger kept its index of sources, on a running
/// host, so reconciliation finds those periods; prints what it found (with <c>--json</c>, the summary as the route answers it, every
/// call's counts added up).</summary>
public static class SourceIndexBackfillCommand
{
    /// <param name="accountId">Only this account's rows (<c>--account</c>); null for the whole ledger.</param>
    public static Task<int> RunAsync(BillingApiClient api, string? accountId, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(api, accountId, json: false, output, cancellationToken);

    /// <param name="accountId">Only this account's rows (<c>--account</c>); null for the whole ledger.</param>
    /// <param name="json">Print the summary as JSON.</param>
    public static async Task<int> RunAsync(BillingApiClient api, string? accountId, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var summary = await api.BackfillSourceIndexAsync(accountId, cancellationToken);
        if (json)
        {
            JsonOutput.Write(output, summary);
            return 0;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows scanned {summary.Scanned}, index entries written {summary.Indexed}, already indexed {summary.AlreadyIndexed}"));
        return 0;
    }
}
