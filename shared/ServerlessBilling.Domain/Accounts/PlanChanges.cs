using NodaTime;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Accounts;

/// <summary>The reseller's changes to price plans, refused when they take away a version an account on the plan bills by.</summary>
/// <remarks>
/// An account relies on every version of its plan in force on one of its active days (from <see cref="Account.ActiveFrom"/>,
/// or always when it has none, up to <see cref="Account.ActiveUntil"/>). A new plan document must keep each such version,
/// with the same first day: dropping it, or moving its first day (which shortens it or the one before), would re-price or
/// leave unpriced calls the account already made or will make. New versions may be added; they end the one before where they start.
/// The accounts are read a page at a time; an account moved onto the plan while the check runs is not seen by it.
/// </remarks>
public sealed class PlanChanges(IPlanCatalog plans, IAccountDirectory accounts)
{
    private const int PageSize = 200;
    private const int NamedAccounts = 10;

    /// <summary>Stores the plan; <paramref name="expectedVersion"/> is the client's <c>If-Match</c>.</summary>
    /// <returns>The stored plan and version; a conflict naming the accounts that rely on a version the plan drops; stale when the version moved on.</returns>
    public async Task<Outcome<VersionedPlan>> PutAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(plan.Id, cancellationToken) is { } stored)
        {
            var dropped = stored.Versions.Where(v => !plan.Versions.Any(n => n.EffectiveFrom == v.EffectiveFrom)).ToList();
            if (dropped.Count > 0 && await RelyingAsync(stored, dropped, cancellationToken) is { Count: > 0 } relying)
            {
                var named = string.Join(", ", relying.Take(NamedAccounts).Select(id => $"'{id}'"));
                var more = relying.Count > NamedAccounts ? $" and {relying.Count - NamedAccounts} more" : "";
                var days = string.Join(", ", dropped.Select(v => v.EffectiveFrom.ToString("yyyy-MM-dd", null)));
                return Problem.Conflict(
                    $"Plan '{plan.Id}' drops or moves the version(s) from {days} that account(s) {named}{more} bill by on their active days; keep them, or move the accounts first");
            }
        }

        return await plans.SetAsync(plan, expectedVersion, cancellationToken);
    }

    private async Task<List<string>> RelyingAsync(PricePlan stored, IReadOnlyList<PlanVersion> dropped, CancellationToken cancellationToken)
    {
        var relying = new List<string>();
        string? token = null;
        do
        {
            var page = await accounts.ListAsync(token, PageSize, cancellationToken);
            relying.AddRange(page.Accounts.Where(a => a.PlanId == stored.Id && dropped.Any(v => InForceWhileActive(stored, v, a))).Select(a => a.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return relying;
    }

    private static bool InForceWhileActive(PricePlan plan, PlanVersion version, Account account)
    {
        var next = plan.Versions.Where(v => v.EffectiveFrom > version.EffectiveFrom).Select(v => (LocalDate?)v.EffectiveFrom).Min();
        return Holdings.Overlap(version.EffectiveFrom, next, account.ActiveFrom ?? LocalDate.MinIsoValue, account.ActiveUntil);
    }
}
