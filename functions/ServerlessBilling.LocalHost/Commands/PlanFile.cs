using System.Text.Json;
using ServerlessBilling.Rating;

namespace ServerlessBilling.LocalHost.Commands;

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
