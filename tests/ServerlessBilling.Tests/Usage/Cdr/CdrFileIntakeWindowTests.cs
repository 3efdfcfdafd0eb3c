using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

/// <summary>How a file's lines are grouped by account into rating messages, and that the grouping keeps every line counted once.</summary>
public class CdrFileIntakeWindowTests
{
    private readonly InMemoryCdrPorts ports = new();

    [Fact]
    public async Task IngestAsync_OneNumbersLines_GoInMessagesOfAtMostLinesPerMessage()
    {
        ports.Drop("asterisk/Master.csv", CdrFileIntakeTests.AsteriskFile(130, numbers: 1)); // 112 events: 18 lines are broken

        var manifest = (await ports.Intake(linesPerMessage: 20).IngestAsync("asterisk/Master.csv", default))!;

        manifest.Queued.ShouldBe(112);
        ports.Batches.Select(b => b.Count).ShouldBe([20, 20, 20, 20, 20, 12]);
        ports.BatchLines.Select(b => b!.Part).ShouldBe([0, 1, 2, 3, 4, 5]);
        ports.Batches.SelectMany(b => b).Select(e => e.EventId).ShouldBeUnique();
        ports.Ledger.Count.ShouldBe(112);
    }

    [Fact]
    public async Task IngestAsync_ManyNumbers_EachMessageHoldsOneNumbersLinesInFileOrder()
    {
        ports.Drop("asterisk/Master.csv", CdrFileIntakeTests.AsteriskFile(3_000, numbers: 7)); // every seventh line is broken: 6 numbers bill

        await ports.Intake().IngestAsync("asterisk/Master.csv", default);

        ports.Batches.ShouldAllBe(b => b.Select(e => e.From).Distinct().Count() == 1);
        ports.Batches.ShouldAllBe(b => b.Count <= CdrFileIntake.DefaultLinesPerMessage);
        ports.Batches.Select(b => b[0].From).Distinct().Count().ShouldBe(6);
        ports.Batches.SelectMany(b => b).Count().ShouldBe(3_000 - 428);
        foreach (var message in ports.Batches)
        {
            var lines = message.Select(e => int.Parse(e.EventId.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            lines.ShouldBe(lines.Order().ToList()); // a number's calls keep the file's order
        }
    }

    [Fact]
    public async Task IngestAsync_SameFileReadTwice_CutsTheSameMessages()
    {
        var text = CdrFileIntakeTests.AsteriskFile(12_000, numbers: 300);
        ports.Drop("asterisk/a.csv", text);
        ports.Drop("asterisk/b.csv", text);

        await ports.Intake().IngestAsync("asterisk/a.csv", default);
        var first = ports.BatchLines.Zip(ports.Batches).Select(m => $"{m.First!.Key}: {string.Join(",", m.Second.Select(e => e.EventId))}").ToList();
        await ports.Intake().IngestAsync("asterisk/b.csv", default);

        ports.BatchLines.Zip(ports.Batches).Skip(first.Count).Select(m => $"{m.First!.Key}: {string.Join(",", m.Second.Select(e => e.EventId))}").ShouldBe(first);
        first.Count.ShouldBe(300 + 300); // a message per number in each window: about 29 events in the first, 6 in the second
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void Intake_LinesPerMessageOutOfRange_Throws(int linesPerMessage) =>
        Should.Throw<ArgumentOutOfRangeException>(() => ports.Intake(linesPerMessage: linesPerMessage)).ParamName.ShouldBe("linesPerMessage");
}
