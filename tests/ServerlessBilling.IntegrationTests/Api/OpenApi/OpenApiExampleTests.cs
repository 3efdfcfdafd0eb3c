using System.Text.Json.Nodes;
using NodaTime;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Api.OpenApi;

/// <summary>Every operation of the OpenAPI document shows an example of each JSON body it reads and answers, and every response
/// example is one the document's own schema accepts (a hand-written one as much as one derived from the schema); every CSV it
/// answers has an example too, a header and rows of as many fields, the header the one its writer writes.</summary>
/// <remarks>Bodies without a schema are not held to it: vendor webhook payloads, stored files served as they are, the reference page.</remarks>
public class OpenApiExampleTests
{
    private static readonly JsonObject Document = JsonNode.Parse(ApiDocument.Current)!.AsObject();

    public static TheoryData<string, string> Operations()
    {
        var operations = new TheoryData<string, string>();
        foreach (var (path, item) in Document["paths"]!.AsObject())
        {
            foreach (var (method, _) in item!.AsObject())
            {
                operations.Add(method.ToUpperInvariant(), path);
            }
        }

        return operations;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_HasAnExampleOfEveryJsonBodyItReadsOrAnswers(string method, string path)
    {
        var operation = Operation(method, path);
        var missing = JsonBodies(operation).Where(b => b.Media["example"] is null).Select(b => b.Where).ToList();

        missing.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_ItsResponseExamplesPassItsOwnSchema(string method, string path)
    {
        var operation = Operation(method, path);
        foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')))
        {
            if (response!["content"]?["application/json"]?["example"] is { } example)
            {
                ResponseContract.Current.Check(method, path, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), "application/json", example.ToJsonString())
                    .ShouldBeNull();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_HasAnExampleOfEveryCsvItAnswersWithRowsAsWideAsItsHeader(string method, string path)
    {
        var operation = Operation(method, path);
        foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')))
        {
            if (response!["content"]?["text/csv"] is not JsonObject media)
            {
                continue;
            }

            var example = media["example"].ShouldNotBeNull($"{method} {path} {status}: text/csv has no example").GetValue<string>();
            var lines = example.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(Fields).ToList();
            lines.Count.ShouldBeGreaterThanOrEqualTo(2, $"{method} {path} {status}: a header and at least one row");
            lines[0].ShouldAllBe(name => name.Length > 0);
            lines[0].Distinct().Count().ShouldBe(lines[0].Count, $"{method} {path} {status}: header names are distinct");
            lines.Select(l => l.Count).ShouldAllBe(width => width == lines[0].Count, $"{method} {path} {status}: every row as wide as the header");
        }
    }

    [Fact]
    public void CsvExamples_StartWithTheHeaderTheirWriterWrites()
    {
        var aging = new AgingReport(Instant.FromUtc(2026, 11, 30, 0, 0), ReceivablesAging.Buckets, [], []).ToCsv();
        var usage = Document["paths"]!["/accounts/{accountId}/invoices/{invoiceId}/documents/{kind}"]!["get"]!["responses"]!["200"]!["content"]!["text/csv"]!["example"]!.GetValue<string>();
        var agingExample = Document["paths"]!["/reports/ar-aging"]!["get"]!["responses"]!["200"]!["content"]!["text/csv"]!["example"]!.GetValue<string>();

        agingExample.Split('\n')[0].ShouldBe(aging.TrimEnd('\n'));
        usage.ShouldBe(FileExamples.UsageCsv);
        usage.Split("\r\n")[0].ShouldBe(UsageDetailCsv.Header);
        usage.Split("\r\n")[^2].Split(',')[0].ShouldBe(UsageDetailCsv.TotalRow);
    }

    /// <summary>The fields of one CSV line; a quoted field may hold commas and doubled quotes.</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static JsonObject Operation(string method, string path) => Document["paths"]![path]![method.ToLowerInvariant()]!.AsObject();

    /// <summary>The JSON request body and each successful JSON response, with where they are.</summary>
    private static IEnumerable<(string Where, JsonObject Media)> JsonBodies(JsonObject operation)
    {
        if (operation["requestBody"]?["content"]?["application/json"] is JsonObject request && request["schema"] is JsonObject { Count: > 0 })
        {
            yield return ("request", request);
        }

        foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')))
        {
            if (response!["content"]?["application/json"] is JsonObject media && media["schema"] is JsonObject { Count: > 0 })
            {
                yield return (status, media);
            }
        }
    }
}
