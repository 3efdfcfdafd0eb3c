using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>
/// A Stripe-shaped API on a loopback port for Stripe.net to talk to: customers, attaching payment methods, setting the
/// default, and off-session PaymentIntents answered by script. It keeps Stripe's idempotency rules (the first answer to
/// a key is replayed; a reused key with other parameters is refused) and records every request.
/// </summary>
/// <example>
/// <code>
/// await using var stripe = await StripeTestServer.StartAsync();
/// stripe.Script("pm_card", StripeOutcome.Decline("insufficient_funds"), StripeOutcome.Succeed());
/// var gateway = new StripePaymentGateway(stripe.Options(), new HttpClient());
/// ... stripe.PaymentIntentCreates.Single().IdempotencyKey ...
/// </code>
/// </example>
public sealed partial class StripeTestServer : IAsyncDisposable
{
    /// <summary>Scripts outcomes for every payment method that has no script of its own.</summary>
    public const string AnyMethod = "*";

    private LoopbackTestServer? host;
    private readonly Lock gate = new();
    private readonly List<StripeRecordedRequest> requests = [];
    private readonly Dictionary<string, Queue<StripeOutcome>> scripts = [];
    private readonly Dictionary<string, StripeTestMethod> methods = [];
    private readonly HashSet<string> missing = [];
    private readonly HashSet<string> refusedOnce = [];
    private readonly Dictionary<string, (Dictionary<string, string> Form, int Status, string Body)> byKey = [];
    private readonly Dictionary<string, StripeTestPaymentIntent> intents = [];
    private int sequence;

    public Uri ApiBase => host!.BaseAddress;

    /// <summary>Every request so far, replays included, in arrival order.</summary>
    public IReadOnlyList<StripeRecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public IReadOnlyList<StripeRecordedRequest> PaymentIntentCreates => [.. Requests.Where(r => r.IsPaymentIntentCreate)];

    /// <summary>The PaymentIntents actually created (a replay creates none).</summary>
    public IReadOnlyList<StripeTestPaymentIntent> PaymentIntents
    {
        get
        {
            lock (gate)
            {
                return [.. intents.Values];
            }
        }
    }

    public static async Task<StripeTestServer> StartAsync()
    {
        var server = new StripeTestServer();
        server.host = await LoopbackTestServer.StartAsync(app =>
        {
            app.MapPost("/v1/customers", (HttpRequest r) => server.HandleAsync(r, form => server.Customer($"cus_{server.Next()}", form)));
            app.MapPost("/v1/customers/{id}", (HttpRequest r, string id) => server.HandleAsync(r, form => server.Customer(id, form)));
            app.MapPost("/v1/payment_methods/{id}/attach", (HttpRequest r, string id) => server.HandleAsync(r, form => server.Attach(id, form)));
            app.MapPost("/v1/payment_intents", (HttpRequest r) => server.HandleAsync(r, server.CreatePaymentIntent));
            server.MapCheckout(app);
        });
        return server;
    }

    /// <summary>Gateway options against this server; Stripe.net's own retries are off so a scripted 500 reaches the caller.</summary>
    public StripeOptions Options(string webhookSecret = "") =>
        new("sk_test_local", webhookSecret) { ApiBase = ApiBase, MaxNetworkRetries = 0 };

    /// <summary>The answers to the next new PaymentIntents for <paramref name="paymentMethodId"/> (or <see cref="AnyMethod"/>), in order; then success.</summary>
    public void Script(string paymentMethodId, params StripeOutcome[] outcomes)
    {
        lock (gate)
        {
            if (!scripts.TryGetValue(paymentMethodId, out var queue))
            {
                scripts[paymentMethodId] = queue = new Queue<StripeOutcome>();
            }

            foreach (var outcome in outcomes)
            {
                queue.Enqueue(outcome);
            }
        }
    }

    /// <summary>Declares what a payment method is (unknown ones are a Visa ending 4242).</summary>
    public void AddMethod(string paymentMethodId, StripeTestMethod method)
    {
        lock (gate)
        {
            methods[paymentMethodId] = method;
        }
    }

    /// <summary>Attaching <paramref name="paymentMethodId"/> answers 500 <c>api_error</c> (saved under no idempotency key, so a retry runs
    /// for real) until <see cref="Restore"/>.</summary>
    public void FailAttach(string paymentMethodId)
    {
        lock (gate)
        {
            missing.Add(paymentMethodId);
        }
    }

    /// <summary>The next attach of <paramref name="paymentMethodId"/> answers 400 <c>invalid_request_error</c>, which is saved under its
    /// idempotency key as Stripe saves it: the same key is answered that refusal again, a new key is attached for real.</summary>
    public void RefuseAttachOnce(string paymentMethodId)
    {
        lock (gate)
        {
            refusedOnce.Add(paymentMethodId);
        }
    }

    public void Restore(string paymentMethodId)
    {
        lock (gate)
        {
            missing.Remove(paymentMethodId);
        }
    }

    public StripeTestPaymentIntent PaymentIntent(string id)
    {
        lock (gate)
        {
            return intents[id];
        }
    }

    public ValueTask DisposeAsync() => host!.DisposeAsync();

    private async Task<IResult> HandleAsync(HttpRequest request, Func<Dictionary<string, string>, (int Status, JsonObject Body)> handle)
    {
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        var path = request.Path.Value!;
        int status;
        string body;
        var replayed = false;
        lock (gate)
        {
            if (key is not null && byKey.TryGetValue(key, out var first))
            {
                replayed = first.Form.Count == form.Count && !first.Form.Except(form).Any();
                (status, body) = replayed ? (first.Status, first.Body) : (400, IdempotencyError(key).ToJsonString());
            }
            else
            {
                var answer = handle(form);
                (status, body) = (answer.Status, answer.Body.ToJsonString());
                if (key is not null && status != 500)
                {
                    byKey[key] = (form, status, body);
                }
            }

            requests.Add(new StripeRecordedRequest(request.Method, path, key, form, status, replayed));
        }

        if (replayed)
        {
            request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Results.Text(body, "application/json", statusCode: status);
    }

    private string Next() => Interlocked.Increment(ref sequence).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject IdempotencyError(string key) => new()
    {
        ["error"] = new JsonObject
        {
            ["type"] = "idempotency_error",
            ["message"] = $"Keys for idempotent requests can only be used with the same parameters they were first used with. Key: {key}",
        },
    };

    private static JsonObject Metadata(Dictionary<string, string> form)
    {
        var metadata = new JsonObject();
        foreach (var (name, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[name["metadata[".Length..^1]] = value;
        }

        return metadata;
    }

    internal static IReadOnlyDictionary<string, string> MetadataOf(JsonObject metadata) =>
        metadata.ToDictionary(m => m.Key, m => m.Value!.GetValue<string>());

    internal static string Serialize(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
