using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Accounts;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.Migrations;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>Moving accounts from Authorize.Net to Stripe through the API with the processor's mapping: the account's profile becomes the Stripe
/// customer and method (Stripe makes it the default), remembers where it came from, announces it once, and the result reads back.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PaymentMigrationTests(PaymentsHost app) : IClassFixture<PaymentsHost>
{
    private const string Header = "old_customer_id,old_payment_method_id,new_customer_id,new_payment_method_id";

    [Fact]
    public async Task Import_MovesTheMappedAccount_RecordsEachLine_AndAgainIsAlreadyMigrated()
    {
        var (account, customer, profile) = await SeedOnAuthorizeNetAsync("mig-dentist");
        var other = await SeedOnAuthorizeNetAsync("mig-realtor");
        var (newCustomer, newMethod) = ($"cus_{Token()}", $"pm_{Token()}");
        var unknownCustomer = Digits();
        app.Stripe.AddMethod(newMethod, StripeTestMethod.Card("visa", "4444"));
        var csv = $"{Header}\n{customer},{profile},{newCustomer},{newMethod}\n{other.Customer},{Digits()},cus_{Token()},pm_{Token()}\n{unknownCustomer},{Digits()},cus_{Token()},pm_{Token()}\n{Digits()},{Digits()},{Digits()},pm_{Token()}\n";

        var imported = await app.Api.ImportPaymentMigrationAsync(PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe, Csv(csv), CancellationToken.None);

        imported.Lines.Select(l => (l.Line, l.Outcome, l.AccountId)).ShouldBe([
            (2, PaymentMigrationOutcome.Migrated, account.Id),
            (3, PaymentMigrationOutcome.Skipped, other.Account.Id),
            (4, PaymentMigrationOutcome.Skipped, null),
            (5, PaymentMigrationOutcome.Rejected, null),
        ]);
        imported.Lines[2].Reason.ShouldBe($"old_customer_id on line 4: no account pays through Authorize.Net customer '{unknownCustomer}'");
        imported.Lines[3].Reason.ShouldStartWith("new_customer_id on line 5: '");
        var moved = (await app.AccountAsync(account.Id)).Payment!;
        (moved.Gateway, moved.CustomerId, moved.DefaultMethod).ShouldBe((PaymentGatewayNames.Stripe, newCustomer, new PaymentMethodOnFile(newMethod, PaymentMethodKind.Card, "visa ••••4444")));
        (moved.MigratedFrom!.Gateway, moved.MigratedFrom.CustomerId, moved.MigratedFrom.PaymentMethodId, moved.MigratedFrom.ImportId)
            .ShouldBe((PaymentGatewayNames.AuthorizeNet, customer, profile, imported.ImportId));
        (await app.AccountAsync(other.Account.Id)).Payment!.Gateway.ShouldBe(PaymentGatewayNames.AuthorizeNet);
        app.Stripe.Requests.Where(r => r.Path == $"/v1/customers/{newCustomer}").Select(r => r.Form["invoice_settings[default_payment_method]"]).Distinct().ShouldBe([newMethod]);
        (await app.HasEventAsync(PaymentEvents.PaymentMethodMigrated, $"{account.Id}:authorizenet:{profile}")).ShouldBeTrue();

        var stored = await app.Api.GetPaymentMigrationAsync(imported.ImportId, CancellationToken.None);
        stored.Lines.ShouldBe(imported.Lines);
        (stored.From, stored.To, stored.Migrated, stored.Skipped, stored.Rejected).ShouldBe((PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe, 1, 2, 1));

        var again = await app.Api.ImportPaymentMigrationAsync(PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe, Csv(csv), CancellationToken.None);
        again.Lines[0].ShouldBe(new PaymentMigrationLine(2, PaymentMigrationOutcome.AlreadyMigrated, account.Id, customer, profile, newCustomer, newMethod));
        (await app.AccountAsync(account.Id)).Payment!.MigratedFrom!.ImportId.ShouldBe(imported.ImportId);
    }

    [Fact]
    public async Task Import_StripeFails_LineIsFailedWithStripesMessage_AndImportingAgainMovesIt()
    {
        var (account, customer, profile) = await SeedOnAuthorizeNetAsync("mig-failed");
        var (newCustomer, newMethod) = ($"cus_{Token()}", $"pm_{Token()}");
        app.Stripe.FailAttach(newMethod);
        var csv = $"{Header}\n{customer},{profile},{newCustomer},{newMethod}\n";

        var failed = await app.Api.ImportPaymentMigrationAsync(PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe, Csv(csv), CancellationToken.None);

        failed.Lines.Single().ShouldBe(new PaymentMigrationLine(2, PaymentMigrationOutcome.Failed, account.Id, customer, profile, newCustomer, newMethod,
            $"new_payment_method_id on line 2: Stripe did not make it customer '{newCustomer}''s default (An error occurred while attaching PaymentMethod '{newMethod}'.); import the line again to retry"));
        (failed.Failed, failed.Skipped).ShouldBe((1, 0));
        (await app.AccountAsync(account.Id)).Payment!.Gateway.ShouldBe(PaymentGatewayNames.AuthorizeNet);
        (await app.Api.GetPaymentMigrationAsync(failed.ImportId, CancellationToken.None)).Lines.ShouldBe(failed.Lines);

        app.Stripe.Restore(newMethod);
        var retried = await app.Api.ImportPaymentMigrationAsync(PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe, Csv(csv), CancellationToken.None);

        retried.Lines.Single().Outcome.ShouldBe(PaymentMigrationOutcome.Migrated);
        (await app.AccountAsync(account.Id)).Payment!.CustomerId.ShouldBe(newCustomer);
    }

    [Fact]
    public async Task Import_StripeRefusesTheAttachOnce_ANewImportAsksAgainUnderItsOwnKey_AndMovesIt()
    {
        var (account, customer, profile) = await SeedOnAuthorizeNetAsync("mig-refused");
        var (newCustomer, newMethod) = ($"cus_{Token()}", $"pm_{Token()}");
        app.Stripe.AddMethod(newMethod, StripeTestMethod.Card("mastercard", "5454"));
        app.Stripe.RefuseAttachOnce(newMethod);
        var csv = $"{Header}\n{customer},{profile},{newCustomer},{newMethod}\n";

        var refused = await app.Api.ImportPaymentMigrationAsync(PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe, Csv(csv), CancellationToken.None);
        var retried = await app.Api.ImportPaymentMigrationAsync(PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe, Csv(csv), CancellationToken.None);

        refused.Lines.Single().ShouldBe(new PaymentMigrationLine(2, PaymentMigrationOutcome.Failed, account.Id, customer, profile, newCustomer, newMethod,
            $"new_payment_method_id on line 2: Stripe did not make it customer '{newCustomer}''s default (No such PaymentMethod: '{newMethod}'); import the line again to retry"));
        retried.Lines.Single().Outcome.ShouldBe(PaymentMigrationOutcome.Migrated);
        var attaches = app.Stripe.Requests.Where(r => r.Path == $"/v1/payment_methods/{newMethod}/attach").ToList();
        attaches.Select(r => (r.IdempotencyKey, r.StatusCode, r.Replayed)).ShouldBe([
            ($"attach-{refused.ImportId}-{newCustomer}-{newMethod}", 400, false),
            ($"attach-{retried.ImportId}-{newCustomer}-{newMethod}", 200, false),
        ]);
        var moved = (await app.AccountAsync(account.Id)).Payment!;
        (moved.Gateway, moved.CustomerId, moved.DefaultMethod!.PaymentMethodId, moved.MigratedFrom!.ImportId)
            .ShouldBe((PaymentGatewayNames.Stripe, newCustomer, newMethod, retried.ImportId));
    }

    [Fact]
    public async Task Import_AnswersCreatedWithWhereToReadItAgain()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/payment-migrations?from=authorizenet&to=stripe", $"{Header}\n{Digits()},{Digits()},cus_{Token()},pm_{Token()}\n");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var importId = body.GetProperty("importId").GetString()!;
        response.Headers.Location!.ToString().ShouldBe($"/api/payment-migrations/{importId}");
        (body.GetProperty("skipped").GetInt32(), body.GetProperty("lines")[0].GetProperty("outcome").GetString()).ShouldBe((1, "Skipped"));
    }

    [Theory]
    [InlineData("api/payment-migrations?to=stripe", Header + "\n", "from", "is required: the gateway's name, e.g. authorizenet or stripe")]
    [InlineData("api/payment-migrations?from=authorizenet&to=paypal", Header + "\n", "to", "'paypal' is not a gateway: use stripe or authorizenet")]
    [InlineData("api/payment-migrations?from=authorizenet&to=stripe", "customer,card\n1,2\n", "header", "has no column 'old_customer_id'")]
    [InlineData("api/payment-migrations?from=authorizenet&to=stripe", "", "header", "the file is empty; the first line names the columns")]
    public async Task Import_BadRequest_Is400NamingTheField(string path, string csv, string field, string reason)
    {
        using var response = await SendAsync(HttpMethod.Post, path, csv);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(reason);
    }

    [Fact]
    public async Task Get_UnknownOrMalformedImport_Is404Or400()
    {
        using var unknown = await SendAsync(HttpMethod.Get, $"api/payment-migrations/mig-{Token()}");
        using var malformed = await SendAsync(HttpMethod.Get, "api/payment-migrations/%20bad");

        (unknown.StatusCode, malformed.StatusCode).ShouldBe((HttpStatusCode.NotFound, HttpStatusCode.BadRequest));
    }

    /// <summary>An account on Authorize.Net with a card on file, as one that paid there for years would be; ids unique to the run.</summary>
    private async Task<(Account Account, string Customer, string Profile)> SeedOnAuthorizeNetAsync(string prefix)
    {
        var account = await app.SeedAsync(prefix, PaymentsHost.FastPolicy, paymentMethodId: null);
        var (customer, profile) = (Digits(), Digits());
        await app.Services.GetRequiredService<IAccountDirectory>().UpdateAsync(account.Id, a => a with
        {
            Payment = new PaymentProfile(PaymentGatewayNames.AuthorizeNet, customer, new PaymentMethodOnFile(profile, PaymentMethodKind.Card, "Visa ••••1111")),
        }, CancellationToken.None);
        return (account, customer, profile);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? csv = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", app.Host.ApiKey);
        if (csv is not null)
        {
            request.Content = new StringContent(csv, Encoding.UTF8, "text/csv");
        }

        return await app.Host.Http.SendAsync(request);
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string Token() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>An Authorize.Net-shaped id no other test uses.</summary>
    private static string Digits() => RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture) + RandomNumberGenerator.GetInt32(1000, 9999).ToString(CultureInfo.InvariantCulture);
}
