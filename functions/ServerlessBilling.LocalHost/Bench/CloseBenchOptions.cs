namespace ServerlessBilling.LocalHost.Bench;

/// <summary>What <c>close-bench</c> closes and how.</summary>
/// <param name="Calls">Rated calls seeded per account in its last ended period.</param>
/// <param name="Settings">App settings for the bench's host, over its defaults (e.g. the task hub's partition count).</param>
/// <param name="Baseline">Settings of a first run to compare with; none: one run.</param>
/// <param name="TaskHubApart">The durable task hub in an Azurite of its own (<c>AzureWebJobsStorage</c> apart from <c>BillingStorage</c>), as a
/// deployment that keeps them in two storage accounts; false: both in one.</param>
/// <param name="Packed">Calls stored as a CDR file's are, fifty to a usage row; false: a row each, as webhook calls are.</param>
public sealed record CloseBenchOptions(
    int Accounts, int Calls, int AzuritePort, IReadOnlyList<KeyValuePair<string, string>> Settings, IReadOnlyList<KeyValuePair<string, string>> Baseline,
    bool TaskHubApart = false, bool Packed = false)
{
    /// <summary>Ports a run takes from its first: three for the billing data's Azurite, three more for the task hub's when apart.</summary>
    public int PortsPerRun => TaskHubApart ? 6 : 3;
}
