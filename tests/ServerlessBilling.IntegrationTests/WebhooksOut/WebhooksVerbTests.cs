using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.IntegrationTests.Api;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.WebhooksOut;
using Reply = ServerlessBilling.IntegrationTests.WebhooksOut.WebhookReceiver.Reply;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>The <c>webhooks</c> verb against the local host on Azurite: it lists the endpoints, prints an endpoint's log and
/// sends a delivery again, with exit code 1 when the endpoint refuses it.</summary>
[Collection(AzuriteCollection.Name)]
public class WebhooksVerbTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Webhooks_ListDeliveriesAndRedeliver_PrintTheEndpointItsLogAndEachAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var description = $"verb {Guid.NewGuid():N}";
        // An event type of its own: an endpoint on invoice.finalized would also get every invoice the shared host's other tests
        // finalize, during this test and, with its receiver gone, after it.
        var type = $"test.e{Guid.NewGuid():N}";
        var created = JsonDocument.Parse((await ManagementRoutes.SendAsync(host, "POST", "api/webhooks-out/endpoints",
            JsonSerializer.Serialize(new { url = receiver.Url, eventTypes = new[] { type }, description }, BillingJson.Options))).Body).RootElement;
        var endpointId = created.GetProperty("endpoint").GetProperty("id").GetString()!;
        var delivery = await host.Host.Services.GetRequiredService<IWebhookDeliveries>().AddAsync(
            new WebhookDelivery($"dlv_{Guid.NewGuid():N}"[..24], endpointId, "evt_verb", type, 1, "msg_verb", """{"id":"evt_verb"}""", SystemClock.Instance.GetCurrentInstant())
            {
                Status = WebhookDeliveryStatus.Exhausted,
            },
            default);
        receiver.Script(Reply.Fail);

        var (listed, listedCode) = await RunAsync(output => WebhooksCommand.ListAsync(host.Api, output, default));
        var (refused, refusedCode) = await RunAsync(output => WebhooksCommand.RedeliverAsync(host.Api, endpointId, delivery.Id, output, default));
        var (accepted, acceptedCode) = await RunAsync(output => WebhooksCommand.RedeliverAsync(host.Api, endpointId, delivery.Id, output, default));
        var (log, logCode) = await RunAsync(output => WebhooksCommand.DeliveriesAsync(host.Api, endpointId, 1, output, default));

        listedCode.ShouldBe(0);
        listed.Split('\n').ShouldContain($"{endpointId}\tenabled\t{receiver.Url}\t{type}\t{description}");
        refusedCode.ShouldBe(1);
        refused.Split('\t')[1..6].ShouldBe(["failed", delivery.Id, type, "attempt 1", "500"]);
        acceptedCode.ShouldBe(0);
        accepted.Split('\t')[1..6].ShouldBe(["succeeded", delivery.Id, type, "attempt 2", "204"]);
        accepted.Split('\t')[7].ShouldBe("manual");
        logCode.ShouldBe(0);
        var lines = log.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(2);
        lines[0].Split('\t')[1..5].ShouldBe(["succeeded", delivery.Id, type, "attempt 2"]);
        lines[1].ShouldBe("1 log line(s), newest first.");
        receiver.Received.Count.ShouldBe(2);
        (await ManagementRoutes.SendAsync(host, "DELETE", $"api/webhooks-out/endpoints/{endpointId}", null)).Status.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Webhooks_Json_ListDeliveriesAndRedeliverPrintWhatTheRoutesAnswer()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var type = $"test.e{Guid.NewGuid():N}";
        var created = JsonDocument.Parse((await ManagementRoutes.SendAsync(host, "POST", "api/webhooks-out/endpoints",
            JsonSerializer.Serialize(new { url = receiver.Url, eventTypes = new[] { type } }, BillingJson.Options))).Body).RootElement;
        var endpointId = created.GetProperty("endpoint").GetProperty("id").GetString()!;
        var delivery = await host.Host.Services.GetRequiredService<IWebhookDeliveries>().AddAsync(
            new WebhookDelivery($"dlv_{Guid.NewGuid():N}"[..24], endpointId, "evt_json", type, 1, "msg_json", """{"id":"evt_json"}""", SystemClock.Instance.GetCurrentInstant())
            {
                Status = WebhookDeliveryStatus.Exhausted,
            },
            default);
        string[] running = ["--url", host.Host.BaseAddress.ToString(), "--key", host.ApiKey, "--json"];

        var listed = await Commands.LocalHostProcess.RunAsync(["webhooks", "list", .. running]);
        var redelivered = await Commands.LocalHostProcess.RunAsync(["webhooks", "redeliver", endpointId, delivery.Id, .. running]);
        var log = await Commands.LocalHostProcess.RunAsync(["webhooks", "deliveries", endpointId, "--limit", "1", .. running]);

        (listed.ExitCode, redelivered.ExitCode, log.ExitCode).ShouldBe((0, 0, 0), listed.Errors + redelivered.Errors + log.Errors);
        var endpoint = JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == endpointId);
        (endpoint.GetProperty("url").GetString(), endpoint.GetProperty("enabled").GetBoolean(), endpoint.GetProperty("eventTypes").EnumerateArray().Single().GetString())
            .ShouldBe((receiver.Url.ToString(), true, type));
        var attempt = JsonDocument.Parse(redelivered.Output).RootElement;
        (attempt.GetProperty("deliveryId").GetString(), attempt.GetProperty("outcome").GetString(), attempt.GetProperty("attempt").GetInt32(),
            attempt.GetProperty("responseCode").GetInt32(), attempt.GetProperty("manual").GetBoolean()).ShouldBe((delivery.Id, "succeeded", 1, 204, true));
        var newest = JsonDocument.Parse(log.Output).RootElement.EnumerateArray().ShouldHaveSingleItem();
        newest.GetRawText().ShouldBe(attempt.GetRawText());
        (await ManagementRoutes.SendAsync(host, "DELETE", $"api/webhooks-out/endpoints/{endpointId}", null)).Status.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    private static async Task<(string Output, int ExitCode)> RunAsync(Func<TextWriter, Task<int>> verb)
    {
        using var output = new StringWriter { NewLine = "\n" };
        var code = await verb(output);
        return (output.ToString(), code);
    }
}
