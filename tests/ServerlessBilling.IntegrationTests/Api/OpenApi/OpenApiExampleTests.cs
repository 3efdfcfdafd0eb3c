using System.Text.Json.Nodes;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.IntegrationTests.Api.OpenApi;

/// <summary>Every operation of the OpenAPI document shows an example of each JSON body it reads and answers, and every response
/// example is one the document's own schema accepts (a hand-written one as much as one derived from the schema).</summary>
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
