using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessBilling.Payments.AuthorizeNet;

namespace ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;

/// <summary>
/// An Authorize.Net-shaped JSON API on a loopback port: customer and payment profiles, <c>authCaptureTransaction</c> of a
/// stored profile answered by script, the duplicate window (error 11), the unsettled list and transaction details. Like
/// the real API it answers with a byte-order mark, refuses wrong credentials (E00007) and a request whose merchant
/// authentication is not first; it records every request.
/// </summary>
public sealed partial class AuthorizeNetTestServer : IAsyncDisposable
{
    public const string AnyProfile = "*";
    public const string LoginId = "login-local";
    public const string TransactionKey = "key-local";

    private LoopbackTestServer? host;
    private readonly Lock gate = new();
    private readonly List<(string Name, JsonObject Body)> requests = [];
    private readonly Dictionary<string, Queue<AnetOutcome>> scripts = [];
    private readonly Dictionary<string, string> customersByMerchantId = [];
    private readonly Dictionary<string, (string CustomerProfileId, bool IsECheck)> paymentProfiles = [];
    private readonly Dictionary<string, string> profilesByNonce = [];
    private readonly List<AnetTransaction> transactions = [];
    private int sequence = 1000;

    public Uri Endpoint => new(host!.BaseAddress, "xml/v1/request.api");

    public IReadOnlyList<(string Name, JsonObject Body)> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>The transactions actually made (a refused duplicate makes none).</summary>
    public IReadOnlyList<AnetTransaction> Transactions
    {
        get
        {
            lock (gate)
            {
                return [.. transactions];
            }
        }
    }

    public static async Task<AuthorizeNetTestServer> StartAsync()
    {
        var server = new AuthorizeNetTestServer();
        server.host = await LoopbackTestServer.StartAsync(app =>
        {
            app.MapPost("/xml/v1/request.api", server.HandleAsync);
            server.MapAcceptHosted(app);
        });
        return server;
    }

    public AuthorizeNetOptions Options(string signatureKey = "") =>
        new(LoginId, TransactionKey, signatureKey, Endpoint) { HostedPaymentPage = new Uri(host!.BaseAddress, "payment/payment") };

    /// <summary>The answers to the next new transactions on <paramref name="paymentProfileId"/> (a stored profile id, the Accept.js nonce it
    /// was stored from, or <see cref="AnyProfile"/>), in order; then approval.</summary>
    public void Script(string paymentProfileId, params AnetOutcome[] outcomes)
    {
        lock (gate)
        {
            if (!scripts.TryGetValue(paymentProfileId, out var queue))
            {
                scripts[paymentProfileId] = queue = new Queue<AnetOutcome>();
            }

            foreach (var outcome in outcomes)
            {
                queue.Enqueue(outcome);
            }
        }
    }

    /// <summary>Stores a bank account (eCheck) payment profile on <paramref name="customerProfileId"/>; other stored profiles are Visa cards.</summary>
    public void AddBankAccount(string customerProfileId, string paymentProfileId)
    {
        lock (gate)
        {
            paymentProfiles[paymentProfileId] = (customerProfileId, true);
        }
    }

    /// <summary>Refunds part of a transaction as the merchant interface would; returns the refund's own transaction id.</summary>
    public string Refund(string transId, decimal amount)
    {
        lock (gate)
        {
            var original = transactions.Single(t => t.TransId == transId);
            var refund = original with
            {
                TransId = Next(), Type = "refundTransaction", Amount = amount, RefTransId = transId, SubmittedUtc = DateTime.UtcNow,
            };
            transactions.Add(refund);
            return refund.TransId;
        }
    }

    /// <summary>Moves a transaction on, as settlement does: <c>settledSuccessfully</c>, <c>returnedItem</c>, ...</summary>
    public void Settle(string transId, string status)
    {
        lock (gate)
        {
            var index = transactions.FindIndex(t => t.TransId == transId);
            transactions[index] = transactions[index] with { SettledStatus = status };
        }
    }

    public ValueTask DisposeAsync() => host!.DisposeAsync();

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var root = (JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject)!;
        var (name, node) = root.Single();
        var body = (JsonObject)node!;
        JsonObject answer;
        var lose = false;
        lock (gate)
        {
            requests.Add((name, (JsonObject)body.DeepClone()));
            var auth = body.First();
            if (auth.Key != "merchantAuthentication" || Text(auth.Value?["name"]) != LoginId || Text(auth.Value?["transactionKey"]) != TransactionKey)
            {
                answer = Refused("E00007", "User authentication failed due to invalid authentication values.");
            }
            else
            {
                (answer, lose) = name switch
                {
                    "createCustomerProfileRequest" => (CreateCustomer(body), false),
                    "createCustomerPaymentProfileRequest" => (CreatePaymentProfile(body), false),
                    "getCustomerPaymentProfileRequest" => (GetPaymentProfile(body), false),
                    "createTransactionRequest" => CreateTransaction(body),
                    "getUnsettledTransactionListRequest" => (UnsettledList(), false),
                    "getTransactionDetailsRequest" => (Details(body), false),
                    "getHostedPaymentPageRequest" => (HostedPaymentPageToken(body), false),
                    _ => (Refused("E00003", $"The element '{name}' is not supported here."), false),
                };
            }
        }

        return lose
            ? Results.StatusCode(StatusCodes.Status502BadGateway)
            : Results.Text("\uFEFF" + answer.ToJsonString(), "application/json", Encoding.UTF8);
    }

    private string Next() => (++sequence).ToString(CultureInfo.InvariantCulture);

    private static string? Text(JsonNode? node) => AuthorizeNetResponse.Text(node);

    private static JsonObject Ok(JsonObject fields)
    {
        fields["messages"] = new JsonObject
        {
            ["resultCode"] = "Ok",
            ["message"] = new JsonArray(new JsonObject { ["code"] = "I00001", ["text"] = "Successful." }),
        };
        return fields;
    }

    private static JsonObject Refused(string code, string text, JsonObject? fields = null)
    {
        fields ??= [];
        fields["messages"] = new JsonObject
        {
            ["resultCode"] = "Error",
            ["message"] = new JsonArray(new JsonObject { ["code"] = code, ["text"] = text }),
        };
        return fields;
    }
}
