using System.Text.Json.Nodes;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Demo;

/// <summary>
/// The demo's close of one account: when a shipped table has no rate for the invoice date yet (the next USF quarter is
/// published by the FCC shortly before it starts), the close is held before numbering. The demo shows the hold and
/// releases it the way an operator does, by storing the table with a version that covers the date; having no
/// published rate, it stores the last one carried forward and marked Unverified, on its own throw-away storage.
/// </summary>
internal static class DemoTaxHold
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<InvoiceSummary> CloseAsync(BillingApiClient api, CycleRequest cycle, TextWriter log, CancellationToken cancellationToken)
    {
        await api.StartCloseAsync(cycle, cancellationToken);
        var status = await new Commands.PhaseProgress(log).RunAsync($"Closing {cycle.InstanceId}", report =>
            api.WaitForCloseStatusAsync(cycle, Timeout, s =>
            {
                report(Commands.CloseCommand.Step(s));
                return s.RuntimeStatus == "Completed" || s.AwaitingTaxData is not null;
            }, cancellationToken));
        if (status.AwaitingTaxData is { } hold)
        {
            await log.WriteLineAsync($"Close {cycle.InstanceId} is held before numbering ({TaxDataHold.Status}):");
            foreach (var missing in hold.Missing)
            {
                await log.WriteLineAsync($"  rule {missing.RuleKey} of tax table '{missing.Table}' has no rate on {missing.Date}");
            }

            await log.WriteLineAsync("  An operator releases it by storing the table with the new rate: tax-tables put federal.json.");
            await log.WriteLineAsync("  The demo stores a stand-in instead: the last published rate carried forward, marked Unverified.");
            foreach (var table in hold.Missing.GroupBy(n => n.Table!))
            {
                var document = JsonNode.Parse(await api.GetTaxTableAsync(table.Key, cancellationToken))!;
                CarryForward(document, [.. table.Select(n => n.RuleKey)]);
                await api.PutTaxTableAsync(table.Key, System.Text.Encoding.UTF8.GetBytes(document.ToJsonString()), cancellationToken);
            }
        }

        if (status.RuntimeStatus == "Completed")
        {
            return status.Invoice!;
        }

        return await new Commands.PhaseProgress(log).RunAsync($"Closing {cycle.InstanceId} with the stand-in rate", report =>
            api.WaitForCloseAsync(cycle, Timeout, s => report(Commands.CloseCommand.Step(s)), cancellationToken));
    }

    /// <summary>Adds to each named rule an open-ended version from its last one's end, at the same rate or amount.</summary>
    private static void CarryForward(JsonNode document, IReadOnlyList<string> rules)
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date.ToString("yyyy-MM-dd", null);
        foreach (var rule in document["rules"]!.AsArray().Where(r => rules.Contains((string)r!["key"]!)))
        {
            var versions = rule!["versions"]!.AsArray();
            var last = versions.OrderBy(v => (string)v!["from"]!, StringComparer.Ordinal).Last()!;
            if (last["until"] is not { } until)
            {
                continue;
            }

            var next = new JsonObject
            {
                ["from"] = (string)until!,
                ["status"] = "Unverified",
                ["source"] = "demo stand-in: the previous rate carried forward; replace it with the published one",
                ["asOf"] = today,
            };
            foreach (var amount in new[] { "rate", "unitAmount", "maxLinesPerAccount" })
            {
                if (last[amount] is { } value)
                {
                    next[amount] = value.DeepClone();
                }
            }

            versions.Add(next);
        }
    }
}
