using System.Text.Json;
using NodaTime;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.Tax;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>tax-tables list</c>, <c>tax-tables put &lt;file.json&gt; [--name n]</c> and <c>tax-tables freshness [--horizon-days 45]</c>:
/// the tax table routes of a running host, and which of its rules run out soon. Each takes <c>--json</c>: standard output is then one
/// JSON document (an upload's progress stays on standard error), for scripts and pipelines.</summary>
public static class TaxTablesCommand
{
    /// <param name="args">The verb's arguments after <c>tax-tables</c>.</param>
    public static Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(api, args, output, TextWriter.Null, cancellationToken);

    /// <param name="args">The verb's arguments after <c>tax-tables</c>.</param>
    /// <param name="progress">Where an upload's progress is shown (standard error: standard output keeps the result).</param>
    public static async Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        switch (args.FirstOrDefault())
        {
            case "list":
                var listing = await api.ListTaxTablesAsync(cancellationToken);
                if (Json(args))
                {
                    output.WriteLine(JsonSerializer.Serialize(listing, BillingJson.Options));
                    return 0;
                }

                foreach (var document in listing.Documents)
                {
                    output.WriteLine($"{document.Name,-12} {document.Origin,-8} {document.LastModified?.ToString("u", null) ?? "",-20} {string.Join(", ", document.Rules)}");
                }

                if (listing.Rejected is { } rejected)
                {
                    output.WriteLine($"Stored documents rejected, the previous table stays in force: {rejected}");
                }

                return 0;
            case "put" when new CommandOptions([.. args]).Positional(JsonOutput.Flag) is [_, var path, ..]:
                var name = new CommandOptions([.. args]).Get("--name") ?? Path.GetFileNameWithoutExtension(path);
                var stored = await new UploadProgress(progress).RunAsync(path, document => api.PutTaxTableAsync(name, document, cancellationToken));
                output.WriteLine(Json(args)
                    ? JsonSerializer.Serialize(stored, BillingJson.Options)
                    : $"Tax table '{name}' stored (version {stored.Version}): {stored.Rules} rule(s) in {stored.Jurisdictions} jurisdiction(s); "
                        + $"{stored.ClosesWoken} held closes released. It is in force on every instance within Tax__TableRefreshSeconds.");
                return 0;
            case "freshness":
                return await FreshnessAsync(api, new CommandOptions([.. args]), output, cancellationToken);
            default:
                throw new ArgumentException("Usage: tax-tables list | tax-tables put <file.json> [--name federal] | tax-tables freshness [--horizon-days 45].");
        }
    }

    private const string JsonFlag = "--json";

    private static bool Json(IReadOnlyList<string> args) => args.Contains(JsonFlag);

    /// <summary>Every rule of the documents in force whose newest rate ends within the horizon; exit code 1 when there is one.</summary>
    private static async Task<int> FreshnessAsync(BillingApiClient api, CommandOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var horizon = options.Get("--horizon-days") is { } days ? int.Parse(days, System.Globalization.CultureInfo.InvariantCulture) : TaxDataOptions.Default.FreshnessHorizonDays;
        var documents = new List<NamedTaxDocument>();
        foreach (var document in (await api.ListTaxTablesAsync(cancellationToken)).Documents)
        {
            documents.Add(new NamedTaxDocument(document.Name, await api.GetTaxTableAsync(document.Name, cancellationToken)));
        }

        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var expiring = TaxTableFreshness.Expiring(TaxTableLoader.Load(documents), today, horizon);
        if (options.Has(JsonFlag))
        {
            output.WriteLine(JsonSerializer.Serialize(new { today, horizonDays = horizon, expiring }, BillingJson.Options));
            return expiring.Count == 0 ? 0 : 1;
        }

        foreach (var rule in expiring)
        {
            var when = rule.CoveredUntil <= today ? "ran out on" : "runs out on";
            output.WriteLine($"{rule.Table,-12} {rule.RuleKey,-24} {when} {rule.CoveredUntil:yyyy-MM-dd}: add the next rates and store the table (tax-tables put).");
        }

        output.WriteLine(expiring.Count == 0
            ? $"Every tax rule has rates beyond {today.PlusDays(horizon):yyyy-MM-dd} ({horizon} days)."
            : $"{expiring.Count} tax rules have no rate beyond {today.PlusDays(horizon):yyyy-MM-dd} ({horizon} days); closes dated after a rule runs out are held (Tax__MissingRate).");
        return expiring.Count == 0 ? 0 : 1;
    }
}
