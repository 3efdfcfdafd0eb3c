using System.Text.Json;
using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>A verb's <c>--name value</c> options.</summary>
public sealed class CommandOptions(string[] args)
{
    public string? Get(string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public string Required(string name) => Get(name) ?? throw new ArgumentException($"{name} is required.");

    /// <summary>Whether a flag (an option without a value) is given.</summary>
    public bool Has(string name) => Array.IndexOf(args, name) >= 0;
}

/// <summary>What the offline verbs read: a checked plan, the zone of local times, and the calls of the input file.</summary>
public sealed record OfflineInput(PricePlan Plan, DateTimeZone Zone, IEnumerable<UsageEvent> Calls)
{
    /// <summary>From <c>--plan</c>, <c>--zone</c> (UTC by default), <c>--input</c> and <c>--format</c>; unreadable lines are reported on <paramref name="errors"/>.</summary>
    public static OfflineInput From(CommandOptions options, TextWriter errors)
    {
        var plan = PlanFile.Read(options.Required("--plan"));
        var input = options.Required("--input");
        var zone = DateTimeZoneProviders.Tzdb[options.Get("--zone") ?? "UTC"];
        return new OfflineInput(plan, zone, UsageFiles.Read(input, UsageFiles.FormatOf(input, options.Get("--format")), zone, errors));
    }
}

/// <summary>Reads and checks a price plan document, as the management API would.</summary>
public static class PlanFile
{
    public static PricePlan Read(string path)
    {
        var plan = JsonSerializer.Deserialize<PricePlan>(File.ReadAllText(path), BillingJson.Options)
            ?? throw new ArgumentException($"{path} holds no plan.");
        plan = plan with { Id = string.IsNullOrWhiteSpace(plan.Id) ? Path.GetFileNameWithoutExtension(path) : plan.Id };
        var problems = PricePlanValidator.Validate(plan);
        return problems.Count == 0
            ? plan
            : throw new ArgumentException($"{path} is not a valid plan: {string.Join("; ", problems.Select(p => p.ToString()))}");
    }
}
