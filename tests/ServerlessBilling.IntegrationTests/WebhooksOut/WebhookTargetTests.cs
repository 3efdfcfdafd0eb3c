using ServerlessBilling.Events;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>Without the setting that allows private targets, URLs that reach loopback, private, link-local or unique-local
/// addresses are refused at registration, and a stored endpoint whose name resolves to loopback is refused at connect time.</summary>
[Collection(AzuriteCollection.Name)]
public class WebhookTargetTests(AzuriteFixture azurite)
{
    private static readonly WebhookDeliveryOptions Production = WebhookDeliveryOptions.Default;

    [Theory]
    [InlineData("https://127.0.0.1/hook", "a loopback address")]
    [InlineData("https://localhost/hook", "a loopback address")]
    [InlineData("https://[::1]/hook", "a loopback address")]
    [InlineData("https://169.254.169.254/metadata/instance", "a link-local address")]
    [InlineData("https://10.1.2.3/hook", "a private address (10.0.0.0/8)")]
    [InlineData("https://172.20.0.5/hook", "a private address (172.16.0.0/12)")]
    [InlineData("https://192.168.1.10/hook", "a private address (192.168.0.0/16)")]
    [InlineData("https://0.0.0.0/hook", "an unspecified address")]
    [InlineData("https://[fd12:3456::1]/hook", "a unique-local address (fc00::/7)")]
    [InlineData("https://[fe80::1]/hook", "a link-local address (fe80::/10)")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "a loopback address")]
    public async Task Register_PrivateTarget_IsRefusedNamingTheUrl(string url, string reason)
    {
        await using var scene = await WebhookScene.StartAsync(azurite, Production);

        var refused = await scene.Registry.CreateAsync(new WebhookEndpointChange(url, [DomainEvent.InvoiceFinalized], null, null), default);

        refused.Problem!.Kind.ShouldBe(ProblemKind.Invalid);
        var field = refused.Problem.Fields.ShouldHaveSingleItem();
        field.Field.ShouldBe("url");
        field.Reason.ShouldContain(reason);
        (await scene.Endpoints.ListPageAsync(Paging.PageRequest.First(), default)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Register_PlainHttp_IsRefusedUnlessPrivateTargetsAreAllowed()
    {
        await using var scene = await WebhookScene.StartAsync(azurite, Production);

        var refused = await scene.Registry.CreateAsync(new WebhookEndpointChange("http://billing.example.com/hook", ["*"], null, null), default);

        refused.Problem!.Fields.ShouldHaveSingleItem().ShouldBe(new Usage.RecordProblem("url", "must be an https URL"));
    }

    [Fact]
    public async Task Deliver_StoredEndpointWhoseNameResolvesToLoopback_IsRefusedAtConnectAndNothingIsSent()
    {
        await using var scene = await WebhookScene.StartAsync(azurite, Production);
        // As if the name resolved to a public address when it was registered and to loopback now.
        var endpoint = new WebhookEndpoint("we_rebound", $"http://localhost:{scene.Receiver.Port}/hook", ["*"], null, true, scene.Clock.GetCurrentInstant());
        await scene.Endpoints.AddAsync(endpoint, new WebhookSecrets(WebhookSignature.NewSecret()), default);
        await scene.FanOut.FanOutAsync(WebhookScene.Finalized("acme-20261101", scene.Clock.GetCurrentInstant()), default);

        var entry = await scene.DeliverNextAsync();

        (entry!.Outcome, entry.ResponseCode).ShouldBe((WebhookLogEntry.Failed, (int?)null));
        entry.Detail.ShouldStartWith("Refused: the host is localhost, which resolves to ");
        entry.Detail.ShouldEndWith("a loopback address");
        scene.Receiver.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deliver_StoredEndpointOnALoopbackAddress_IsRefusedAtConnect()
    {
        await using var scene = await WebhookScene.StartAsync(azurite, Production);
        var endpoint = new WebhookEndpoint("we_literal", scene.Receiver.Url.ToString(), ["*"], null, true, scene.Clock.GetCurrentInstant());
        await scene.Endpoints.AddAsync(endpoint, new WebhookSecrets(WebhookSignature.NewSecret()), default);
        await scene.FanOut.FanOutAsync(WebhookScene.Finalized("acme-20261101", scene.Clock.GetCurrentInstant()), default);

        var entry = await scene.DeliverNextAsync();

        entry!.Detail.ShouldBe("Refused: the host is a loopback address");
        scene.Receiver.Received.ShouldBeEmpty();
    }
}
