using ServerlessBilling.Usage;

namespace ServerlessBilling.ResellerConsole;

/// <summary>One source's held records as the console lists them, each with its own replay: the records whose reference contains the
/// text searched for (a call id, a file name), in the quarantine's order, at most <see cref="ConsoleDashboard.HeldRecordsShown"/>.</summary>
/// <param name="Source">The feed the records came from.</param>
/// <param name="Find">The text searched for; null lists the source's first records.</param>
/// <param name="Shown">The records listed.</param>
/// <param name="Matching">How many records match, listed or not: more than <see cref="Shown"/> means the search should be narrowed.</param>
public sealed record HeldRecords(string Source, string? Find, IReadOnlyList<QuarantinedRecord> Shown, int Matching);
