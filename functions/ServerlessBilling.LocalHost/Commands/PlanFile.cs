using ServerlessBilling.Rating;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>Reads and checks a price plan document, as the management API would: against the plan schema, then the plan's rules.</summary>
public static class PlanFile
{
    /// <summary>The plan in <paramref name="path"/>, named after the file when it names no id itself.</summary>
    /// <exception cref="ArgumentException">The file is not a plan the API would accept; the message names each field at fault.</exception>
    public static PricePlan Read(string path)
    {
        var read = PlanDocument.Read(File.ReadAllBytes(path));
        if (!read.TryGetValue(out var plan))
        {
            throw new ArgumentException($"{path} is not a valid plan document: {string.Join("; ", read.Problem!.Fields)}");
        }

        plan = plan with { Id = string.IsNullOrWhiteSpace(plan.Id) ? Path.GetFileNameWithoutExtension(path) : plan.Id };
        var problems = PricePlanValidator.Validate(plan);
        return problems.Count == 0
            ? plan
            : throw new ArgumentException($"{path} is not a valid plan: {string.Join("; ", problems.Select(p => p.ToString()))}");
    }
}
