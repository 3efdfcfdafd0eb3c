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

    /// <summary>Deserializes a JSON document; a missing or malformed one is invalid under <paramref name="title"/>, naming the JSON path.</summary>
    public static async Task<Outcome<T>> ReadJsonAsync<T>(HttpRequest request, string title, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, BillingJson.Options, cancellationToken);
            return value is null ? Problem.Invalid(title, new RecordProblem("$", "a JSON document is required")) : value;
        }
        catch (JsonException e)
        {
            return Problem.Invalid(title, new RecordProblem(e.Path ?? "$", e.Message));
        }
    }

    /// <summary>Reads a JSON document, completes it from the route (ids) and validates it.</summary>
    /// <returns>The document, or why it is refused: malformed JSON ("<paramref name="what"/> is not a valid document") or failed validation ("... is not valid").</returns>
    public static async Task<Outcome<T>> ReadValidAsync<T>(
        HttpRequest request,
        string what,
        Func<T, T> fromRoute,
        Func<T, IReadOnlyList<RecordProblem>> validate,
        CancellationToken cancellationToken)
        where T : class
    {
        var read = await ReadJsonAsync<T>(request, $"{what} is not a valid document", cancellationToken);
        if (!read.Succeeded)
        {
            return read;
        }

        var value = fromRoute(read.Value);
        var problems = validate(value);
        return problems.Count > 0 ? Problem.Invalid($"{what} is not valid", problems) : value;
    }
}
