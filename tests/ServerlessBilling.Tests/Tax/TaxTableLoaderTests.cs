using System.Text;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Tests.Tax;

public class TaxTableLoaderTests
{
    private static Stream Json(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static string Document(string rule, string versions) => $$"""
        {
          "jurisdictions": [ { "code": "US-CA", "level": "State", "name": "California", "region": "CA" } ],
          "rules": [ { "key": "{{rule}}", "jurisdiction": "US-CA", "kind": "Emergency911", "label": "911", "basis": "PerLine",
                       "lineUnit": "Channel", "versions": [ {{versions}} ] } ]
        }
        """;

    private static string Version(string from, string? until, decimal amount = 0.30m) =>
        $$"""{ "from": "{{from}}", {{(until is null ? "" : $"\"until\": \"{until}\",")}} "unitAmount": {{amount}}, "status": "Verified", "source": "test", "asOf": "2026-01-01" }""";

    [Fact]
    public void LoadBundled_ShippedTables_LoadAndCarryASourceAndDatePerVersion()
    {
        var table = TaxTableLoader.LoadBundled();

        table.Rules.Select(r => r.Key).ShouldBe(
            ["us-fusf", "us-federal-recovery", "tx-usf", "ca-911", "ca-988", "chicago-911", "fl-e911", "il-911", "nyc-e911", "wa-911-county", "wa-911-state", "wa-988",
             "chicago-telecom-tax", "fl-cst-state", "il-telecom-excise", "nc-sales", "tx-sales"],
            ignoreOrder: true);
        table.Rules.SelectMany(r => r.Versions).ShouldAllBe(v => v.Source.Length > 0 && v.AsOf.Year >= 2023);
        table.Rules.Single(r => r.Key == "us-federal-recovery").Optional.ShouldBeTrue();
    }

    [Theory]
    // Quarters that meet exactly are one continuous rule.
    [InlineData("2025-01-01", "2025-04-01", "2025-04-01", null, null)]
    // The first version ends on 2025-04-01 but the next starts on 2025-05-01: April has no rate.
    [InlineData("2025-01-01", "2025-04-01", "2025-05-01", null, "rule ca-911: gap from 2025-04-01 to 2025-05-01")]
    // The second version starts before the first ends: March would have two rates.
    [InlineData("2025-01-01", "2025-04-01", "2025-03-01", null, "rule ca-911: versions from 2025-01-01 and 2025-03-01 overlap")]
    // An open-ended version followed by another one overlaps it.
    [InlineData("2025-01-01", null, "2025-07-01", null, "rule ca-911: versions from 2025-01-01 and 2025-07-01 overlap")]
    public void Load_TwoVersions_RejectsGapOrOverlapNamingTheRule(string from1, string? until1, string from2, string? until2, string? problem)
    {
        var document = Document("ca-911", Version(from1, until1) + "," + Version(from2, until2));

        if (problem is null)
        {
            TaxTableLoader.Load(Json(document)).Rules.Single().Versions.Count.ShouldBe(2);
            return;
        }

        var error = Should.Throw<InvalidTaxTableException>(() => TaxTableLoader.Load(Json(document)));
        error.Problems.ShouldBe([problem]);
        error.Message.ShouldContain("ca-911");
    }

    [Fact]
    public void Load_SameRuleKeyInTwoDocuments_RejectedAsOverlap()
    {
        var first = Document("ca-911", Version("2025-01-01", null)).Replace("\"jurisdictions\"", "\"ignored\"", StringComparison.Ordinal);
        var second = Document("ca-911", Version("2025-01-01", null));

        var error = Should.Throw<InvalidTaxTableException>(() => TaxTableLoader.Load([Json(first), Json(second)]));

        error.Problems.ShouldBe(["rule ca-911: defined 2 times, so its effective dates overlap"]);
    }

    [Fact]
    public void Load_MissingAmountAndUnknownJurisdiction_ListsEveryProblem()
    {
        var document = Document("ca-911", """{ "from": "2025-01-01", "status": "Verified", "source": "test", "asOf": "2026-01-01" }""")
            .Replace("\"jurisdiction\": \"US-CA\"", "\"jurisdiction\": \"US-ZZ\"", StringComparison.Ordinal);

        var error = Should.Throw<InvalidTaxTableException>(() => TaxTableLoader.Load(Json(document)));

        error.Problems.ShouldBe([
            "rule ca-911: unknown jurisdiction 'US-ZZ'",
            "rule ca-911: version from 2025-01-01 needs a non-negative unitAmount",
        ]);
    }

    [Fact]
    public void Load_NotJson_RejectedWithTheDocumentNamed()
    {
        var error = Should.Throw<InvalidTaxTableException>(() => TaxTableLoader.Load(Json("{ \"rules\": 7 }")));

        error.Problems.Single().ShouldStartWith("document 1: not a tax table");
    }

    [Fact]
    public void Create_TaxOnTaxOfALaterRule_Rejected()
    {
        var usf = TaxTestData.Percent("us-fusf", "US", TaxKind.FederalUsfRecovery, 0.179m, order: 70);
        var sales = TaxTestData.Percent("nc-sales", "US-NC", TaxKind.SalesOrCommunicationsTax, 0.07m, order: 60, includes: ["us-fusf"]);

        var error = Should.Throw<InvalidTaxTableException>(() => TaxTestData.Table(usf, sales));

        error.Problems.ShouldBe(["rule nc-sales: includes 'us-fusf' in its base, which is not calculated before it (order 70 >= 60)"]);
    }

    [Fact]
    public void Overlay_StoredDocuments_ReplaceShippedOnesByNameAndAddNewOnes()
    {
        var shipped = TaxTableLoader.BundledDocuments();
        var federal = new NamedTaxDocument("federal", Encoding.UTF8.GetBytes(Document("ca-911", Version("2025-01-01", null))));
        var oregon = new NamedTaxDocument("or", Encoding.UTF8.GetBytes("{}"));

        var merged = TaxTableLoader.Overlay(shipped, [federal, oregon]);

        shipped.Select(d => d.Name).ShouldBe(["ca", "federal", "fl", "il", "nc", "ny", "tx", "wa"]);
        merged.Select(d => d.Name).ShouldBe(["ca", "federal", "fl", "il", "nc", "ny", "or", "tx", "wa"]);
        merged.Single(d => d.Name == "federal").ShouldBeSameAs(federal);
    }

    [Fact]
    public void Load_NamedDocuments_MalformedOneRejectedByItsName()
    {
        var error = Should.Throw<InvalidTaxTableException>(() =>
            TaxTableLoader.Load([new NamedTaxDocument("federal", Encoding.UTF8.GetBytes("{ \"rules\": 7 }"))]));

        error.Problems.Single().ShouldStartWith("federal: not a tax table");
    }
}
