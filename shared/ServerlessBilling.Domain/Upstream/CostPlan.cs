using ServerlessBilling.Rating;

namespace ServerlessBilling.Upstream;

/// <summary>The buy side: what one vendor charges the reseller for one product, written in the same plan language as a price plan.</summary>
/// <remarks>
/// <para>A cost plan is a <see cref="PricePlan"/> owned by a vendor and product instead of sold to accounts: the same document, schema
/// and reader (<see cref="PlanDocument"/>), the same rate rows (direction, number type, prefix, band, increments, rounding) and the same
/// effective-dated versions. The vendor's own increment is the row's <see cref="UsageRate.Increment"/>: 60/60 for a vendor that rounds
/// each call up to the next minute, 1/1 for an engine billed by the second.</para>
/// <para>Vendors bill in UTC, so a cost plan's version and band are chosen by the call's start in UTC, not the account's zone.</para>
/// </remarks>
/// <param name="Vendor">The usage source the vendor's calls arrive as (<c>twilio</c>, <c>retell</c>).</param>
/// <param name="Product">The vendor's product (<c>voice</c>, <c>voice-agent</c>); a vendor may have several, each priced apart.</param>
/// <param name="Plan">The prices; its id is <see cref="PlanIdOf"/>.</param>
public sealed record CostPlan(string Vendor, string Product, PricePlan Plan)
{
    /// <summary>The plan id a cost plan's prices carry, so an expected cost names the cost plan that priced it: <c>cost-twilio-voice</c>.</summary>
    public static string PlanIdOf(string vendor, string product) => $"cost-{vendor}-{product}";

    /// <summary>Reads a cost plan document the way a price plan is read (schema first, then the model, then the validator).</summary>
    /// <returns>The cost plan, or an invalid problem naming each field at fault.</returns>
    public static Outcome<CostPlan> Read(string vendor, string product, byte[] utf8Json)
    {
        var read = PlanDocument.Read(utf8Json);
        if (!read.TryGetValue(out var plan))
        {
            return read.Problem!;
        }

        return Complete(vendor, product, plan);
    }

    /// <summary>Gives <paramref name="plan"/> the cost plan's id and validates it as a price plan is validated.</summary>
    public static Outcome<CostPlan> Complete(string vendor, string product, PricePlan plan)
    {
        var named = plan with { Id = PlanIdOf(vendor, product), Name = string.IsNullOrWhiteSpace(plan.Name) ? $"{vendor} {product}" : plan.Name };
        var problems = PricePlanValidator.Validate(named);
        return problems.Count > 0
            ? Problem.Invalid($"Cost plan '{vendor}/{product}' is not valid", problems)
            : new CostPlan(vendor, product, named);
    }

    /// <summary>The plan with <paramref name="version"/> added, replacing a version of the same effective date.</summary>
    public CostPlan WithVersion(PlanVersion version) => this with
    {
        Plan = Plan with { Versions = [.. Plan.Versions.Where(v => v.EffectiveFrom != version.EffectiveFrom).Append(version).OrderBy(v => v.EffectiveFrom)] },
    };
}
