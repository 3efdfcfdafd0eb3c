using System.Text.Json.Serialization;

namespace ServerlessBilling.Functions.Http;

/// <summary>The body of every list route: <c>{"data": [...], "has_more": true, "next_cursor": "..."}</c>.</summary>
/// <typeparam name="T">What the list holds.</typeparam>
/// <param name="Data">This page's items, at most the <c>limit</c> asked for.</param>
/// <param name="HasMore">Whether <paramref name="NextCursor"/> leads on; the page it leads to may be empty.</param>
/// <param name="NextCursor">Pass as <c>cursor</c>, with the same filters, for the next page; null after the last.</param>
public sealed record ListResponse<T>(
    [property: JsonPropertyName("data")] IReadOnlyList<T> Data,
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("next_cursor"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);
