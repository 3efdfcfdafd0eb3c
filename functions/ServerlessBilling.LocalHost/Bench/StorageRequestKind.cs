using System.Text.RegularExpressions;
using Azure.Core;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>One line of the per-resource count: which service, which table, queue or container, and what kind of request.</summary>
/// <param name="Service">"table", "queue" or "blob".</param>
/// <param name="Resource">The table, queue or container name; a table batch is named by the table its first operation names.</param>
/// <param name="Kind">What the request did, e.g. "point read", "query", "insert", "batch", "put", "receive", "write".</param>
public readonly partial record struct StorageRequestKind(string Service, string Resource, string Kind)
{
    /// <summary>Names a request to a path-style emulator URI (<c>/account/resource...</c>) or a service URI (<c>/resource...</c>).</summary>
    /// <param name="service">'t', 'q' or 'b', as the counter told the service from the port or host.</param>
    /// <param name="batchBody">The body of a table batch, to name its table; read only for batches.</param>
    public static StorageRequestKind Of(char service, Request request, Uri uri, Func<string?> batchBody)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Azurite's URIs start with the account name; Azure's do not.
        var first = segments.Length > 0 && uri.IsLoopback ? 1 : 0;
        var resource = segments.Length > first ? Uri.UnescapeDataString(segments[first]) : "";
        var method = request.Method;
        var query = uri.Query;
        return service switch
        {
            't' => Table(resource, method, batchBody),
            'q' => new("queue", resource, method == RequestMethod.Post ? "put"
                : method == RequestMethod.Get ? (query.Contains("peekonly", StringComparison.OrdinalIgnoreCase) ? "peek" : segments.Length > first + 1 ? "receive" : "properties")
                : method == RequestMethod.Delete ? (segments.Length > first + 2 ? "delete message" : "delete queue")
                : method == RequestMethod.Put ? (segments.Length > first + 2 ? "update message" : "create queue")
                : method.ToString()),
            _ => new("blob", resource, query.Contains("comp=list", StringComparison.Ordinal) ? "list"
                : method == RequestMethod.Get ? "read"
                : method == RequestMethod.Head ? "properties"
                : method == RequestMethod.Delete ? "delete"
                : query.Contains("restype=container", StringComparison.Ordinal) ? "create container"
                : query.Contains("comp=appendblock", StringComparison.Ordinal) ? "append"
                : query.Contains("comp=", StringComparison.Ordinal) ? "metadata"
                : "write"),
        };
    }

    private static StorageRequestKind Table(string resource, RequestMethod method, Func<string?> batchBody)
    {
        if (resource == "$batch")
        {
            var name = batchBody() is { } body && BatchTable().Match(body) is { Success: true } match ? match.Groups[1].Value : "?";
            return new("table", name, "batch");
        }

        if (resource.StartsWith("Tables", StringComparison.Ordinal))
        {
            return new("table", "Tables", method == RequestMethod.Post ? "create table" : method.ToString().ToLowerInvariant());
        }

        var open = resource.IndexOf('(', StringComparison.Ordinal);
        var table = open < 0 ? resource : resource[..open];
        var keyed = open >= 0 && resource.Length > open + 2; // "Table(PartitionKey='..',RowKey='..')", not "Table()"
        var kind = method == RequestMethod.Get ? (keyed ? "point read" : "query")
            : method == RequestMethod.Post ? "insert"
            : method == RequestMethod.Put ? "upsert"
            : method == RequestMethod.Delete ? "delete"
            : "merge";
        return new("table", table, kind);
    }

    /// <summary>The first operation's target in a batch body: <c>POST http://host/account/Table</c> or <c>PUT .../Table(PartitionKey=...</c>.</summary>
    [GeneratedRegex(@"(?:POST|PUT|MERGE|PATCH|DELETE|GET) \S*/([A-Za-z][A-Za-z0-9]*)(?:\(|\?| HTTP)", RegexOptions.CultureInvariant)]
    private static partial Regex BatchTable();
}
