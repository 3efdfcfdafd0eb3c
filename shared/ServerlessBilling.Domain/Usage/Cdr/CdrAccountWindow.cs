namespace ServerlessBilling.Usage.Cdr;

/// <summary>One read window of a CDR file, its events grouped by the account they name, handed out in parts of up to
/// <paramref name="linesPerMessage"/> events of one account.</summary>
/// <remarks>Only the lines decide the parts and their order (a group is handed out the moment it is full; the rest in the order each
/// account first appeared), so a window read again after a crash is cut into the same parts.</remarks>
internal sealed class CdrAccountWindow(int linesPerMessage)
{
    private readonly Dictionary<string, Group> groups = new(StringComparer.Ordinal);
    private readonly List<Group> inOrder = [];
    private int parts;

    /// <summary>Events added since the window began.</summary>
    public long Events { get; private set; }

    /// <returns>The account's part when this event filled it; otherwise null.</returns>
    public CdrWindowPart? Add(UsageEvent usage, long lineNumber)
    {
        Events++;
        var key = AccountKey(usage);
        if (!groups.TryGetValue(key, out var group))
        {
            group = groups[key] = new Group();
            inOrder.Add(group);
        }

        group.Events.Add(usage);
        group.LastLine = lineNumber;
        return group.Events.Count == linesPerMessage ? group.Take(parts++) : null;
    }

    /// <summary>The parts not handed out yet, in the order their accounts first appeared in the window.</summary>
    public IEnumerable<CdrWindowPart> Rest()
    {
        foreach (var group in inOrder.Where(g => g.Events.Count > 0))
        {
            yield return group.Take(parts++);
        }
    }

    /// <summary>Starts the next window.</summary>
    public void Clear()
    {
        groups.Clear();
        inOrder.Clear();
        parts = 0;
        Events = 0;
    }

    /// <summary>The evidence rating attributes a call by, most specific first (<see cref="AccountAttribution"/>): calls with the same
    /// key bill to the same account; an account with several numbers or agents gets a group per number or agent.</summary>
    internal static string AccountKey(UsageEvent usage) =>
        usage.AccountId is { Length: > 0 } account ? $"account|{account}"
        : usage.AgentId is { Length: > 0 } agent ? $"agent|{usage.Source}|{agent}"
        : $"number|{usage.CustomerNumber}";

    private sealed class Group
    {
        public List<UsageEvent> Events { get; private set; } = [];

        public long LastLine { get; set; }

        public CdrWindowPart Take(int part)
        {
            var taken = new CdrWindowPart(Events, part, LastLine);
            Events = [];
            return taken;
        }
    }
}

/// <summary>One rating message's worth of a window: events of one account, the part's number in the window and its last line.</summary>
internal sealed record CdrWindowPart(IReadOnlyList<UsageEvent> Events, int Part, long LastLine);
