using System.Text.Json.Nodes;

namespace ServerlessBilling.Functions.Http.OpenApi;

/// <summary>One operation of the document: parameters from the route and the description, bodies from the described types, responses
/// for success and for each problem the operation may answer with, and the key or signature it takes.</summary>
internal static class ApiOperations
{
    public static JsonObject Describe(HttpOperation operation, ApiOperationAttribute described, ApiSchemas schemas, JsonObject security)
    {
        var webhook = ApiDocument.IsWebhook(operation);
        var result = new JsonObject
        {
            ["operationId"] = operation.Name,
            ["tags"] = new JsonArray(described.Tag),
            ["summary"] = described.Summary,
        };
        if (described.Description is { } description)
        {
            result["description"] = description;
        }

        result["parameters"] = Parameters(operation, described, webhook);
        if (Body(described, schemas) is { } body)
        {
            result["requestBody"] = body;
        }

        result["responses"] = Responses(operation, described, schemas, webhook);
        result["security"] = Security(operation, described, security);
        return result;
    }

    private static JsonArray Parameters(HttpOperation operation, ApiOperationAttribute described, bool webhook)
    {
        var parameters = new JsonArray();
        foreach (var (name, catchAll) in ApiDocument.PathParameters(operation.Route))
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "string" },
                ["description"] = catchAll ? "May contain '/'." : null,
            });
        }

        foreach (var query in described.Query)
        {
            var colon = query.IndexOf(':', StringComparison.Ordinal);
            parameters.Add(new JsonObject
            {
                ["name"] = query[..colon].Trim(),
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = "string" },
                ["description"] = query[(colon + 1)..].Trim(),
            });
        }

        if (described.Versioned && operation.Methods.Contains("PUT"))
        {
            parameters.Add(Header("If-Match", "Apply the change only at this version (the ETag of a read); 412 otherwise."));
        }

        if (!webhook)
        {
            parameters.Add(Header(ApiVersions.Header, $"The API version to answer with; the current one ({ApiVersions.Current}) when absent."));
        }

        foreach (var parameter in parameters.OfType<JsonObject>().Where(p => p["description"] is null))
        {
            parameter.Remove("description");
        }

        return parameters;
    }

    private static JsonObject Header(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "header",
        ["schema"] = new JsonObject { ["type"] = "string" },
        ["description"] = description,
    };

    private static JsonObject? Body(ApiOperationAttribute described, ApiSchemas schemas)
    {
        if (described.Request is null && described.RequestMediaType is null)
        {
            return null;
        }

        var media = new JsonObject
        {
            ["schema"] = described.Request is { } type ? schemas.Reference(type, strict: false) : new JsonObject(),
        };
        if (described.RequestExample is { } example)
        {
            media["example"] = JsonNode.Parse(example);
        }
        else if (described.Request is not null)
        {
            media["example"] = ApiExamples.Of(media["schema"]!, schemas.Components);
        }

        return new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject { [described.RequestMediaType ?? "application/json"] = media },
        };
    }

    private static JsonObject Responses(HttpOperation operation, ApiOperationAttribute described, ApiSchemas schemas, bool webhook)
    {
        var responses = new JsonObject();
        foreach (var status in new[] { described.Status, described.AlsoStatus }.Where(s => s != 0))
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Success(status, described, schemas, webhook);
        }

        var problems = described.Problems.Select(ProblemResults.TypeOf).ToList();
        if (operation.RequiresKey)
        {
            problems.Add(ProblemResults.UnauthorizedType);
            problems.Add(ProblemResults.ForbiddenType);
        }

        if (!webhook)
        {
            problems.Add(ProblemResults.UnsupportedVersionType);
        }

        foreach (var group in problems.Distinct().GroupBy(t => t.Status).OrderBy(g => g.Key))
        {
            responses[group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ApiProblems.Response(group.Key, [.. group]);
        }

        return responses;
    }

    private static JsonObject Success(int status, ApiOperationAttribute described, ApiSchemas schemas, bool webhook)
    {
        var response = new JsonObject { ["description"] = ApiDocument.ReasonOf(status) };
        var headers = new JsonObject();
        if (!webhook)
        {
            headers[ApiVersions.Header] = new JsonObject { ["description"] = "The API version that answered.", ["schema"] = new JsonObject { ["type"] = "string" } };
        }

        if (described.Versioned)
        {
            headers["ETag"] = new JsonObject { ["description"] = "The version read or written; send it as If-Match.", ["schema"] = new JsonObject { ["type"] = "string" } };
        }

        if (headers.Count > 0)
        {
            response["headers"] = headers;
        }

        var content = new JsonObject();
        if (described.Response is { } type)
        {
            var media = new JsonObject { ["schema"] = schemas.Reference(type, strict: true) };
            media["example"] = described.ResponseExample is { } example ? JsonNode.Parse(example) : ApiExamples.Of(media["schema"]!, schemas.Components);

            content["application/json"] = media;
        }

        foreach (var file in described.Files)
        {
            // A stored JSON document is served as written (any JSON); every other file is bytes.
            var media = new JsonObject
            {
                ["schema"] = file == "application/json" ? new JsonObject() : new JsonObject { ["type"] = "string", ["format"] = "binary" },
            };
            if (FileExamples.For(file) is { } fileExample)
            {
                media["example"] = fileExample;
            }

            content[file] = media;
        }

        if (described.Csv)
        {
            content["text/csv"] = new JsonObject
            {
                ["schema"] = new JsonObject { ["type"] = "string" },
                ["example"] = described.CsvExample
                    ?? throw new InvalidOperationException($"'{described.Summary}' answers CSV without a CsvExample in its [ApiOperation]."),
            };
        }

        if (content.Count > 0)
        {
            response["content"] = content;
        }

        return response;
    }

    private static JsonArray Security(HttpOperation operation, ApiOperationAttribute described, JsonObject schemes)
    {
        if (operation.RequiresKey)
        {
            // OpenAPI 3.1 lets a non-OAuth requirement list role names: here, the API key scopes that may call the operation.
            return
            [
                new JsonObject { [ApiDocument.ApiKey] = new JsonArray([.. ApiDocument.ScopesOf(operation).Select(s => (JsonNode)s)]) },
                new JsonObject { [ApiDocument.FunctionKey] = new JsonArray() },
                new JsonObject { [ApiDocument.FunctionKeyQuery] = new JsonArray() },
            ];
        }

        if (described.SignatureHeader is not { } header)
        {
            return [];
        }

        var scheme = operation.Name[..1].ToLowerInvariant() + operation.Name[1..] + "Signature";
        schemes[scheme] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = header, ["description"] = described.Signature };
        return [new JsonObject { [scheme] = new JsonArray() }];
    }
}
