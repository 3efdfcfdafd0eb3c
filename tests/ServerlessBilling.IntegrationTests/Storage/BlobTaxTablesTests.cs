using System.Text;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Two app instances over one container: an upload on one is in force on the other after its refresh; a blob written around the API never replaces a good table.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobTaxTablesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string name = "zz-blob-" + Guid.NewGuid().ToString("N")[..8];

    private BlobTaxTables Instance(TimeSpan refresh) => new(azurite.Blobs, new TaxTableOptions(refresh), TimeProvider.System);

    private static byte[] Document(string key, string versions) => Encoding.UTF8.GetBytes($$"""
        { "jurisdictions": [ { "code": "US-ZY", "level": "State", "name": "Zyland", "region": "ZY" } ],
          "rules": [ { "key": "{{key}}", "jurisdiction": "US-ZY", "kind": "Emergency911", "label": "911", "basis": "Flat", "versions": [ {{versions}} ] } ] }
        """);

    private static string Version(string from, string? until, decimal amount) =>
        $$"""{ "from": "{{from}}", {{(until is null ? "" : $"\"until\": \"{until}\",")}} "unitAmount": {{amount}}, "status": "Verified", "source": "test", "asOf": "2026-01-01" }""";

    [Fact]
    public async Task CurrentAsync_UploadOnAnotherInstance_InForceAfterRefresh_ABrokenBlobKeepsThePreviousTable()
    {
        var key = name + "-911";
        var operatorSide = Instance(TimeSpan.FromMinutes(5));
        var billingSide = Instance(TimeSpan.Zero);
        (await billingSide.CurrentAsync(CancellationToken.None)).Rules.ShouldNotContain(r => r.Key == key);

        await operatorSide.SetAsync(name, Document(key, Version("2020-01-01", null, 1.25m)), CancellationToken.None);
        var updated = await billingSide.CurrentAsync(CancellationToken.None);

        updated.Rules.Single(r => r.Key == key).Versions.Single().UnitAmount.ShouldBe(1.25m);
        updated.Rules.ShouldContain(r => r.Key == "us-fusf"); // the shipped documents stay under the stored one

        // Written straight to the container, bypassing the API's validation: two versions overlap.
        await azurite.Blobs.GetBlobContainerClient(StorageNames.TaxTablesContainer).GetBlobClient(name + ".json").UploadAsync(
            BinaryData.FromBytes(Document(key, Version("2020-01-01", null, 9m) + "," + Version("2021-01-01", null, 9m))), overwrite: true);
        var kept = await billingSide.CurrentAsync(CancellationToken.None);
        var listing = await billingSide.ListAsync(CancellationToken.None);

        kept.Rules.Single(r => r.Key == key).Versions.Single().UnitAmount.ShouldBe(1.25m);
        listing.Rejected.ShouldNotBeNull().ShouldContain($"rule {key}: versions from 2020-01-01 and 2021-01-01 overlap");
    }

    [Fact]
    public async Task SetAsync_Overlap_ThrowsNamingTheRuleAndStoresNothing()
    {
        var key = name + "-911";
        var tables = Instance(TimeSpan.Zero);

        var error = await Should.ThrowAsync<ServerlessBilling.Tax.InvalidTaxTableException>(() =>
            tables.SetAsync(name, Document(key, Version("2020-01-01", "2022-01-01", 1m) + "," + Version("2021-06-01", null, 2m)), CancellationToken.None));

        error.Problems.ShouldBe([$"rule {key}: versions from 2020-01-01 and 2021-06-01 overlap"]);
        (await tables.FindAsync(name, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_ExpectedVersion_WritesOnlyAtTheStoredOneAndFromShippedOnlyWhileNoneIsStored()
    {
        var key = name + "-911";
        var tables = Instance(TimeSpan.Zero);

        var first = await tables.SetAsync(name, Document(key, Version("2020-01-01", null, 1m)), null, CancellationToken.None);
        var atFirst = await tables.SetAsync(name, Document(key, Version("2020-01-01", null, 2m)), first.Value.Version, CancellationToken.None);
        var stale = await tables.SetAsync(name, Document(key, Version("2020-01-01", null, 3m)), first.Value.Version, CancellationToken.None);
        var asShipped = await tables.SetAsync(name, Document(key, Version("2020-01-01", null, 4m)), BlobTaxTables.ShippedVersion, CancellationToken.None);
        var missing = await tables.SetAsync(name + "-none", Document(key + "-none", Version("2020-01-01", null, 5m)), "*", CancellationToken.None);

        (atFirst.Succeeded, stale.Problem?.Kind, asShipped.Problem?.Kind, missing.Problem?.Kind).ShouldBe((true, ProblemKind.Stale, ProblemKind.Stale, ProblemKind.Stale));
        atFirst.Value.Version.ShouldNotBe(first.Value.Version);
        (await tables.FindVersionedAsync(name, CancellationToken.None))!.Version.ShouldBe(atFirst.Value.Version);
        (await tables.CurrentAsync(CancellationToken.None)).Rules.Single(r => r.Key == key).Versions.Single().UnitAmount.ShouldBe(2m);
        (await tables.FindVersionedAsync(name + "-none", CancellationToken.None)).ShouldBeNull();
        (await tables.FindVersionedAsync("federal", CancellationToken.None))!.Version.ShouldBe(BlobTaxTables.ShippedVersion);
    }

    public async Task InitializeAsync() =>
        await azurite.Blobs.GetBlobContainerClient(StorageNames.TaxTablesContainer).CreateIfNotExistsAsync();

    public async Task DisposeAsync() =>
        await azurite.Blobs.GetBlobContainerClient(StorageNames.TaxTablesContainer).DeleteBlobIfExistsAsync(name + ".json");
}
