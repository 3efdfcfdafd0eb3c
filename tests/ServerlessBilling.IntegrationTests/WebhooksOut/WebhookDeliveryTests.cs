using System.Text.Json;
using NodaTime;
using ServerlessBilling.Events;
using ServerlessBilling.WebhooksOut;
using Reply = ServerlessBilling.IntegrationTests.WebhooksOut.WebhookReceiver.Reply;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>Events reach a receiver signed so an independent verifier accepts them, and are retried on the schedule through
/// failures and timeouts until the receiver recovers; nothing is sent twice for one event and one endpoint.</summary>
[Collection(AzuriteCollection.Name)]
public class WebhookDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task FanOutAndDeliver_ReceiverAccepts_SignedBodyCarriesIdTypeSequenceAndData()
    {
        await using var scene = await WebhookScene.StartAsync(azurite);
        var subscribed = await scene.RegisterAsync(DomainEvent.InvoiceFinalized);
        var other = await scene.RegisterAsync("payment.failed");
        var finalized = WebhookScene.Finalized("acme-20261101", scene.Clock.GetCurrentInstant());

        (await scene.FanOut.FanOutAsync(finalized, default)).ShouldBe(1);
        var entry = await scene.DeliverNextAsync();

        var webhook = scene.Receiver.Received.ShouldHaveSingleItem();
        StandardWebhookVerifier.Verify(subscribed.Secret, webhook, scene.Now).ShouldBeTrue();
        StandardWebhookVerifier.Verify(other.Secret, webhook, scene.Now).ShouldBeFalse();
        webhook.Headers["webhook-timestamp"].ShouldBe(scene.Clock.GetCurrentInstant().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        webhook.Headers["webhook-id"].ShouldBe(WebhookFanOut.MessageId(finalized.Id));
        webhook.Headers["content-type"].ShouldBe("application/json; charset=utf-8");
        using var body = JsonDocument.Parse(webhook.Body);
        body.RootElement.GetProperty("id").GetString().ShouldBe(finalized.Id);
        body.RootElement.GetProperty("type").GetString().ShouldBe(DomainEvent.InvoiceFinalized);
        body.RootElement.GetProperty("sequence").GetInt64().ShouldBe(1);
        body.RootElement.GetProperty("subject").GetString().ShouldBe("acme");
        body.RootElement.GetProperty("data").GetProperty("invoiceId").GetString().ShouldBe("acme-20261101");
        entry.ShouldNotBeNull();
        (entry.Outcome, entry.Attempt, entry.ResponseCode, entry.NextAttemptAt, entry.EventId).ShouldBe((WebhookLogEntry.Succeeded, 1, (int?)204, (Instant?)null, finalized.Id));
        (await scene.LogAsync(subscribed.Endpoint.Id)).ShouldHaveSingleItem().ShouldBe(entry);
        (await scene.LogAsync(other.Endpoint.Id)).ShouldBeEmpty();

        // The relay publishes at least once: the same event again queues nothing, and the next event gets the next number.
        (await scene.FanOut.FanOutAsync(finalized, default)).ShouldBe(1);
        scene.Queue.IsEmpty.ShouldBeTrue();
        await scene.FanOut.FanOutAsync(WebhookScene.Finalized("acme-20261201", scene.Clock.GetCurrentInstant()), default);
        await scene.DeliverNextAsync();
        JsonDocument.Parse(scene.Receiver.Received[1].Body).RootElement.GetProperty("sequence").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Deliver_ReceiverFailsThenTimesOutThenRecovers_RetriedOnTheScheduleUntilAccepted()
    {
        await using var scene = await WebhookScene.StartAsync(azurite, timeoutSeconds: 1);
        var endpoint = await scene.RegisterAsync(WebhookEndpoint.AllTypes);
        scene.Receiver.Script(Reply.Fail, Reply.Hang);
        var start = scene.Clock.GetCurrentInstant();
        await scene.FanOut.FanOutAsync(WebhookScene.Finalized("acme-20261101", start), default);

        var failed = await scene.DeliverNextAsync();
        var retry = scene.Queue.All.ShouldHaveSingleItem();
        var timedOut = await scene.DeliverNextAsync();
        var stale = await scene.Deliverer.DeliverAsync(retry.Attempt, default);
        var accepted = await scene.DeliverNextAsync();

        (failed!.Outcome, failed.ResponseCode, failed.Detail, failed.NextAttemptAt).ShouldBe((WebhookLogEntry.Failed, (int?)500, "HTTP 500", (Instant?)(start + Duration.FromMinutes(1))));
        retry.Delay.ShouldBe(Duration.FromMinutes(1));
        retry.Attempt.Attempt.ShouldBe(2);
        (timedOut!.Outcome, timedOut.ResponseCode, timedOut.Attempt).ShouldBe((WebhookLogEntry.Failed, (int?)null, 2));
        timedOut.Detail.ShouldBe("No response within 1 s");
        timedOut.NextAttemptAt.ShouldBe(start + Duration.FromMinutes(3));
        stale.ShouldBeNull();
        (accepted!.Outcome, accepted.Attempt, accepted.ResponseCode, accepted.At).ShouldBe((WebhookLogEntry.Succeeded, 3, (int?)204, start + Duration.FromMinutes(3)));
        scene.Queue.IsEmpty.ShouldBeTrue();

        (await scene.LogAsync(endpoint.Endpoint.Id)).Select(e => (e.Attempt, e.Outcome)).ShouldBe([(3, WebhookLogEntry.Succeeded), (2, WebhookLogEntry.Failed), (1, WebhookLogEntry.Failed)]);
        scene.Receiver.Received.Count.ShouldBe(3);
        scene.Receiver.Received.Select(r => r.Headers["webhook-id"]).Distinct().ShouldHaveSingleItem();
        scene.Receiver.Received.Select(r => r.Body).Distinct().ShouldHaveSingleItem();
        scene.Receiver.Received.ShouldAllBe(r => StandardWebhookVerifier.Verify(endpoint.Secret, r, DateTimeOffset.FromUnixTimeSeconds(long.Parse(r.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture))));
        (await scene.Deliveries.FindAsync(endpoint.Endpoint.Id, accepted.DeliveryId!, default))!.Status.ShouldBe(WebhookDeliveryStatus.Succeeded);
        (await scene.Endpoints.FindAsync(endpoint.Endpoint.Id, default))!.FailingSince.ShouldBeNull();
    }

    [Fact]
    public async Task Deliver_FailsWithTheDefaultJitter_RetriedAfterTheDeliverysOwnSpreadOfTheFirstDelay()
    {
        await using var scene = await WebhookScene.StartAsync(azurite, jitter: true);
        await scene.RegisterAsync(DomainEvent.InvoiceFinalized);
        scene.Receiver.Script(Reply.Fail);
        var start = scene.Clock.GetCurrentInstant();
        await scene.FanOut.FanOutAsync(WebhookScene.Finalized("acme-20261101", start), default);

        var failed = await scene.DeliverNextAsync();
        var retry = scene.Queue.All.ShouldHaveSingleItem();

        retry.Delay.ShouldBe(WebhookRetrySchedule.Default.DelayAfter(1, failed!.DeliveryId!)!.Value);
        retry.Delay.ShouldBeInRange(Duration.FromSeconds(54), Duration.FromSeconds(66));
        failed.NextAttemptAt.ShouldBe(start + retry.Delay);
    }

    [Fact]
    public async Task Deliver_EveryAttemptFails_RetriesForMoreThanThreeDaysThenGivesUp()
    {
        await using var scene = await WebhookScene.StartAsync(azurite);
        var endpoint = await scene.RegisterAsync(DomainEvent.InvoiceFinalized);
        scene.Receiver.Script([.. Enumerable.Repeat(Reply.Fail, 20)]);
        var start = scene.Clock.GetCurrentInstant();
        await scene.FanOut.FanOutAsync(WebhookScene.Finalized("acme-20261101", start), default);

        var attempts = new List<WebhookLogEntry>();
        while (!scene.Queue.IsEmpty)
        {
            attempts.Add((await scene.DeliverNextAsync())!);
        }

        attempts.Count.ShouldBe(WebhookRetrySchedule.Default.MaxAttempts);
        attempts.ShouldAllBe(a => a.Outcome == WebhookLogEntry.Failed && a.ResponseCode == 500);
        attempts[^1].NextAttemptAt.ShouldBeNull();
        (attempts[^1].At - start).ShouldBeGreaterThanOrEqualTo(Duration.FromDays(3));
        (attempts[^1].At - start).ShouldBe(WebhookRetrySchedule.Default.Span);
        (await scene.Deliveries.FindAsync(endpoint.Endpoint.Id, attempts[0].DeliveryId!, default))!.Status.ShouldBe(WebhookDeliveryStatus.Exhausted);
        (await scene.Endpoints.FindAsync(endpoint.Endpoint.Id, default))!.ShouldSatisfyAllConditions(
            e => e.Enabled.ShouldBeTrue(),
            e => e.FailingSince.ShouldBe(start));
        scene.Receiver.Received.Count.ShouldBe(WebhookRetrySchedule.Default.MaxAttempts);
    }

    [Fact]
    public async Task Deliver_ReceiverRedirects_IsAFailedAttemptAndTheRedirectIsNotFollowed()
    {
        await using var scene = await WebhookScene.StartAsync(azurite);
        await scene.RegisterAsync(DomainEvent.InvoiceFinalized);
        scene.Receiver.Script(Reply.Redirect);
        await scene.FanOut.FanOutAsync(WebhookScene.Finalized("acme-20261101", scene.Clock.GetCurrentInstant()), default);

        var entry = await scene.DeliverNextAsync();

        (entry!.Outcome, entry.ResponseCode, entry.Detail).ShouldBe((WebhookLogEntry.Failed, (int?)307, "HTTP 307"));
        scene.Receiver.Received.ShouldHaveSingleItem().Path.ShouldBe("/hook");
    }
}
