namespace ServerlessBilling.Paging;

/// <summary>One page of a list and where the next page starts.</summary>
/// <typeparam name="T">What the list holds.</typeparam>
/// <param name="Items">At most the page request's limit, in the list's stable order.</param>
/// <param name="ContinuationToken">The storage's own token for the next page (opaque, never shown to a client as is: see
/// <see cref="ListCursor"/>); null after the last page.</param>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    /// <summary>An empty last page.</summary>
    public static ListPage<T> Empty { get; } = new([], null);

    /// <summary>True when the storage says the list goes on; the page after may still turn out empty (Table storage can end a scan on a page boundary).</summary>
    public bool HasMore => ContinuationToken is not null;

    /// <summary>The same page with each item turned into another.</summary>
    public ListPage<TResult> Map<TResult>(Func<T, TResult> map) => new([.. Items.Select(map)], ContinuationToken);
}
