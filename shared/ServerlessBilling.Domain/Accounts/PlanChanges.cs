using NodaTime;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Accounts;

/// <summary>The reseller's changes to price plans, refused when they take away a version an account on the plan bills by.</summary>
/// <remarks>
/// An account relies on every version of its plan in force on one of its active days (from <see cref="Account.ActiveFrom"/>,
/// or always when it has none, up to <see cref="Account.ActiveUntil"/>). A new plan document must keep each such version,
/// with the same first day: dropping it, or moving its first day (which shortens it or the one before), would re-price or
/// leave unpriced calls the account already made or will make. New versions may be added; they end the one before where they start.
/// The accounts are read a page at a time, before the write and again after it: an account moved onto the plan between the
/// first listing and the write is seen by the second, and the plan is put back under the version this write gave it. An account
/// written after that reads the plan again itself (<see cref="AccountChanges"/>), so of the two racing changes one is refused.
/// </remarks>
public sealed class PlanChanges(IPlanCatalog plans, IAccountDirectory accounts)
{
    private const int PageSize = 200;
    private const int NamedAccounts = 10;

    /// <summary>Stores the plan; <paramref name="expectedVersion"/> is the client's <c>If-Match</c>.</summary>
    /// <returns>The stored plan and version; a conflict naming the accounts that rely on a version the plan drops (also when one
    /// moved onto the plan during the write, which is then taken back); stale when the version moved on.</returns>
    public async Task<Outcome<VersionedPlan>> PutAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken)
    {
        var stored = await plans.FindVersionedAsync(plan.Id, cancellationToken);
        var dropped = stored is null ? [] : Dropped(stored.Plan, plan);
        if (dropped.Count > 0 && await RelyingAsync(stored!.Plan, dropped, cancellationToken) is { Count: > 0 } relying)
        {
            return Relied(plan, dropped, relying, "");
        }

        var written = await plans.SetAsync(plan, expectedVersion, cancellationToken);
        if (dropped.Count == 0 || !written.TryGetValue(out var now))
        {
            return written;
        }

        // An account moved onto the plan between the listing and the write was not in the listing: list again now that the
        // plan is stored (an account written from here on reads this plan again itself), and put the plan back if one relies on it.
        if (await RelyingAsync(stored!.Plan, dropped, cancellationToken) is { Count: > 0 } joined)
        {
            var restored = await plans.SetAsync(stored.Plan, now.Version, cancellationToken);
            return Relied(plan, dropped, joined, restored.Succeeded ? " (they moved onto it during the write, which was taken back)" : " (they moved onto it during the write)");
        }

        return written;
    }

    /// <summary>Whether <paramref name="account"/> bills by a version of <paramref name="before"/> that <paramref name="after"/> drops or moves.</summary>
    internal static bool Relies(Account account, PricePlan before, PricePlan after) =>
        Dropped(before, after).Any(v => InForceWhileActive(before, v, account));

    private static List<PlanVersion> Dropped(PricePlan stored, PricePlan plan) =>
        [.. stored.Versions.Where(v => !plan.Versions.Any(n => n.EffectiveFrom == v.EffectiveFrom))];

    private static Problem Relied(PricePlan plan, IReadOnlyList<PlanVersion> dropped, IReadOnlyList<string> relying, string note)
    {
        var named = string.Join(", ", relying.Take(NamedAccounts).Select(id => $"'{id}'"));
        var more = relying.Count > NamedAccounts ? $" and {relying.Count - NamedAccounts} more" : "";
        var days = string.Join(", ", dropped.Select(v => v.EffectiveFrom.ToString("yyyy-MM-dd", null)));
        return Problem.Conflict(
            $"Plan '{plan.Id}' drops or moves the version(s) from {days} that account(s) {named}{more} bill by on their active days{note}; keep them, or move the accounts first");
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
