using System.Text.Json;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>The list prices the benches turn counted executions and storage requests into money with: data in
/// <c>azure-prices.json</c> beside this file, with each price's source and date.</summary>
/// <param name="AsOf">When the prices were published (the table's own date).</param>
public sealed record PriceTable(string AsOf, string Region, FunctionPrices Functions, StoragePrices Storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The table built into the tool.</summary>
    public static PriceTable Current { get; } = Load();

    private static PriceTable Load()
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream("ServerlessBilling.LocalHost.Bench.azure-prices.json")
            ?? throw new InvalidOperationException("The price table is not built into the tool.");
        return JsonSerializer.Deserialize<PriceTable>(stream, Json) ?? throw new InvalidOperationException("The price table is empty.");
    }
}

/// <summary>Flex Consumption's on-demand meters.</summary>
public sealed record FunctionPrices(decimal PerMillionExecutions, decimal PerGbSecond, decimal InstanceMemoryGb);

/// <summary>Storage transactions per 10,000, by class.</summary>
public sealed record StoragePrices(decimal TablesPer10k, decimal QueuesPer10k, decimal BlobWritesPer10k, decimal BlobReadsPer10k);
