using NodaTime;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.PortContracts;

/// <summary>Each event gets one sequence number, never shared; a delivery is stored once; an endpoint's log reads newest first,
/// a notice before the attempt that caused it, and only its own lines.</summary>
public abstract class WebhookDeliveriesContract : PortContract<IWebhookDeliveries>
{
    private static WebhookDelivery Delivery(string endpointId, string id, string body = "{}") =>
        new(id, endpointId, "invoice.finalized:acme-1", "invoice.finalized", 1, "msg_1", body, Samples.Noon);

    private static WebhookLogEntry Attempt(string endpointId, int attempt, Instant at) =>
        new(endpointId, at, "dlv_1", "invoice.finalized:acme-1", "invoice.finalized", attempt, WebhookLogEntry.Failed, 500, 12, "HTTP 500", at + Duration.FromMinutes(1));

    [Fact]
    public async Task AssignSequenceAsync_SameEventAgain_SameNumber_AnotherEventTheNext()
    {
        var first = await Port.AssignSequenceAsync("invoice.finalized:a", default);
        var again = await Port.AssignSequenceAsync("invoice.finalized:a", default);
        var second = await Port.AssignSequenceAsync("invoice.finalized:b", default);

        (first, again, second).ShouldBe((1L, 1L, 2L));
    }

    [Fact]
    public async Task AssignSequenceAsync_ConcurrentEvents_DistinctNumbers_ConcurrentRepeats_OneNumber()
    {
        var numbers = await AllAtOnceAsync(6, i => Port.AssignSequenceAsync($"invoice.finalized:{i}", default));
        var repeats = await AllAtOnceAsync(6, _ => Port.AssignSequenceAsync("invoice.finalized:same", default));

        numbers.Order().ShouldBe([1L, 2L, 3L, 4L, 5L, 6L]);
        repeats.Distinct().ShouldHaveSingleItem().ShouldBe(7L);
    }

    [Fact]
    public async Task AddAsync_SameIdAgain_KeepsAndReturnsTheFirst()
    {
        var first = await Port.AddAsync(Delivery("we_a", "dlv_1", """{"n":1}"""), default);

        var again = await Port.AddAsync(Delivery("we_a", "dlv_1", """{"n":2}"""), default);

        again.Body.ShouldBe("""{"n":1}""");
        first.Body.ShouldBe("""{"n":1}""");
        (await Port.FindAsync("we_a", "dlv_1", default))!.Body.ShouldBe("""{"n":1}""");
        (await Port.FindAsync("we_b", "dlv_1", default)).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_ReplacesTheState()
    {
        await Port.AddAsync(Delivery("we_a", "dlv_1"), default);
        var attempted = Delivery("we_a", "dlv_1") with { Status = WebhookDeliveryStatus.Exhausted, Attempts = 14, LastResponseCode = 500, LastError = "HTTP 500" };

        await Port.SetAsync(attempted, default);

        (await Port.FindAsync("we_a", "dlv_1", default)).ShouldBe(attempted);
    }

    [Fact]
    public async Task ListLogPageAsync_NewestFirst_NoticeFirstAtItsInstant_OnlyTheEndpointsLines()
    {
        await Port.AppendLogAsync(Attempt("we_a", 1, Samples.Noon), default);
        await Port.AppendLogAsync(Attempt("we_a", 3, Samples.Noon + Duration.FromMinutes(3)), default);
        await Port.AppendLogAsync(Attempt("we_a", 2, Samples.Noon + Duration.FromMinutes(1)), default);
        await Port.AppendLogAsync(new WebhookLogEntry("we_a", Samples.Noon + Duration.FromMinutes(3), null, null, null, 0, WebhookLogEntry.Notice, null, null, "Endpoint disabled", null), default);
        await Port.AppendLogAsync(Attempt("we_b", 1, Samples.Noon + Duration.FromMinutes(9)), default);

        var pages = await Pages.AllAsync(2, page => Port.ListLogPageAsync("we_a", page, default));

        pages.SelectMany(p => p.Items).Select(e => (e.Outcome, e.Attempt)).ShouldBe(
            [(WebhookLogEntry.Notice, 0), (WebhookLogEntry.Failed, 3), (WebhookLogEntry.Failed, 2), (WebhookLogEntry.Failed, 1)]);
        pages.SelectMany(p => p.Items).First(e => e.Attempt == 2).ShouldBe(Attempt("we_a", 2, Samples.Noon + Duration.FromMinutes(1)));
    }
}
