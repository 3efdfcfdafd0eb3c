namespace ServerlessBilling.Paging;

/// <summary>Which page of a list to read: from the start (no continuation token) or from where an earlier page ended.</summary>
/// <param name="ContinuationToken">The storage's token from the page before, as <see cref="ListPage{T}.ContinuationToken"/> gave it.</param>
/// <param name="Limit">At most this many items, from 1 to <see cref="MaxLimit"/>.</param>
public readonly record struct PageRequest(string? ContinuationToken, int Limit)
{
    /// <summary>What a client gets when it names no limit.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most a client may ask for in one page: a Table page holds at most 1,000 rows, and a page of
    /// documents (invoices with their lines) should stay a few megabytes at most.</summary>
    public const int MaxLimit = 500;

    /// <summary>The first page, <paramref name="limit"/> items at most.</summary>
    public static PageRequest First(int limit = DefaultLimit) => new(null, limit);
}
