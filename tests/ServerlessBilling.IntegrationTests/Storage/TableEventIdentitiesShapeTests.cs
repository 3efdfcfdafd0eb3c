using System.Text.Json;
using Azure.Data.Tables;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The columns of a claim row: new rows carry the document and the delivery only, and rows written before with the browsing
/// columns are still read as the same claims.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableEventIdentitiesShapeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private ScratchTables storage = null!;
    private IEventIdentities identities = null!;

    public async Task InitializeAsync()
    {
        storage = new ScratchTables(azurite);
        identities = await storage.ReadyAsync<IEventIdentities>(new TableEventIdentities(storage));
    }

    public async Task DisposeAsync() => await storage.DeleteAsync();

    [Fact]
    public async Task TryClaimAllAsync_NewClaims_StoreOnlyTheDocumentAndTheDelivery()
    {
        var claims = Enumerable.Range(0, 3).Select(i => new IdentityClaim(Samples.Rated("acme", Samples.October, $"{run}-new-{i}"), $"m1#{i}")).ToList();

        await identities.TryClaimAllAsync(claims, default);

        foreach (var claim in claims)
        {
            var row = (await Table.GetEntityAsync<TableEntity>(EventIdentityKeys.Partition(claim.Identity), EventIdentityKeys.Row(claim.Identity))).Value;
            row.Keys.Where(k => k is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp")).Order(StringComparer.Ordinal)
                .ShouldBe(["Delivery", "Document"]);
            row.GetString("Delivery").ShouldBe(claim.Delivery);
        }
    }

    [Fact]
    public async Task TryClaimAsync_NewClaim_DocumentLeavesOutWhatItComputesAndReadsTheSame()
    {
        var billed = Samples.Rated("acme", Samples.October, $"{run}-lean");
        billed = billed with { Event = billed.Event with { UpstreamCost = new Money(0.004m, "USD") } };
        var claim = new IdentityClaim(billed, "m1#0");

        await identities.TryClaimAsync(claim, default);

        var document = (await Table.GetEntityAsync<TableEntity>(EventIdentityKeys.Partition(claim.Identity), EventIdentityKeys.Row(claim.Identity))).Value.GetString("Document");
        document.ShouldContain("\"from\":\"+14155550100\"");
        foreach (var computed in (string[])["customerNumber", "costBasis", "\"cost\"", "margin", "\\u002B"])
        {
            document.ShouldNotContain(computed);
        }

        var found = (await identities.FindAsync(claim.Identity, default))!;
        found.Billed.ShouldBe(billed);
        found.Billed.Margin.ShouldBe(billed.Margin);
        found.Billed.Event.CustomerNumber.ShouldBe("+18885550100");
    }

    [Fact]
    public async Task TryClaimAllAsync_ClaimsStoredWithBrowsingColumns_AreFoundAsBefore()
    {
        var stored = Enumerable.Range(0, 30).Select(i => new IdentityClaim(Samples.Rated("acme", Samples.October, $"{run}-old-{i}"), $"old#{i}")).ToList();
        foreach (var claim in stored)
        {
            await Table.AddEntityAsync(PreviousShape(claim));
        }

        var again = stored.Select((c, i) => c with { Delivery = $"again#{i}" })
            .Append(new IdentityClaim(Samples.Rated("acme", Samples.October, $"{run}-fresh"), "again#30")).ToList();
        var results = await identities.TryClaimAllAsync(again, default);

        for (var i = 0; i < stored.Count; i++)
        {
            results[i].ShouldNotBeNull();
            results[i]!.Delivery.ShouldBe($"old#{i}");
            results[i]!.Billed.ShouldBe(stored[i].Billed);
        }

        results[^1].ShouldBeNull();
        (await identities.FindAsync(stored[7].Identity, default))!.Billed.ShouldBe(stored[7].Billed);
    }

    private TableClient Table => storage.GetTableClient(StorageNames.EventIdentitiesTable);

    /// <summary>A claim row as written before: the document, the delivery, and four columns for a person browsing the table.</summary>
    private static TableEntity PreviousShape(IdentityClaim claim) =>
        new(EventIdentityKeys.Partition(claim.Identity), EventIdentityKeys.Row(claim.Identity))
        {
            ["Document"] = JsonSerializer.Serialize(claim.Billed, BillingJson.Options),
            ["EventId"] = claim.Identity.EventId,
            ["Component"] = claim.Identity.Component.ToString(),
            ["AccountId"] = claim.Billed.AccountId,
            ["PeriodKey"] = claim.Billed.PeriodKey,
            ["Delivery"] = claim.Delivery,
        };
}
