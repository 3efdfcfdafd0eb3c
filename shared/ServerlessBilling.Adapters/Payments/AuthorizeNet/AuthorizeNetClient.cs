using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessBilling.Payments.AuthorizeNet;

/// <summary>A thin client of Authorize.Net's JSON API: one POST per request, named by its root element.</summary>
/// <remarks>
/// The API is the XML schema rendered as JSON, so element order matters: callers build bodies in schema order, and the
/// merchant authentication always goes first. Answers start with a byte-order mark, which is skipped. A transport
/// failure or a non-2xx status throws <see cref="HttpRequestException"/>: the outcome of the call is unknown.
/// </remarks>
/// <param name="options">Credentials and endpoint.</param>
/// <param name="http">The gateway's client from <see cref="IHttpClientFactory"/> (see <see cref="GatewayHttpClients"/>).</param>
public sealed class AuthorizeNetClient(AuthorizeNetOptions options, HttpClient http)
{
    public AuthorizeNetOptions Options => options;

    /// <param name="requestName">The root element, e.g. <c>createTransactionRequest</c>.</param>
    /// <param name="fields">The request's fields after the authentication, in schema order.</param>
    public async Task<AuthorizeNetResponse> SendAsync(string requestName, JsonObject fields, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.ApiLoginId) || string.IsNullOrWhiteSpace(options.TransactionKey))
        {
            throw new InvalidOperationException("Settings 'AuthorizeNet:ApiLoginId' and 'AuthorizeNet:TransactionKey' are required to take payments through Authorize.Net.");
        }

        var request = new JsonObject
        {
            ["merchantAuthentication"] = new JsonObject { ["name"] = options.ApiLoginId, ["transactionKey"] = options.TransactionKey },
        };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            request[name] = value;
        }

        var body = new JsonObject { [requestName] = request }.ToJsonString();
        using var response = await http.PostAsync(options.Endpoint, new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        response.EnsureSuccessStatusCode();
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).TrimStart('\uFEFF');
        return new AuthorizeNetResponse(JsonNode.Parse(text) as JsonObject
            ?? throw new JsonException($"Authorize.Net answered {requestName} with something other than a JSON object."));
    }
}
