using System.Collections.Concurrent;

namespace ServerlessBilling.IntegrationTests.Api.OpenApi;

/// <summary>Sits in the integration tests' HTTP client: records every response of the API and checks it against the OpenAPI document,
/// so each test that calls the API also proves the document describes what it received. A response the document does not describe
/// fails the request that received it.</summary>
public sealed class ResponseRecorder(ResponseContract contract) : DelegatingHandler(new HttpClientHandler())
{
    /// <summary>Each checked response: <c>GetAccount 200</c>.</summary>
    public ConcurrentQueue<string> Checked { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || contract.Operation(request.Method.Method, path[4..]) is not { } operation)
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (contract.Check(request.Method.Method, path[4..], status, response.Content.Headers.ContentType?.MediaType, body) is { } refused)
        {
            throw new ResponseContractException($"{request.Method} {path}: {refused}");
        }

        Checked.Enqueue($"{operation.OperationId} {status}");
        return response;
    }
}
