namespace ServerlessBilling.Rating;

/// <summary>The limits a call is checked against: the defaults, then its source's overrides, then its account's.</summary>
public sealed class PlausibilityPolicy(PlausibilityLimits defaults, IReadOnlyDictionary<string, LimitOverrides> bySource)
{
    public static readonly PlausibilityPolicy Default = new(PlausibilityLimits.Default, new Dictionary<string, LimitOverrides>());

    /// <param name="account">The account the call is attributed to; null when none is (the source's limits then apply).</param>
    public PlausibilityLimits For(string source, Accounts.Account? account) =>
        defaults.With(bySource.GetValueOrDefault(source)).With(account?.Plausibility);
}
