namespace ServerlessBilling.LocalHost.Bench;

/// <summary>What <c>close-bench</c> closes and how.</summary>
/// <param name="Calls">Rated calls seeded per account in its last ended period.</param>
/// <param name="Settings">App settings for the bench's host, over its defaults (e.g. the task hub's partition count).</param>
/// <param name="Baseline">Settings of a first run to compare with; none: one run.</param>
public sealed record CloseBenchOptions(
    int Accounts, int Calls, int AzuritePort, IReadOnlyList<KeyValuePair<string, string>> Settings, IReadOnlyList<KeyValuePair<string, string>> Baseline);
