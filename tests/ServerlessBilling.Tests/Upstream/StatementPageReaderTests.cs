using System.Text;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Upstream;

public class StatementPageReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(100)]
    public async Task ReadAsync_PageByPageFromEachOffset_ReadsEveryLineOnceAsOnePageDoes(int pageSize)
    {
        var file = File.ReadAllBytes(UpstreamSamples.Path("twilio-call-records-2026-11.csv"));

        var lines = await ReadAllAsync(file, StatementFormat.TwilioCalls, pageSize);

        lines.Select(l => (l.Number, l.Row!.VendorCallId)).ShouldBe(Enumerable.Range(2, 6).Select(n => ((long)n, $"CA{n + 9:D32}")));
        lines[1].Row!.Charge.ShouldBe(new Money(0.00935m, "USD"));
        lines[5].Row!.Connected.ShouldBeFalse();
    }

    [Fact]
    public async Task ReadAsync_ByteOrderMarkCrLfBlankLinesAndNoFinalNewline_AreRead()
    {
        var text = "\uFEFFcall_id,call_status,start_timestamp,total_duration_seconds,combined_cost\r\n\r\nc1,ended,1793714400000,90,11.4\r\nc2,error,1793714400000,0,0\r\nc3,ended,x,1,1";
        var file = Encoding.UTF8.GetBytes(text);

        var lines = await ReadAllAsync(file, StatementFormat.RetellCalls, 2);

        lines.Select(l => (l.Number, l.Row?.EventId, l.Problem?.Field)).ShouldBe([(3L, "retell-c1", null), (4L, "retell-c2", null), (5L, null, "start_timestamp")]);
        lines[0].Row!.Charge.ShouldBe(new Money(0.114m, "USD"));
    }

    [Fact]
    public async Task ReadAsync_RetellCallObjectPathsAsHeaders_ReadTheCombinedCostAsCoveringTheAiEngineAndRetellsTelephony()
    {
        var file = Encoding.UTF8.GetBytes("call_id,call_status,start_timestamp,call_cost.total_duration_seconds,call_cost.combined_cost\nc1,ended,1793714400000,60,9.1\n");

        var row = (await ReadAllAsync(file, StatementFormat.RetellCalls, 2)).ShouldHaveSingleItem().Row.ShouldNotBeNull();

        (row.DurationSeconds, row.Charge, row.Identity).ShouldBe((60, new Money(0.091m, "USD"), new EventIdentity("retell-c1", UsageComponent.AiVoice)));
        row.OtherIdentities.ShouldBe([new EventIdentity("retell-c1", UsageComponent.Telephony)]);
    }

    [Fact]
    public async Task ReadAsync_TwilioAccountSidColumn_IsTheRowsVendorAccount_AndAbsentWithoutIt()
    {
        var file = Encoding.UTF8.GetBytes(
            "Call Sid,Account Sid,Status,Start Time,Duration,Price,Price Unit\nCA1,AC0001,completed,2026-11-03T14:05:00Z,60,-0.0085,USD\nCA2,,completed,2026-11-03T14:05:00Z,60,-0.0085,USD\n");

        var rows = (await ReadAllAsync(file, StatementFormat.TwilioCalls, 10)).Select(l => l.Row.ShouldNotBeNull()).ToList();

        rows.Select(r => (r.VendorCallId, r.VendorAccount)).ShouldBe([("CA1", "AC0001"), ("CA2", (string?)null)]);
    }

    private static async Task<List<StatementLine>> ReadAllAsync(byte[] file, string format, int pageSize)
    {
        var all = new List<StatementLine>();
        StatementCursor? cursor = StatementCursor.Start;
        while (cursor is not null)
        {
            using var stream = new MemoryStream(file, (int)cursor.Offset, file.Length - (int)cursor.Offset);
            (var page, cursor) = await StatementPageReader.ReadAsync(stream, format, cursor, pageSize, default);
            page.Count.ShouldBeLessThanOrEqualTo(pageSize);
            all.AddRange(page);
        }

        return all;
    }
}
