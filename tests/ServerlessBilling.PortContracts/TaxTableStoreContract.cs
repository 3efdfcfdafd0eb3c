using System.Text;
using ServerlessBilling.Tax;

namespace ServerlessBilling.PortContracts;

/// <summary>The tax table store lays uploads over the shipped documents, puts an upload in force at once, refuses a document that
/// would leave the table with an overlap (storing nothing), and writes at an expected version only while the document is at it.</summary>
public abstract class TaxTableStoreContract : PortContract<ITaxTableStore>
{
    private const string Name = "zz-contract";
    private const string Key = "zz-contract-911";

    [Fact]
    public async Task FindVersionedAsync_ShippedOrUnknown_TheShippedDocumentAtTheShippedVersionElseNull()
    {
        var federal = await Port.FindVersionedAsync("federal", default);

        federal!.Version.ShouldBe(VersionedTaxDocument.ShippedVersion);
        (await Port.FindAsync("federal", default))!.Value.ToArray().ShouldBe(federal.Content.ToArray());
        (await Port.FindVersionedAsync(Name, default)).ShouldBeNull();
        (await Port.FindAsync(Name, default)).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_NewDocument_InForceAtOnceListedAsStoredAndReadBackAtItsVersion()
    {
        var content = Document(Version("2020-01-01", null, 1.25m));

        var written = await Port.SetAsync(Name, content, null, default);

        written.Value.Table.Rules.Single(r => r.Key == Key).Versions.Single().UnitAmount.ShouldBe(1.25m);
        (await Port.CurrentAsync(default)).Rules.Single(r => r.Key == Key).Versions.Single().UnitAmount.ShouldBe(1.25m);
        (await Port.CurrentAsync(default)).Rules.ShouldContain(r => r.Key == "us-fusf"); // the shipped documents stay under it
        var stored = await Port.FindVersionedAsync(Name, default);
        (stored!.Version, Encoding.UTF8.GetString(stored.Content.Span)).ShouldBe((written.Value.Version, Encoding.UTF8.GetString(content)));
        var listing = await Port.ListAsync(default);
        var listed = listing.Documents.Single(d => d.Name == Name);
        (listed.Origin, listed.Description, listed.Rules.Single(), listing.Rejected).ShouldBe(("stored", "Zyland 911", Key, null));
        listing.Documents.Single(d => d.Name == "federal").Origin.ShouldBe("shipped");
        listing.Documents.Select(d => d.Name).ShouldBe(listing.Documents.Select(d => d.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SetAsync_ExpectedVersion_WritesAtTheStoredOneOnlyAndMovesIt()
    {
        var first = await Port.SetAsync(Name, Document(Version("2020-01-01", null, 1m)), null, default);

        var atFirst = await Port.SetAsync(Name, Document(Version("2020-01-01", null, 2m)), first.Value.Version, default);
        var stale = await Port.SetAsync(Name, Document(Version("2020-01-01", null, 3m)), first.Value.Version, default);
        var asShipped = await Port.SetAsync(Name, Document(Version("2020-01-01", null, 4m)), VersionedTaxDocument.ShippedVersion, default);
        var any = await Port.SetAsync(Name, Document(Version("2020-01-01", null, 5m)), "*", default);

        (atFirst.Succeeded, stale.Problem?.Kind, asShipped.Problem?.Kind, any.Succeeded).ShouldBe((true, ProblemKind.Stale, ProblemKind.Stale, true));
        new[] { first.Value.Version, atFirst.Value.Version, any.Value.Version }.Distinct().Count().ShouldBe(3);
        (await Port.FindVersionedAsync(Name, default))!.Version.ShouldBe(any.Value.Version);
        (await Port.CurrentAsync(default)).Rules.Single(r => r.Key == Key).Versions.Single().UnitAmount.ShouldBe(5m);
    }

    [Fact]
    public async Task SetAsync_ExpectingADocumentThatIsNotThere_IsStaleAndStoresNothing()
    {
        var any = await Port.SetAsync(Name, Document(Version("2020-01-01", null, 1m)), "*", default);
        var shipped = await Port.SetAsync(Name, Document(Version("2020-01-01", null, 1m)), VersionedTaxDocument.ShippedVersion, default);

        (any.Problem?.Kind, shipped.Problem?.Kind).ShouldBe((ProblemKind.Stale, ProblemKind.Stale));
        (await Port.FindAsync(Name, default)).ShouldBeNull();
        (await Port.ListAsync(default)).Documents.ShouldNotContain(d => d.Name == Name);
    }

    [Fact]
    public async Task SetAsync_AShippedDocumentAtTheShippedVersion_ReplacesItOnceThenTheShippedVersionIsStale()
    {
        var federal = (await Port.FindAsync("federal", default))!.Value.ToArray();

        var replaced = await Port.SetAsync("federal", federal, VersionedTaxDocument.ShippedVersion, default);
        var again = await Port.SetAsync("federal", federal, VersionedTaxDocument.ShippedVersion, default);

        (replaced.Succeeded, again.Problem?.Kind).ShouldBe((true, ProblemKind.Stale));
        (await Port.FindVersionedAsync("federal", default))!.Version.ShouldBe(replaced.Value.Version);
        (await Port.ListAsync(default)).Documents.Single(d => d.Name == "federal").Origin.ShouldBe("stored");
    }

    [Fact]
    public async Task SetAsync_TwoUploadsAtTheSameVersionAtOnce_OneIsWrittenTheOtherIsStale()
    {
        var first = await Port.SetAsync(Name, Document(Version("2020-01-01", null, 1m)), null, default);

        var raced = await AllAtOnceAsync(2, i => Port.SetAsync(Name, Document(Version("2020-01-01", null, 10m + i)), first.Value.Version, default));

        raced.Count(r => r.Succeeded).ShouldBe(1);
        raced.Single(r => !r.Succeeded).Problem!.Kind.ShouldBe(ProblemKind.Stale);
        var winner = Array.FindIndex(raced, r => r.Succeeded);
        (await Port.FindVersionedAsync(Name, default))!.Version.ShouldBe(raced[winner].Value.Version);
        (await Port.CurrentAsync(default)).Rules.Single(r => r.Key == Key).Versions.Single().UnitAmount.ShouldBe(10m + winner);
    }

    [Fact]
    public async Task SetAsync_OverlappingVersions_ThrowsNamingTheRuleAndStoresNothing()
    {
        var error = await Should.ThrowAsync<InvalidTaxTableException>(() =>
            Port.SetAsync(Name, Document(Version("2020-01-01", "2022-01-01", 1m) + "," + Version("2021-06-01", null, 2m)), null, default));

        error.Problems.ShouldBe([$"rule {Key}: versions from 2020-01-01 and 2021-06-01 overlap"]);
        (await Port.FindAsync(Name, default)).ShouldBeNull();
        (await Port.CurrentAsync(default)).Rules.ShouldNotContain(r => r.Key == Key);
    }

    [Fact]
    public async Task SetAsync_NameThatIsNotADocumentName_Throws()
    {
        await Should.ThrowAsync<ArgumentException>(() => Port.SetAsync("Zz/Contract", Document(Version("2020-01-01", null, 1m)), null, default));

        (await Port.ListAsync(default)).Documents.ShouldNotContain(d => d.Name == "Zz/Contract");
    }

    private static byte[] Document(string versions) => Encoding.UTF8.GetBytes($$"""
        { "description": "Zyland 911",
          "jurisdictions": [ { "code": "US-ZY", "level": "State", "name": "Zyland", "region": "ZY" } ],
          "rules": [ { "key": "{{Key}}", "jurisdiction": "US-ZY", "kind": "Emergency911", "label": "911", "basis": "Flat", "versions": [ {{versions}} ] } ] }
        """);

    private static string Version(string from, string? until, decimal amount) =>
        $$"""{ "from": "{{from}}", {{(until is null ? "" : $"\"until\": \"{until}\",")}} "unitAmount": {{amount}}, "status": "Verified", "source": "test", "asOf": "2026-01-01" }""";
}
