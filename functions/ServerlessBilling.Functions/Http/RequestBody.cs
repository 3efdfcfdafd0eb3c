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
}
