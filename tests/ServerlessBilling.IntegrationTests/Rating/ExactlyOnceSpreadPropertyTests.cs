using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Rating;

/// <summary>The same random schedules with the claims and usage rows spread over 64 tables, as the local host keeps them (more tables
/// than identity buckets, so a bucket's claims are in four tables).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExactlyOnceSpreadPropertyTests(AzuriteFixture azurite) : ExactlyOncePropertyTests(azurite)
{
    protected override LedgerTables? Layout { get; } = new(64);
}
