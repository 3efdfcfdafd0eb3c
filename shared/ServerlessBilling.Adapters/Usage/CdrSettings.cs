using ServerlessBilling.Hosting;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Usage;

/// <summary>Section <c>Cdr</c>: how a dropped CDR file's lines are cut into rating messages.</summary>
public sealed class CdrSettings : ISettingsSection
{
    public static string Section => "Cdr";

    /// <summary>The most lines of one account one rating message carries (default 50, 1 to 200).</summary>
    /// <remarks>The intake groups each read window's lines by the account they name (<see cref="CdrFileIntake"/>), so rating writes a
    /// message's usage rows in one entity group transaction and checks each closed period once; more lines a message means fewer queue
    /// operations and transactions per line, and a longer retry when a message fails (its lines are rated again, billed once).</remarks>
    public int? MessagesPerWindow { get; set; }

    /// <summary>Save each read window's events to <c>cdr-windows</c> and queue one message naming them (default true); false carries
    /// the events in messages of up to <see cref="MessagesPerWindow"/> lines of one account.</summary>
    /// <remarks>A window's 10,000 claims then batch into about 112 transactions over the 16 identity buckets and its usage rows into one
    /// per account period, where 50-line messages pay about 13 claim transactions each (see docs/performance.md).</remarks>
    public bool? SaveWindows { get; set; }

    public bool OneMessagePerWindow => SaveWindows ?? true;

    public IEnumerable<string> Problems() =>
        MessagesPerWindow is < 1 or > CdrFileIntake.MaxLinesPerMessage ? [$"{Section}:MessagesPerWindow: must be between 1 and {CdrFileIntake.MaxLinesPerMessage}."] : [];

    public int LinesPerMessage => MessagesPerWindow ?? CdrFileIntake.DefaultLinesPerMessage;
}
