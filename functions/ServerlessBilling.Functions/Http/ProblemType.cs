namespace ServerlessBilling.Functions.Http;

/// <summary>One kind of error the API answers with: its stable <c>type</c> URI (RFC 9457), the status it comes with, and what it means.</summary>
/// <remarks>The URI is an identifier clients branch on; it never changes once published, even if the title of a particular response does.</remarks>
/// <param name="Slug">The URI's last segment: <c>not-found</c>.</param>
/// <param name="Meaning">One sentence for the reference page.</param>
public sealed record ProblemType(string Slug, int Status, string Title, string Meaning)
{
    public const string BaseUri = "https://serverlessbilling.dev/problems/";

    /// <summary><c>https://serverlessbilling.dev/problems/{slug}</c>.</summary>
    public string Uri => BaseUri + Slug;
}
