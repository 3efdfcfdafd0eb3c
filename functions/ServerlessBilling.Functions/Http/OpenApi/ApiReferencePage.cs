namespace ServerlessBilling.Functions.Http.OpenApi;

/// <summary>The reference page: one HTML file with its script and styles, embedded in this assembly, that renders the OpenAPI document.</summary>
public static class ApiReferencePage
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(ApiReferencePage).Assembly.GetManifestResourceStream("ServerlessBilling.Functions.ApiReference.html")
            ?? throw new InvalidOperationException("The reference page is not embedded in the Functions assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Html => Page.Value;
}
