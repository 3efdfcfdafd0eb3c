using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>Stripe Checkout, played: <c>POST /v1/checkout/sessions</c> answers a session whose <c>url</c> is a hosted page on this
/// server; a browser that submits that page completes the session, the server sends the signed webhooks Stripe would (to the app
/// set by <see cref="DeliverWebhooksTo"/>), then sends the browser to the session's <c>success_url</c>, as Stripe does.</summary>
/// <remarks>In setup mode the page saves a card (its last four digits from what was typed) and sends <c>checkout.session.completed</c>
/// and <c>setup_intent.succeeded</c>; in payment mode it creates a succeeded PaymentIntent and sends <c>checkout.session.completed</c>
/// and <c>payment_intent.succeeded</c>. The webhooks are delivered before the redirect, so the app knows the outcome when the
/// customer is back.</remarks>
public sealed partial class StripeTestServer
{
    private readonly Dictionary<string, CheckoutSession> sessions = [];
    private readonly List<(string Type, HttpStatusCode Status)> webhookDeliveries = [];
    private (Uri App, string Secret)? webhookTarget;

    /// <summary>The Checkout sessions created so far, in order.</summary>
    public IReadOnlyList<CheckoutSession> CheckoutSessions
    {
        get
        {
            lock (gate)
            {
                return [.. sessions.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Every webhook the hosted pages sent, with the app's answer.</summary>
    public IReadOnlyList<(string Type, HttpStatusCode Status)> WebhookDeliveries
    {
        get
        {
            lock (gate)
            {
                return [.. webhookDeliveries];
            }
        }
    }

    /// <summary>Where completed Checkout pages send their webhooks: the app's <c>/api/webhooks/stripe</c>, signed with its endpoint secret.</summary>
    public void DeliverWebhooksTo(Uri app, string webhookSecret) => webhookTarget = (app, webhookSecret);

    private void MapCheckout(WebApplication app)
    {
        app.MapPost("/v1/checkout/sessions", (HttpRequest r) => HandleAsync(r, CreateCheckoutSession));
        app.MapGet("/checkout/{id}", (string id) => HostedPage(id));
        app.MapPost("/checkout/{id}", (HttpRequest r, string id) => CompleteAsync(r, id));
    }

    private (int, JsonObject) CreateCheckoutSession(Dictionary<string, string> form)
    {
        var id = $"cs_test_{Next()}";
        var mode = form["mode"];
        var session = new CheckoutSession(
            id, mode, form.GetValueOrDefault("customer") ?? "", new Uri(form["success_url"]), new Uri(form["cancel_url"]),
            mode == "payment" ? long.Parse(form["line_items[0][price_data][unit_amount]"], CultureInfo.InvariantCulture) : 0,
            (mode == "payment" ? form["line_items[0][price_data][currency]"] : form.GetValueOrDefault("currency")) ?? "usd",
            Nested(form, "metadata["), Nested(form, mode == "payment" ? "payment_intent_data[metadata][" : "setup_intent_data[metadata]["));
        sessions[id] = session;
        return (200, SessionJson(session, "open"));
    }

    private IResult HostedPage(string id)
    {
        CheckoutSession? session;
        lock (gate)
        {
            session = sessions.GetValueOrDefault(id);
        }

        if (session is null)
        {
            return Results.NotFound();
        }

        var action = session.Mode == "payment"
            ? $"Pay {(session.Amount / 100m).ToString("N2", CultureInfo.InvariantCulture)} {session.Currency.ToUpperInvariant()}"
            : "Save card";
        return Results.Content($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout (test)</title></head>
            <body><main>
            <h1>Stripe Checkout (test)</h1>
            <form method="post" action="/checkout/{id}">
            <label for="card">Card number</label> <input id="card" name="card" inputmode="numeric" autocomplete="cc-number">
            <button type="submit">{action}</button>
            </form>
            <p><a href="{WebUtility.HtmlEncode(session.CancelUrl.ToString())}">Cancel</a></p>
            </main></body></html>
            """, "text/html");
    }

    private async Task<IResult> CompleteAsync(HttpRequest request, string id)
    {
        var card = (await request.ReadFormAsync())["card"].ToString().Replace(" ", "", StringComparison.Ordinal);
        var last4 = card.Length >= 4 ? card[^4..] : "4242";
        List<string> events;
        CheckoutSession session;
        lock (gate)
        {
            session = sessions[id];
            var methodId = $"pm_checkout_{Next()}";
            methods[methodId] = StripeTestMethod.Card(last4: last4);
            if (session.Mode == "payment")
            {
                var intent = new StripeTestPaymentIntent($"pi_{Next()}", session.Amount, session.Currency, session.CustomerId, methodId, session.IntentMetadata);
                intents[intent.Id] = intent;
                session = sessions[id] = session with { PaymentIntentId = intent.Id };
                events = [StripeWebhookEvents.CheckoutSessionCompleted(SessionJson(session, "complete")), StripeWebhookEvents.PaymentIntentSucceeded(intent)];
            }
            else
            {
                var setupIntentId = $"seti_{Next()}";
                session = sessions[id] = session with { SetupIntentId = setupIntentId };
                events = [StripeWebhookEvents.CheckoutSessionCompleted(SessionJson(session, "complete")),
                          StripeWebhookEvents.SetupIntentSucceeded(setupIntentId, session.CustomerId, methodId, session.IntentMetadata)];
            }
        }

        await SendWebhooksAsync(events);
        return Results.Redirect(session.SuccessUrl.ToString());
    }

    private async Task SendWebhooksAsync(IEnumerable<string> events)
    {
        if (webhookTarget is not { } target)
        {
            return;
        }

        using var http = new HttpClient { BaseAddress = target.App };
        foreach (var payload in events)
        {
            using var post = StripeWebhookEvents.SignedPost(payload, target.Secret);
            using var answer = await http.SendAsync(post);
            var type = JsonNode.Parse(payload)!["type"]!.GetValue<string>();
            lock (gate)
            {
                webhookDeliveries.Add((type, answer.StatusCode));
            }
        }
    }

    private JsonObject SessionJson(CheckoutSession session, string status) => new()
    {
        ["id"] = session.Id,
        ["object"] = "checkout.session",
        ["mode"] = session.Mode,
        ["status"] = status,
        ["url"] = status == "open" ? new Uri(ApiBase, $"checkout/{session.Id}").ToString() : null,
        ["customer"] = session.CustomerId,
        ["success_url"] = session.SuccessUrl.ToString(),
        ["cancel_url"] = session.CancelUrl.ToString(),
        ["amount_total"] = session.Amount,
        ["currency"] = session.Currency,
        ["payment_status"] = status == "complete" && session.Mode == "payment" ? "paid" : session.Mode == "setup" ? "no_payment_required" : "unpaid",
        ["payment_intent"] = session.PaymentIntentId,
        ["setup_intent"] = session.SetupIntentId,
        ["metadata"] = ToJson(session.Metadata),
    };

    private static Dictionary<string, string> Nested(Dictionary<string, string> form, string prefix) =>
        form.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && f.Key.IndexOf(']', prefix.Length) == f.Key.Length - 1)
            .ToDictionary(f => f.Key[prefix.Length..^1], f => f.Value, StringComparer.Ordinal);

    internal static JsonObject ToJson(IReadOnlyDictionary<string, string> metadata)
    {
        var json = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            json[key] = value;
        }

        return json;
    }
}
