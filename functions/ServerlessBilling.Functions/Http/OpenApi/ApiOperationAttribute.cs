namespace ServerlessBilling.Functions.Http.OpenApi;

/// <summary>Describes an HTTP function for the OpenAPI document, next to the function itself: what it does, what it reads and answers,
/// and which problems it can answer with. Route, method and key level come from the function's own trigger.</summary>
/// <remarks>Every HTTP function carries one: the document is built from these, and a test fails for a function without it.
/// Problem statuses shared by every route (401 without a key, 400 for an unsupported API version) are added by the document.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ApiOperationAttribute(string tag, string summary) : Attribute
{
    /// <summary>The reference page's section: <c>Accounts</c>, <c>Plans</c>, <c>Webhooks</c> ...</summary>
    public string Tag { get; } = tag;

    public string Summary { get; } = summary;

    /// <summary>More than one sentence, when the edges need saying (markdown).</summary>
    public string? Description { get; set; }

    /// <summary>The JSON body read, described by its C# type; null when the operation reads none.</summary>
    public Type? Request { get; set; }

    /// <summary>The body's media type when it is not a JSON document described by <see cref="Request"/> (a webhook's form post).</summary>
    public string? RequestMediaType { get; set; }

    /// <summary>A request body example (JSON).</summary>
    public string? RequestExample { get; set; }

    /// <summary>The JSON body of a successful answer, described by its C# type.</summary>
    public Type? Response { get; set; }

    /// <summary>The status of a successful answer.</summary>
    public int Status { get; set; } = 200;

    /// <summary>Another status also answered with <see cref="Response"/> (200 for a repeated idempotent create that answers 201 the first time).</summary>
    public int AlsoStatus { get; set; }

    /// <summary>A response body example (JSON).</summary>
    public string? ResponseExample { get; set; }

    /// <summary>The problems the operation answers with, beyond those every route may.</summary>
    public ProblemKind[] Problems { get; set; } = [];

    /// <summary>Query parameters as <c>name: description</c>.</summary>
    public string[] Query { get; set; } = [];

    /// <summary>The answer carries an <c>ETag</c>; a write honours <c>If-Match</c>.</summary>
    public bool Versioned { get; set; }

    /// <summary>A file download: the media types it answers with (<c>application/pdf</c>, <c>text/csv</c>, a stored JSON document),
    /// instead of a JSON body described by <see cref="Response"/>.</summary>
    public string[] Files { get; set; } = [];

    /// <summary>Besides JSON, <c>?format=csv</c> answers <c>text/csv</c>.</summary>
    public bool Csv { get; set; }

    /// <summary>An example of the <c>text/csv</c> answer: its header line (from the writer's own constant, in <see cref="FileExamples"/>)
    /// and a row or two; required with <see cref="Csv"/>.</summary>
    public string? CsvExample { get; set; }

    /// <summary>What the route needs from the caller's key, where the rule (GET and HEAD read, other methods write, vendor webhooks
    /// public) is not right for it.</summary>
    public RouteAccess Access { get; set; }

    /// <summary>For an anonymous vendor webhook: the header that carries the vendor's signature.</summary>
    public string? SignatureHeader { get; set; }

    /// <summary>For an anonymous vendor webhook: how the signature is computed and checked.</summary>
    public string? Signature { get; set; }
}
