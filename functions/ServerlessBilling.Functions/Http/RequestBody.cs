using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Http;

/// <summary>Reads request bodies with a size limit, keeping the exact bytes (signatures are computed over them).</summary>
public static class RequestBody
{
    public const int WebhookLimitBytes = 64 * 1024;

    /// <summary>The largest management document (a plan, an account, a payment) the API reads.</summary>
    public const int DocumentLimitBytes = 256 * 1024;

    /// <summary>The longest JSON a stored document may serialize to: each is kept in one Table string property, which holds 32K UTF-16 characters.</summary>
    public const int StoredDocumentLimitChars = 30_000;

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

    /// <summary>Deserializes a JSON document of at most <see cref="DocumentLimitBytes"/>; a missing or malformed one is invalid under
    /// <paramref name="title"/>, naming the JSON path; a larger one is too large.</summary>
    public static async Task<Outcome<T>> ReadJsonAsync<T>(HttpRequest request, string title, CancellationToken cancellationToken)
        where T : class
    {
        if (await ReadAsync(request, DocumentLimitBytes, cancellationToken) is not { } body)
        {
            return Problem.TooLarge(DocumentLimitBytes);
        }

        try
        {
            var value = body.Length == 0 ? null : JsonSerializer.Deserialize<T>(body, BillingJson.Options);
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
        where T : class =>
        Complete(await ReadJsonAsync<T>(request, $"{what} is not a valid document", cancellationToken), what, fromRoute, validate);

    /// <summary>As <see cref="ReadValidAsync{T}(HttpRequest, string, Func{T, T}, Func{T, IReadOnlyList{RecordProblem}}, CancellationToken)"/>,
    /// with the document's own reader (a plan is checked against its schema before it is read).</summary>
    public static async Task<Outcome<T>> ReadValidAsync<T>(
        HttpRequest request,
        string what,
        Func<byte[], Outcome<T>> read,
        Func<T, T> fromRoute,
        Func<T, IReadOnlyList<RecordProblem>> validate,
        CancellationToken cancellationToken)
        where T : class
    {
        if (await ReadAsync(request, DocumentLimitBytes, cancellationToken) is not { } body)
        {
            return Problem.TooLarge(DocumentLimitBytes);
        }

        var document = read(body);
        return document.Succeeded
            ? Complete(document, what, fromRoute, validate)
            : document.Problem.WithTitle($"{what} is not a valid document");
    }

    private static Outcome<T> Complete<T>(Outcome<T> read, string what, Func<T, T> fromRoute, Func<T, IReadOnlyList<RecordProblem>> validate)
        where T : class
    {
        if (!read.Succeeded)
        {
            return read;
        }

        var value = fromRoute(read.Value);
        var problems = validate(value);
        if (problems.Count > 0)
        {
            return Problem.Invalid($"{what} is not valid", problems);
        }

        var stored = JsonSerializer.Serialize(value, BillingJson.Options).Length;
        return stored > StoredDocumentLimitChars
            ? Problem.TooLarge($"{what} would be stored as {stored} characters of JSON; at most {StoredDocumentLimitChars} are kept")
            : value;
    }
}
