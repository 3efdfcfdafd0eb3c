using System.Net;
using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>Methods saved on Stripe Checkout arrive by webhook in any order: the account keeps the one chosen last, by the event's time.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostedSetupOrderTests(PaymentsHost app) : IClassFixture<PaymentsHost>
{
    [Fact]
    public async Task SetupSucceeded_OlderDeliveredAfterNewer_KeepsTheNewerCard_AndALaterChoiceStillApplies()
    {
        var account = await app.SeedAsync("setup-order", PaymentsHost.FastPolicy, paymentMethodId: null);
        var (older, newer) = ($"pm_older_{account.Id}", $"pm_newer_{account.Id}");
        app.Stripe.AddMethod(older, StripeTestMethod.Card(last4: "1111"));
        app.Stripe.AddMethod(newer, StripeTestMethod.Card(last4: "4444"));
        var metadata = new Dictionary<string, string> { [StripeMetadata.AccountId] = account.Id };
        var now = DateTimeOffset.UtcNow;

        (await app.PostWebhookAsync(StripeWebhookEvents.SetupIntentSucceeded("seti_newer", "cus_x", newer, metadata, now))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.PostWebhookAsync(StripeWebhookEvents.SetupIntentSucceeded("seti_older", "cus_x", older, metadata, now.AddMinutes(-5)))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var kept = (await app.AccountAsync(account.Id)).Payment!;
        (kept.DefaultMethod!.PaymentMethodId, kept.DefaultMethod.Label, kept.MethodChosenAt!.Value.ToUnixTimeSeconds()).ShouldBe((newer, "visa ••••4444", now.ToUnixTimeSeconds()));
        (await app.HasEventAsync(PaymentEvents.PaymentMethodUpdated, $"{account.Id}:{newer}")).ShouldBeTrue();
        (await app.HasEventAsync(PaymentEvents.PaymentMethodUpdated, $"{account.Id}:{older}")).ShouldBeFalse();

        // The same card chosen again later is a new choice, and applies.
        (await app.PostWebhookAsync(StripeWebhookEvents.SetupIntentSucceeded("seti_again", "cus_x", older, metadata, now.AddMinutes(1)))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.AccountAsync(account.Id)).Payment!.DefaultMethod!.PaymentMethodId.ShouldBe(older);
    }

    [Fact]
    public async Task SetThroughTheApi_AfterALaterStampedSetup_StillApplies()
    {
        var account = await app.SeedAsync("setup-api", PaymentsHost.FastPolicy, paymentMethodId: null);
        var (hosted, typed) = ($"pm_hosted_{account.Id}", $"pm_typed_{account.Id}");
        var metadata = new Dictionary<string, string> { [StripeMetadata.AccountId] = account.Id };
        (await app.PostWebhookAsync(StripeWebhookEvents.SetupIntentSucceeded("seti_ahead", "cus_x", hosted, metadata, DateTimeOffset.UtcNow.AddMinutes(10)))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await app.Api.SetPaymentMethodAsync(account.Id, typed, CancellationToken.None);

        (await app.AccountAsync(account.Id)).Payment!.DefaultMethod!.PaymentMethodId.ShouldBe(typed);
    }
}
