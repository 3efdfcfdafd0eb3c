using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Http;

/// <summary>Reads request bodies with a size limit, keeping the exact bytes (signatures are computed over them).</summary>
public static class RequestBody
{
    public const int WebhookLimitBytes = 64 * 1024;

    /// <returns>The body, or null when it is larger than <paramref name="limit"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Deserializes a JSON document; a malformed one becomes a problem naming the JSON path.</summary>
    public static async Task<(T? Value, RecordProblem? Problem)> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, BillingJson.Options, cancellationToken);
            return value is null ? (null, new RecordProblem("$", "a JSON document is required")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, new RecordProblem(e.Path ?? "$", e.Message));
        }
    }

    /// <summary>Reads a JSON document, completes it from the route (ids) and validates it.</summary>
    /// <returns>The document, or the 400 problem details to answer with (malformed JSON or failed validation).</returns>
    public static async Task<(T? Value, IResult? Rejection)> ReadValidAsync<T>(
        HttpRequest request,
        string what,
        Func<T, T> fromRoute,
        Func<T, IReadOnlyList<RecordProblem>> validate,
        CancellationToken cancellationToken)
        where T : class
    {
        var (value, problem) = await ReadJsonAsync<T>(request, cancellationToken);
        if (value is null)
        {
            return (null, ProblemResults.Invalid($"{what} is not a valid document", problem!));
        }

        value = fromRoute(value);
        var problems = validate(value);
        return problems.Count > 0 ? (null, ProblemResults.Invalid($"{what} is not valid", problems)) : (value, null);
    }
}
