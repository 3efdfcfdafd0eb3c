using System.Net;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary>Through the local host: an account's billing contact is stored with its profile, its phone brought to E.164,
/// returned by GET under the account's ETag, and a contact that breaks a rule is a 400 naming the field.</summary>
[Collection(AzuriteCollection.Name)]
public class AccountContactTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("contact-plan", "Contacts", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, [], new PerCallRounding())]);

    [Fact]
    public async Task PutAccount_WithContact_GetReturnsItNormalizedUnderTheNewVersion()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var id = CloseDriver.UniqueId("contact");

        var put = await PutAsync(id, """
            {"name":"Acme Dental","planId":"contact-plan","billing":{"timeZone":"Europe/London","billCycleDay":1,"currency":"USD"},
             "contact":{"name":"Accounts Payable","email":"ap@acme.example","phone":"020 7183 8750",
                        "address":{"lines":["1 King St"],"city":"London","postalCode":"EC2V 8AU","country":"gb"},
                        "poNumber":"PO-118","taxId":"GB 123 4567 89"}}
            """);
        var get = await ManagementRoutes.SendAsync(host, "GET", $"api/accounts/{id}", null);

        put.Status.ShouldBe(HttpStatusCode.OK, put.Body);
        get.Status.ShouldBe(HttpStatusCode.OK);
        var contact = JsonDocument.Parse(get.Body).RootElement.GetProperty("contact");
        contact.GetProperty("phone").GetString().ShouldBe("+442071838750");
        contact.GetProperty("address").GetProperty("country").GetString().ShouldBe("GB");
        contact.GetProperty("address").GetProperty("lines")[0].GetString().ShouldBe("1 King St");
        (contact.GetProperty("email").GetString(), contact.GetProperty("poNumber").GetString(), contact.GetProperty("taxId").GetString())
            .ShouldBe(("ap@acme.example", "PO-118", "GB 123 4567 89"));
        JsonDocument.Parse(put.Body).RootElement.GetProperty("contact").GetRawText().ShouldBe(contact.GetRawText());
    }

    [Fact]
    public async Task PutAccount_ContactWithBadEmailAndCountry_Is400NamingEachAndStoresNothing()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var id = CloseDriver.UniqueId("badcontact");

        var put = await PutAsync(id, """
            {"name":"Acme","planId":"contact-plan","billing":{"timeZone":"UTC","billCycleDay":1,"currency":"USD"},
             "contact":{"email":"ap at acme","address":{"lines":["1 Main St"],"city":"Springfield","country":"USA"}}}
            """);
        var get = await ManagementRoutes.SendAsync(host, "GET", $"api/accounts/{id}", null);

        put.Status.ShouldBe(HttpStatusCode.BadRequest);
        ManagementRoutes.ErrorFields(put.Problem!.Value).ShouldBe(["contact.email", "contact.address.country"]);
        get.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    private Task<(HttpStatusCode Status, JsonElement? Problem, string Body)> PutAsync(string id, string body) =>
        ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/{id}", body);
}
