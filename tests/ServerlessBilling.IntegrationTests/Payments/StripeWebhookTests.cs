using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary><c>POST /api/webhooks/stripe</c> on the local host: signed events become payment notifications, anything else changes nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StripeWebhookTests(StripeWebhookHost app) : IClassFixture<StripeWebhookHost>
{
    [Fact]
    public async Task Succeeded_Signed_IsDeliveredOnceWithTheInvoiceAndCollection()
    {
        var intent = Intent(4250);
        var json = StripeWebhookEvents.PaymentIntentSucceeded(intent);

        var response = await PostAsync(json);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var delivered = app.Notifications.For(intent.Id).ShouldHaveSingleItem();
        delivered.EventId.ShouldBe(EventId(json));
        delivered.Kind.ShouldBe(PaymentNotificationKind.Succeeded);
        delivered.Amount.ShouldBe(new Money(42.50m, "USD"));
        delivered.InvoiceId.ShouldBe("inv-" + intent.Id);
        delivered.CollectionId.ShouldBe("collect-" + intent.Id);
        delivered.OccurredAt.ShouldBe(Instant.FromUnixTimeSeconds(JsonDocument.Parse(json).RootElement.GetProperty("created").GetInt64()));
    }

    [Fact]
    public async Task BankDebit_ProcessingThenSucceeded_DeliversTheGatewaysPayment()
    {
        app.Stripe.Script("pm_ach_settles", StripeOutcome.Processing());
        var gateway = app.Services.GetRequiredService<IPaymentGateways>().For(PaymentGatewayNames.Stripe);
        var charge = await gateway.ChargeAsync(
            new ChargeRequest("inv-ach", "acct-ach", "cus_ach", "pm_ach_settles", new Money(99.99m, "USD"), 1, "collect-inv-ach"), CancellationToken.None);
        charge.Status.ShouldBe(ChargeStatus.Processing);

        var response = await PostAsync(StripeWebhookEvents.PaymentIntentSucceeded(app.Stripe.PaymentIntent(charge.PaymentId!)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var delivered = app.Notifications.For(charge.PaymentId!).ShouldHaveSingleItem();
        (delivered.Kind, delivered.Amount, delivered.InvoiceId, delivered.CollectionId)
            .ShouldBe((PaymentNotificationKind.Succeeded, new Money(99.99m, "USD"), "inv-ach", "collect-inv-ach"));
    }

    [Theory]
    [InlineData("card_declined", "insufficient_funds", null, "insufficient_funds", DeclineKind.RetryLater)]
    [InlineData("card_declined", "generic_decline", "do_not_try_again", "generic_decline", DeclineKind.DoNotRetry)]
    [InlineData("account_closed", null, null, "account_closed", DeclineKind.DoNotRetry)]
    public async Task PaymentFailed_CarriesTheDeclineAndItsClass(string code, string? declineCode, string? advice, string expectedCode, DeclineKind expected)
    {
        var intent = Intent(4250);

        (await PostAsync(StripeWebhookEvents.PaymentIntentFailed(intent, code, declineCode, advice))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var delivered = app.Notifications.For(intent.Id).ShouldHaveSingleItem();
        (delivered.Kind, delivered.DeclineCode, delivered.Decline).ShouldBe((PaymentNotificationKind.Failed, expectedCode, expected));
        delivered.InvoiceId.ShouldBe("inv-" + intent.Id);
    }

    [Fact]
    public async Task ChargeRefunded_Partially_ReversesWhatThisRefundReturned()
    {
        var intent = Intent(10000);

        (await PostAsync(StripeWebhookEvents.ChargeRefunded(intent, refunded: 2500, refundedBefore: 1000))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var delivered = app.Notifications.For(intent.Id).ShouldHaveSingleItem();
        (delivered.Kind, delivered.Amount, delivered.Reason).ShouldBe((PaymentNotificationKind.Reversed, new Money(25m, "USD"), "refund"));
    }

    [Fact]
    public async Task DisputeCreated_ReversesTheDisputedAmount()
    {
        var intent = Intent(4250);

        (await PostAsync(StripeWebhookEvents.DisputeCreated(intent, 4250, "fraudulent"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var delivered = app.Notifications.For(intent.Id).ShouldHaveSingleItem();
        (delivered.Kind, delivered.Amount, delivered.Reason).ShouldBe((PaymentNotificationKind.Reversed, new Money(42.50m, "USD"), "dispute:fraudulent"));
    }

    [Fact]
    public async Task AchReturn_AfterSuccess_ReversesThePayment()
    {
        var intent = Intent(4250);

        (await PostAsync(StripeWebhookEvents.AchReturned(intent, "incorrect_account_details"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var delivered = app.Notifications.For(intent.Id).ShouldHaveSingleItem();
        (delivered.Kind, delivered.Amount, delivered.Reason)
            .ShouldBe((PaymentNotificationKind.Reversed, new Money(42.50m, "USD"), "dispute:incorrect_account_details"));
    }

    [Fact]
    public async Task ChargeFailed_BesideTheFailedPaymentIntent_AddsNothing()
    {
        var intent = Intent(4250);

        (await PostAsync(StripeWebhookEvents.ChargeFailed(intent))).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Notifications.For(intent.Id).ShouldBeEmpty();
    }

    [Fact]
    public async Task Forged_SignedWithAnotherSecret_Is401AndDeliversNothing()
    {
        var intent = Intent(4250);

        var response = await PostAsync(StripeWebhookEvents.PaymentIntentSucceeded(intent), secret: "whsec_not_the_endpoints");

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
        app.Notifications.For(intent.Id).ShouldBeEmpty();
    }

    [Fact]
    public async Task Tampered_BodyChangedAfterSigning_Is401AndDeliversNothing()
    {
        var intent = Intent(4250);
        var json = StripeWebhookEvents.PaymentIntentSucceeded(intent);
        using var request = StripeWebhookEvents.SignedPost(json, app.WebhookSecret);
        request.Content = new StringContent(json.Replace("4250", "4", StringComparison.Ordinal), Encoding.UTF8, "application/json");

        await ShouldBeProblemAsync(await app.Http.SendAsync(request), HttpStatusCode.Unauthorized);
        app.Notifications.For(intent.Id).ShouldBeEmpty();
    }

    [Fact]
    public async Task Stale_SignedTenMinutesAgo_Is401AndDeliversNothing()
    {
        var intent = Intent(4250);

        var response = await PostAsync(StripeWebhookEvents.PaymentIntentSucceeded(intent), at: DateTimeOffset.UtcNow.AddMinutes(-10));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
        app.Notifications.For(intent.Id).ShouldBeEmpty();
    }

    [Fact]
    public async Task Stale_SignedTenMinutesAhead_Is401AndDeliversNothing()
    {
        var intent = Intent(4250);

        var response = await PostAsync(StripeWebhookEvents.PaymentIntentSucceeded(intent), at: DateTimeOffset.UtcNow.AddMinutes(10));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
        app.Notifications.For(intent.Id).ShouldBeEmpty();
    }

    [Fact]
    public async Task Unsigned_Is401()
    {
        using var content = new StringContent(StripeWebhookEvents.Other("customer.created"), Encoding.UTF8, "application/json");

        await ShouldBeProblemAsync(await app.Http.PostAsync(StripeWebhookEvents.Route, content), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownType_Is200AndIgnored()
    {
        var json = StripeWebhookEvents.Other("customer.created");

        var response = await PostAsync(json);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("status").GetString().ShouldBe("Ignored");
        body.GetProperty("eventId").GetString().ShouldBe(EventId(json));
        app.Notifications.Delivered.Select(n => n.EventId).ShouldNotContain(EventId(json));
    }

    [Fact]
    public async Task Malformed_SignedButNotJson_Is400()
    {
        await ShouldBeProblemAsync(await PostAsync("{\"id\": \"evt_1\", \"type\": "), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Malformed_AmountNotANumber_Is400()
    {
        var json = StripeWebhookEvents.PaymentIntentSucceeded(Intent(4250)).Replace("\"amount\":4250", "\"amount\":\"lots\"", StringComparison.Ordinal);

        await ShouldBeProblemAsync(await PostAsync(json), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Malformed_UnknownCurrency_Is400NamingTheField()
    {
        var json = StripeWebhookEvents.PaymentIntentSucceeded(Intent(4250)).Replace("\"currency\":\"usd\"", "\"currency\":\"xyz\"", StringComparison.Ordinal);

        var response = await PostAsync(json);

        (await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest)).ShouldContain("data.object.currency");
    }

    [Fact]
    public async Task TooLarge_Is413()
    {
        var json = "{\"padding\":\"" + new string('x', StripeWebhook.MaxBodyBytes) + "\"}";

        await ShouldBeProblemAsync(await PostAsync(json), HttpStatusCode.RequestEntityTooLarge);
    }

    private static StripeTestPaymentIntent Intent(long amount)
    {
        var id = $"pi_{Guid.NewGuid():N}";
        return new StripeTestPaymentIntent(id, amount, "usd", "cus_1", "pm_card", new Dictionary<string, string>
        {
            ["invoice_id"] = "inv-" + id,
            ["account_id"] = "acct-1",
            ["collection_id"] = "collect-" + id,
        });
    }

    private async Task<HttpResponseMessage> PostAsync(string json, string? secret = null, DateTimeOffset? at = null)
    {
        using var request = StripeWebhookEvents.SignedPost(json, secret ?? app.WebhookSecret, at);
        return await app.Http.SendAsync(request);
    }

    private static async Task<string> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadAsStringAsync();
    }

    private static string EventId(string json) => JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
}
