using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;

/// <summary>Accept Hosted, played: <c>getHostedPaymentPageRequest</c> answers a form token; a browser that posts it to
/// <c>/payment/payment</c> gets a page asking for a card; submitting that page makes the transaction (saving a payment profile on the
/// customer when the request asked for one), sends the signed webhook Authorize.Net would (to the app set by
/// <see cref="DeliverWebhooksTo"/>), then sends the browser to the return options' <c>url</c>. Its Cancel link is their <c>cancelUrl</c>.</summary>
public sealed partial class AuthorizeNetTestServer
{
    private readonly Dictionary<string, JsonObject> hostedRequests = [];
    private readonly Dictionary<string, string> cardEndings = [];
    private readonly List<(string Type, HttpStatusCode Status)> webhookDeliveries = [];
    private (Uri App, string SignatureKey)? webhookTarget;

    /// <summary>The <c>getHostedPaymentPageRequest</c> bodies, by the token each was answered with.</summary>
    public IReadOnlyDictionary<string, JsonObject> HostedPageRequests
    {
        get
        {
            lock (gate)
            {
                return hostedRequests.ToDictionary(r => r.Key, r => (JsonObject)r.Value.DeepClone());
            }
        }
    }

    /// <summary>Every webhook the hosted page sent, with the app's answer.</summary>
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

    /// <summary>Where completed hosted pages send their webhooks: the app's <c>/api/webhooks/authorizenet</c>, signed with its Signature Key.</summary>
    public void DeliverWebhooksTo(Uri app, string signatureKey) => webhookTarget = (app, signatureKey);

    private void MapAcceptHosted(WebApplication app)
    {
        app.MapPost("/payment/payment", PaymentFormAsync);
        app.MapPost("/payment/complete", CompleteHostedAsync);
    }

    private JsonObject HostedPaymentPageToken(JsonObject body)
    {
        var token = $"hpp-{Next()}-{Guid.NewGuid():N}";
        hostedRequests[token] = (JsonObject)body.DeepClone();
        return Ok(new JsonObject { ["token"] = token });
    }

    private async Task<IResult> PaymentFormAsync(HttpRequest request)
    {
        var token = (await request.ReadFormAsync())["token"].ToString();
        JsonObject? body;
        lock (gate)
        {
            body = hostedRequests.GetValueOrDefault(token);
        }

        if (body is null)
        {
            return Results.BadRequest("The form token is missing or has expired.");
        }

        var returns = SettingOf(body, "hostedPaymentReturnOptions");
        var button = Text(SettingOf(body, "hostedPaymentButtonOptions")?["text"]) ?? "Pay";
        var amount = decimal.Parse(Text(body["transactionRequest"]?["amount"])!, CultureInfo.InvariantCulture);
        var label = amount > 0m ? $"{button} {amount.ToString("N2", CultureInfo.InvariantCulture)} USD" : button;
        return Results.Content($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Authorize.Net Accept Hosted (test)</title></head>
            <body><main>
            <h1>Authorize.Net Accept Hosted (test)</h1>
            <form method="post" action="/payment/complete">
            <input type="hidden" name="token" value="{WebUtility.HtmlEncode(token)}">
            <label for="cardNumber">Card Number</label> <input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number">
            <button type="submit">{WebUtility.HtmlEncode(label)}</button>
            </form>
            <p><a href="{WebUtility.HtmlEncode(Text(returns?["cancelUrl"]) ?? "/")}">{WebUtility.HtmlEncode(Text(returns?["cancelUrlText"]) ?? "Cancel")}</a></p>
            </main></body></html>
            """, "text/html");
    }

    private async Task<IResult> CompleteHostedAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var card = form["cardNumber"].ToString().Replace(" ", "", StringComparison.Ordinal);
        JsonObject body;
        AnetTransaction made;
        lock (gate)
        {
            body = hostedRequests[form["token"].ToString()];
            var transaction = body["transactionRequest"]!;
            var customer = Text(transaction["profile"]?["customerProfileId"]);
            var saves = Text(SettingOf(body, "hostedPaymentCustomerOptions")?["addPaymentProfile"]) == "true";
            string? profileId = null;
            if (saves && customer is not null)
            {
                profileId = Next();
                paymentProfiles[profileId] = (customer, false);
                cardEndings[profileId] = card.Length >= 4 ? card[^4..] : "1111";
            }

            var fields = (transaction["userFields"]?["userField"] as JsonArray ?? [])
                .ToDictionary(f => Text(f?["name"])!, f => Text(f?["value"])!, StringComparer.Ordinal);
            made = new AnetTransaction(Next(), Text(transaction["transactionType"])!, decimal.Parse(Text(transaction["amount"])!, CultureInfo.InvariantCulture),
                customer, profileId, Text(transaction["order"]?["invoiceNumber"]), Text(transaction["order"]?["description"]), "1", "1", false, DateTime.UtcNow,
                UserFields: fields);
            transactions.Add(made);
        }

        var eventType = made.Type == "authOnlyTransaction" ? "net.authorize.payment.authorization.created" : "net.authorize.payment.authcapture.created";
        await SendWebhookAsync(eventType, made);
        return Results.Redirect(Text(SettingOf(body, "hostedPaymentReturnOptions")?["url"])!);
    }

    private async Task SendWebhookAsync(string eventType, AnetTransaction made)
    {
        if (webhookTarget is not { } target)
        {
            return;
        }

        using var http = new HttpClient { BaseAddress = target.App };
        using var post = AuthorizeNetNotifications.SignedPost(AuthorizeNetNotifications.Payment(eventType, made.TransId, made.Amount), target.SignatureKey);
        using var answer = await http.SendAsync(post);
        lock (gate)
        {
            webhookDeliveries.Add((eventType, answer.StatusCode));
        }
    }

    /// <summary>One of the request's hosted payment settings, whose value is itself JSON text.</summary>
    private static JsonNode? SettingOf(JsonObject body, string name) =>
        (body["hostedPaymentSettings"]?["setting"] as JsonArray ?? [])
            .Where(s => Text(s?["settingName"]) == name)
            .Select(s => JsonNode.Parse(Text(s?["settingValue"])!))
            .FirstOrDefault();
}
