using NodaTime;
using ServerlessBilling.Events;
using ServerlessBilling.WebhooksOut;
using Reply = ServerlessBilling.IntegrationTests.WebhooksOut.WebhookReceiver.Reply;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>An endpoint failing for days is disabled with an event and a notice, and a redelivery after re-enabling it
/// reaches it; a rotated secret keeps the old one signing through the grace period and not after.</summary>
[Collection(AzuriteCollection.Name)]
public class WebhookEndpointLifecycleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Deliver_FailingForTheDisableSetting_DisablesWithAnEventAndANotice_RedeliverAfterEnablingSucceeds()
    {
        await using var scene = await WebhookScene.StartAsync(azurite, WebhookDeliveryOptions.Default with { AllowPrivateTargets = true, DisableAfter = Duration.FromDays(1) });
        var endpoint = (await scene.RegisterAsync(DomainEvent.InvoiceFinalized)).Endpoint;
        scene.Receiver.Script(Reply.Fail, Reply.Fail);
        var start = scene.Clock.GetCurrentInstant();
        await scene.FanOut.FanOutAsync(WebhookScene.Finalized("acme-20261101", start), default);
        var first = await scene.DeliverNextAsync();
        var firstRetry = scene.Queue.Take();

        scene.Clock.Advance(Duration.FromHours(25));
        await scene.FanOut.FanOutAsync(WebhookScene.Finalized("acme-20261201", scene.Clock.GetCurrentInstant()), default);
        var second = await scene.DeliverNextAsync();
        var abandoned = await scene.Deliverer.DeliverAsync(firstRetry.Attempt, default);
        var abandonedToo = await scene.Deliverer.DeliverAsync(scene.Queue.Take().Attempt, default);

        var disabled = (await scene.Endpoints.FindAsync(endpoint.Id, default))!;
        (disabled.Enabled, disabled.DisabledAt, disabled.FailingSince).ShouldBe((false, (Instant?)second!.At, (Instant?)start));
        var announced = (await scene.Outbox.ListPendingAsync(10, default)).ShouldHaveSingleItem();
        (announced.Type, announced.Subject, announced.OccurredAt).ShouldBe((WebhookDeliverer.EndpointDisabled, endpoint.Id, second.At));
        announced.Data.GetProperty("endpointId").GetString().ShouldBe(endpoint.Id);
        var log = await scene.LogAsync(endpoint.Id);
        log.Select(e => e.Outcome).ShouldBe([WebhookLogEntry.Notice, WebhookLogEntry.Failed, WebhookLogEntry.Failed]);
        log[0].Detail.ShouldStartWith("Endpoint disabled: Every delivery failed for 1 days");
        abandoned.ShouldBeNull();
        abandonedToo.ShouldBeNull();
        (await scene.Deliveries.FindAsync(endpoint.Id, first!.DeliveryId!, default))!.Status.ShouldBe(WebhookDeliveryStatus.Abandoned);
        scene.Receiver.Received.Count.ShouldBe(2);

        // Disabled, a redelivery is refused; enabled again, it reaches the endpoint once, by hand, and nothing more is queued.
        (await scene.Deliverer.RedeliverAsync(endpoint.Id, first.DeliveryId!, default)).Problem!.Kind.ShouldBe(ProblemKind.Conflict);
        (await scene.Registry.UpdateAsync(endpoint.Id, new WebhookEndpointChange(null, null, null, Enabled: true), default)).Value
            .ShouldSatisfyAllConditions(e => e.Enabled.ShouldBeTrue(), e => e.DisabledAt.ShouldBeNull(), e => e.FailingSince.ShouldBeNull());
        var redelivered = (await scene.Deliverer.RedeliverAsync(endpoint.Id, first.DeliveryId!, default)).Value;

        (redelivered.Outcome, redelivered.Attempt, redelivered.Manual, redelivered.ResponseCode).ShouldBe((WebhookLogEntry.Succeeded, 2, true, (int?)204));
        scene.Receiver.Received.Count.ShouldBe(3);
        scene.Receiver.Received[2].Headers["webhook-id"].ShouldBe(scene.Receiver.Received[0].Headers["webhook-id"]);
        scene.Queue.IsEmpty.ShouldBeTrue();
        (await scene.Deliveries.FindAsync(endpoint.Id, first.DeliveryId!, default))!.Status.ShouldBe(WebhookDeliveryStatus.Succeeded);
    }

    [Fact]
    public async Task RotateSecret_DuringTheGracePeriod_BothSecretsVerify_AfterItOnlyTheNewOne()
    {
        await using var scene = await WebhookScene.StartAsync(azurite);
        var created = await scene.RegisterAsync(DomainEvent.InvoiceFinalized);
        await scene.FanOut.FanOutAsync(WebhookScene.Finalized("acme-20261101", scene.Clock.GetCurrentInstant()), default);
        var delivery = (await scene.DeliverNextAsync())!.DeliveryId!;

        var rotated = (await scene.Registry.RotateSecretAsync(created.Endpoint.Id, default)).Value;
        await scene.Deliverer.RedeliverAsync(created.Endpoint.Id, delivery, default);
        scene.Clock.Advance(scene.Options.RotationGrace);
        await scene.Deliverer.RedeliverAsync(created.Endpoint.Id, delivery, default);

        rotated.Secret.ShouldStartWith("whsec_");
        rotated.Secret.ShouldNotBe(created.Secret);
        Convert.FromBase64String(rotated.Secret["whsec_".Length..]).Length.ShouldBe(32);
        rotated.PreviousSecretExpiresAt.ShouldBe(rotated.Endpoint.SecretRotatedAt + scene.Options.RotationGrace);
        var (before, during, after) = (scene.Receiver.Received[0], scene.Receiver.Received[1], scene.Receiver.Received[2]);
        before.Headers["webhook-signature"].Split(' ').Length.ShouldBe(1);
        during.Headers["webhook-signature"].Split(' ').Length.ShouldBe(2);
        after.Headers["webhook-signature"].Split(' ').Length.ShouldBe(1);
        StandardWebhookVerifier.Verify(created.Secret, during, scene.Now - scene.Options.RotationGrace.ToTimeSpan()).ShouldBeTrue();
        StandardWebhookVerifier.Verify(rotated.Secret, during, scene.Now - scene.Options.RotationGrace.ToTimeSpan()).ShouldBeTrue();
        StandardWebhookVerifier.Verify(created.Secret, after, scene.Now).ShouldBeFalse();
        StandardWebhookVerifier.Verify(rotated.Secret, after, scene.Now).ShouldBeTrue();
    }
}
