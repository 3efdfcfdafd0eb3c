using ServerlessBilling.Usage;

namespace ServerlessBilling.PortContracts;

/// <summary>Quarantine keeps one record per source and reference and lists a source's records a page at a time in reference
/// order, raw content included however long it is.</summary>
public abstract class QuarantineContract : PortContract<IQuarantine>
{
    [Fact]
    public async Task ListPageAsync_FiveRecordsByTwo_ThreePagesInReferenceOrder()
    {
        var longRaw = new string('x', 40_000);
        foreach (var reference in new[] { "ref-3", "ref-1", "ref-5", "ref-2", "ref-4" })
        {
            await Port.PutAsync(Record("twilio", reference, reference == "ref-2" ? longRaw : "{}"), default);
        }

        await Port.PutAsync(Record("retell", "ref-0", "{}"), default);

        var pages = await Pages.AllAsync(2, page => Port.ListPageAsync("twilio", page, default));

        Pages.Sizes(pages).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p.Items).Select(r => r.Reference).ShouldBe(["ref-1", "ref-2", "ref-3", "ref-4", "ref-5"]);
        pages[0].Items[1].ShouldBe(Record("twilio", "ref-2", longRaw));
    }

    [Fact]
    public async Task ListPageAsync_AfterRemove_TheRecordIsGone()
    {
        await Port.PutAsync(Record("twilio", "ref-1", "{}"), default);
        await Port.PutAsync(Record("twilio", "ref-2", "{}"), default);
        await Port.RemoveAsync("twilio", "ref-1", default);

        var page = await Port.ListPageAsync("twilio", Paging.PageRequest.First(), default);

        page.Items.ShouldBe([Record("twilio", "ref-2", "{}")]);
        page.HasMore.ShouldBeFalse();
    }

    private static QuarantinedRecord Record(string source, string reference, string raw) =>
        new(source, reference, new RecordProblem("to", "no account holds the number"), raw, QuarantineKind.Problem);
}
