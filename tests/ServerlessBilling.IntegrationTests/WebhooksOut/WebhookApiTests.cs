using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Events;
using ServerlessBilling.IntegrationTests.Api;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>Through the local host on Azurite: endpoints are registered, read without their secret, changed, listed with cursors
/// and rotated over HTTP; an event published by the outbox relay is delivered by the host's queue listener, logged, and
/// redelivered on request.</summary>
[Collection(AzuriteCollection.Name)]
public class WebhookApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string Endpoints = "api/webhooks-out/endpoints";

    [Fact]
    public async Task Endpoints_RegisterReadChangeListAndRotate_SecretShownOnlyWhenIssued()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var type = $"test.e{Guid.NewGuid():N}";

        var (createdStatus, _, createdBody) = await ManagementRoutes.SendAsync(host, "POST", Endpoints, Json(new { url = receiver.Url, eventTypes = new[] { type }, description = "CRM" }));
        var second = Parse((await ManagementRoutes.SendAsync(host, "POST", Endpoints, Json(new { url = receiver.Url, eventTypes = new[] { "*" } }))).Body);
        var created = Parse(createdBody);
        var id = created.GetProperty("endpoint").GetProperty("id").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;
        var (readStatus, _, readBody) = await ManagementRoutes.SendAsync(host, "GET", $"{Endpoints}/{id}", null);
        var (changedStatus, _, changedBody) = await ManagementRoutes.SendAsync(host, "PATCH", $"{Endpoints}/{id}", """{"enabled":false,"description":"paused"}""");
        var listed = await ReadAllAsync($"{Endpoints}?limit=2");
        var (rotatedStatus, _, rotatedBody) = await ManagementRoutes.SendAsync(host, "POST", $"{Endpoints}/{id}/rotate-secret", null);

        createdStatus.ShouldBe(HttpStatusCode.Created);
        id.ShouldStartWith("we_");
        secret.ShouldStartWith("whsec_");
        created.GetProperty("endpoint").GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()).ShouldBe([type]);
        created.GetProperty("endpoint").GetProperty("enabled").GetBoolean().ShouldBeTrue();
        readStatus.ShouldBe(HttpStatusCode.OK);
        readBody.ShouldNotContain(secret[6..]);
        readBody.ShouldNotContain("secret", Case.Insensitive);
        Parse(readBody).GetProperty("description").GetString().ShouldBe("CRM");
        changedStatus.ShouldBe(HttpStatusCode.OK);
        (Parse(changedBody).GetProperty("enabled").GetBoolean(), Parse(changedBody).GetProperty("description").GetString()).ShouldBe((false, "paused"));
        var ids = listed.SelectMany(p => p).Select(e => e.GetProperty("id").GetString()).ToList();
        ids.Count(i => i == id).ShouldBe(1);
        ids.Count(i => i == second.GetProperty("endpoint").GetProperty("id").GetString()).ShouldBe(1);
        listed.ShouldAllBe(page => page.Count <= 2);
        rotatedStatus.ShouldBe(HttpStatusCode.OK);
        var rotated = Parse(rotatedBody);
        rotated.GetProperty("secret").GetString().ShouldNotBe(secret);
        rotated.GetProperty("previousSecretExpiresAt").GetString().ShouldNotBeNull();
        // The endpoint on every type would otherwise be sent every later event of the shared host, its receiver gone.
        (await ManagementRoutes.SendAsync(host, "DELETE", $"{Endpoints}/{second.GetProperty("endpoint").GetProperty("id").GetString()}", null))
            .Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_RegisteredEndpoint_AnswersItThenItIsGoneAndASecondDeleteIs404()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = Parse((await ManagementRoutes.SendAsync(host, "POST", Endpoints, Json(new { url = receiver.Url, eventTypes = new[] { "*" }, description = "to delete" }))).Body);
        var id = created.GetProperty("endpoint").GetProperty("id").GetString()!;

        var (deletedStatus, _, deletedBody) = await ManagementRoutes.SendAsync(host, "DELETE", $"{Endpoints}/{id}", null);
        var read = await ManagementRoutes.SendAsync(host, "GET", $"{Endpoints}/{id}", null);
        var again = await ManagementRoutes.SendAsync(host, "DELETE", $"{Endpoints}/{id}", null);
        var listed = await ReadAllAsync($"{Endpoints}?limit=500");

        deletedStatus.ShouldBe(HttpStatusCode.OK);
        (Parse(deletedBody).GetProperty("id").GetString(), Parse(deletedBody).GetProperty("description").GetString()).ShouldBe((id, "to delete"));
        deletedBody.ShouldNotContain("secret", Case.Insensitive);
        read.Status.ShouldBe(HttpStatusCode.NotFound);
        again.Status.ShouldBe(HttpStatusCode.NotFound);
        listed.SelectMany(p => p).ShouldNotContain(e => e.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Register_BadUrlAndEventType_Is400NamingBoth()
    {
        var (status, problem, _) = await ManagementRoutes.SendAsync(host, "POST", Endpoints, """{"url":"ftp://example.com/x","eventTypes":["Invoice Finalized"]}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        ManagementRoutes.ErrorFields(problem!.Value).ShouldBe(["url", "eventTypes"], ignoreOrder: true);
    }

    [Fact]
    public async Task PublishedEvent_DeliveredByTheHostsQueueListener_LoggedAndRedeliveredOnRequest()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var type = $"test.e{Guid.NewGuid():N}";
        var created = Parse((await ManagementRoutes.SendAsync(host, "POST", Endpoints, Json(new { url = receiver.Url, eventTypes = new[] { type } }))).Body);
        var id = created.GetProperty("endpoint").GetProperty("id").GetString()!;
        var domainEvent = DomainEvent.Create(type, "one", SystemClock.Instance.GetCurrentInstant(), "acme", new { note = "hello" });
        await host.Host.Services.GetRequiredService<IOutbox>().AddAsync(domainEvent, default);

        await host.Host.Services.GetRequiredService<OutboxRelay>().PublishPendingAsync(default);
        var delivered = await WaitForAsync(() => receiver.Received.Count >= 1 ? receiver.Received[0] : null);
        var log = await WaitForAsync(async () => (await ReadAllAsync($"{Endpoints}/{id}/log")).SelectMany(p => p).ToList() is [var entry] ? entry : (JsonElement?)null);
        var deliveryId = log.GetProperty("deliveryId").GetString()!;
        var (redeliveredStatus, _, redeliveredBody) = await ManagementRoutes.SendAsync(host, "POST", $"{Endpoints}/{id}/deliveries/{deliveryId}/redeliver", null);

        StandardWebhookVerifier.Verify(created.GetProperty("secret").GetString()!, delivered, DateTimeOffset.UtcNow).ShouldBeTrue();
        Parse(delivered.Body).GetProperty("id").GetString().ShouldBe(domainEvent.Id);
        (log.GetProperty("outcome").GetString(), log.GetProperty("attempt").GetInt32(), log.GetProperty("responseCode").GetInt32()).ShouldBe(("succeeded", 1, 204));
        log.GetProperty("eventId").GetString().ShouldBe(domainEvent.Id);
        redeliveredStatus.ShouldBe(HttpStatusCode.OK);
        var redelivered = Parse(redeliveredBody);
        (redelivered.GetProperty("attempt").GetInt32(), redelivered.GetProperty("manual").GetBoolean(), redelivered.GetProperty("outcome").GetString()).ShouldBe((2, true, "succeeded"));
        receiver.Received.Count.ShouldBe(2);
        receiver.Received[1].Headers["webhook-id"].ShouldBe(delivered.Headers["webhook-id"]);
        (await ManagementRoutes.SendAsync(host, "POST", $"{Endpoints}/{id}/deliveries/dlv_unknown/redeliver", null)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, BillingJson.Options);

    private static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement.Clone();

    /// <summary>Polls until <paramref name="read"/> gives a value: the host's listener works on its own schedule.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> read)
        where T : struct
    {
        for (var i = 0; i < 600; i++)
        {
            if (await read() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The webhook did not arrive within a minute.");
    }

    private static Task<T> WaitForAsync<T>(Func<T?> read)
        where T : class =>
        WaitForClassAsync(() => Task.FromResult(read()));

    private static async Task<T> WaitForClassAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        for (var i = 0; i < 600; i++)
        {
            if (await read() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The webhook did not arrive within a minute.");
    }

    private async Task<IReadOnlyList<IReadOnlyList<JsonElement>>> ReadAllAsync(string path)
    {
        var pages = new List<IReadOnlyList<JsonElement>>();
        string? cursor = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            var (status, problem, body) = await ManagementRoutes.SendAsync(host, "GET", cursor is null ? path : $"{path}{separator}cursor={Uri.EscapeDataString(cursor)}", null);
            status.ShouldBe(HttpStatusCode.OK, problem?.ToString());
            var root = Parse(body);
            pages.Add([.. root.GetProperty("data").EnumerateArray()]);
            cursor = root.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        return pages;
    }
}
