using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.Telemetry;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>Outbound webhook endpoints in the health details, the health verb and the endpoints gauge; every attempt counted by outcome.</summary>
public partial class TelemetryTests
{
    [Fact]
    public async Task Health_NamesFailingAndServiceDisabledWebhookEndpoints_AndTheGaugeCountsThemByState()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var failing = await AddEndpointAsync(e => e with { FailingSince = now - Duration.FromHours(2) });
        var disabled = await AddEndpointAsync(e => e with { Enabled = false, FailingSince = now - Duration.FromDays(3), DisabledAt = now, DisabledReason = "Every delivery failed for 3 days" });
        var switchedOff = await AddEndpointAsync(e => e with { Enabled = false });
        var working = await AddEndpointAsync(e => e);
        using var measured = new MeasuredMetrics(host.Host.Services.GetRequiredService<BillingMetrics>().Meter);

        var report = await host.Api.GetHealthAsync(CancellationToken.None);
        measured.Observe();

        report.FailingWebhookEndpoints.ShouldNotBeNull().ShouldContain(failing);
        report.DisabledWebhookEndpoints.ShouldNotBeNull().ShouldContain(disabled);
        string[] fine = [switchedOff, working];
        report.FailingWebhookEndpoints.Concat(report.DisabledWebhookEndpoints).Intersect(fine).ShouldBeEmpty();
        report.FailingWebhookEndpoints.ShouldNotContain(disabled);
        // The gauge reads the sample the health request took, endpoint for endpoint.
        measured.Sum(TelemetryNames.WebhookEndpoints, ("state", "failing")).ShouldBe(report.FailingWebhookEndpoints.Count);
        measured.Sum(TelemetryNames.WebhookEndpoints, ("state", "disabled")).ShouldBe(report.DisabledWebhookEndpoints.Count);
        measured.Count(TelemetryNames.WebhookEndpoints).ShouldBe(2);
    }

    [Fact]
    public async Task HealthVerb_NamesTheFailingWebhookEndpoints()
    {
        var failing = await AddEndpointAsync(e => e with { FailingSince = SystemClock.Instance.GetCurrentInstant() });
        using var output = new StringWriter();

        await HealthCommand.RunAsync(host.Api, output, CancellationToken.None);

        var line = output.ToString().Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("Webhooks out:", StringComparison.Ordinal));
        line.ShouldMatch(@"^Webhooks out: +\d+ failing \(.*\), (none disabled|\d+ disabled \(.*\))$");
        line.ShouldContain(failing);
    }

    [Fact]
    public async Task WebhookAttempts_AreCountedByOutcome_DeliveredFailedAndTimedOut()
    {
        await using var receiver = await LoopbackTestServer.StartAsync(app =>
        {
            app.MapPost("/ok", () => Results.NoContent());
            app.MapPost("/down", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
            app.MapPost("/silent", (HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted));
        });
        // Counted on a meter of their own, so no delivery of the shared host counts in; the host sends through the same decorator.
        host.Host.Services.GetRequiredService<IWebhookSender>().ShouldBeOfType<MeteredWebhookSender>();
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new BillingMetrics(meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        using var measured = new MeasuredMetrics(metrics.Meter);
        // A generous limit where the receiver answers (a loaded machine is slow to the first answer), a short one where it never does.
        using var patient = new HttpWebhookSender(new WebhooksOutSettings { TimeoutSeconds = 120, AllowPrivateTargets = true });
        using var hasty = new HttpWebhookSender(new WebhooksOutSettings { TimeoutSeconds = 1, AllowPrivateTargets = true });
        var sender = new MeteredWebhookSender(patient, metrics);

        var delivered = await sender.SendAsync(new Uri(receiver.BaseAddress, "ok"), [], "{}", CancellationToken.None);
        var failed = await sender.SendAsync(new Uri(receiver.BaseAddress, "down"), [], "{}", CancellationToken.None);
        await sender.SendAsync(new Uri(receiver.BaseAddress, "down"), [], "{}", CancellationToken.None);
        var timedOut = await new MeteredWebhookSender(hasty, metrics).SendAsync(new Uri(receiver.BaseAddress, "silent"), [], "{}", CancellationToken.None);

        (delivered.Succeeded, failed.StatusCode, failed.TimedOut, timedOut.StatusCode, timedOut.TimedOut).ShouldBe((true, 503, false, null, true));
        measured.Sum(TelemetryNames.WebhookAttempts, ("outcome", "delivered")).ShouldBe(1);
        measured.Sum(TelemetryNames.WebhookAttempts, ("outcome", "failed")).ShouldBe(2);
        measured.Sum(TelemetryNames.WebhookAttempts, ("outcome", "timed_out")).ShouldBe(1);
        measured.Count(TelemetryNames.WebhookAttempts).ShouldBe(4);
    }

    private async Task<string> AddEndpointAsync(Func<WebhookEndpoint, WebhookEndpoint> state)
    {
        var id = "we_" + Guid.NewGuid().ToString("N")[..20];
        // An event type no other test publishes: an endpoint on every type would be sent every event the suite's hosts publish.
        var endpoint = new WebhookEndpoint(
            id, "https://hooks.example/billing", [$"test.e{Guid.NewGuid():N}"], "health test", true, SystemClock.Instance.GetCurrentInstant());
        await host.Host.Services.GetRequiredService<IWebhookEndpoints>().AddAsync(state(endpoint), new WebhookSecrets("whsec_" + Guid.NewGuid().ToString("N")), CancellationToken.None);
        return id;
    }
}
