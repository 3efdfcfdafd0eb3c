using System.Globalization;
using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>identity-backfill</c>: gives usage billed before event identities were kept its identity rows, on a running host, and
/// prints what it found (with <c>--json</c>, the summary as the route answers it, every call's counts added up); exit code 1 when some
/// row's identity is claimed by a different billed version.</summary>
public static class IdentityBackfillCommand
{
    /// <param name="accountId">Only this account's rows (<c>--account</c>); null for the whole ledger.</param>
    public static Task<int> RunAsync(BillingApiClient api, string? accountId, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(api, accountId, json: false, output, cancellationToken);

    /// <param name="accountId">Only this account's rows (<c>--account</c>); null for the whole ledger.</param>
    /// <param name="json">Print the summary as JSON.</param>
    public static async Task<int> RunAsync(BillingApiClient api, string? accountId, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var summary = await api.BackfillIdentitiesAsync(accountId, cancellationToken);
        if (json)
        {
            JsonOutput.Write(output, summary);
            return summary.Conflicting == 0 ? 0 : 1;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows scanned {summary.Scanned}, identities written {summary.Written}, already present {summary.AlreadyPresent}, conflicting {summary.Conflicting}"));
        foreach (var conflict in summary.Conflicts)
        {
            var differences = conflict.Differences.Count > 0 ? string.Join(",", conflict.Differences) : "place";
            output.WriteLine($"  conflict {conflict.Identity}: row {conflict.AccountId} {conflict.PeriodKey}, claimed {conflict.ClaimedAccountId} {conflict.ClaimedPeriodKey} ({differences})");
        }

        if (summary.Conflicting > summary.Conflicts.Count)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  and {summary.Conflicting - summary.Conflicts.Count} more conflicts"));
        }

        return summary.Conflicting == 0 ? 0 : 1;
    }
}
