using ServerlessBilling.Hosting;

namespace ServerlessBilling.Rating;

/// <summary>How many rating messages one instance takes at a time: the Functions host's own queue settings
/// (<c>AzureFunctionsJobHost__extensions__queues__batchSize</c> and <c>__newBatchThreshold</c>, which override host.json),
/// read by the local host's rating listener too, so both hosts run with the same figures.</summary>
/// <remarks>An instance fetches a batch and fetches the next once no more than the threshold are still running: at most
/// <see cref="BatchSize"/> + <see cref="NewBatchThreshold"/> messages are rated at once. In Azure the settings apply to every
/// queue trigger of the app.</remarks>
public sealed class RatingQueueSettings : ISettingsSection
{
    public static string Section => "AzureFunctionsJobHost:extensions:queues";

    /// <summary>Messages fetched at once, 1 to 32 (default 16, as host.json).</summary>
    public int? BatchSize { get; set; }

    /// <summary>Running messages at or below which the next batch is fetched (default half the batch size).</summary>
    public int? NewBatchThreshold { get; set; }

    public int Batch => BatchSize ?? 16;

    public int Threshold => NewBatchThreshold ?? Batch / 2;

    public IEnumerable<string> Problems() =>
    [
        .. BatchSize is < 1 or > 32 ? [$"{Section}:BatchSize: must be between 1 and 32."] : Array.Empty<string>(),
        .. NewBatchThreshold is < 0 or > 1000 ? [$"{Section}:NewBatchThreshold: must be between 0 and 1000."] : Array.Empty<string>(),
    ];
}
