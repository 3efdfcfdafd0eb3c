using ServerlessBilling.Paging;

namespace ServerlessBilling.Tests;

/// <summary>Pages over an in-memory list the way Table storage hands them out: in key order, the continuation token being
/// the key of the last item returned, so items added or removed meanwhile do not shift a page.</summary>
public static class InMemoryPages
{
    /// <param name="items">Every item of the list, in any order.</param>
    /// <param name="key">The item's key; the list is in ordinal order of it.</param>
    public static ListPage<T> Of<T>(IEnumerable<T> items, Func<T, string> key, PageRequest page)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(page.Limit);
        var after = items.Select(i => (Key: key(i), Item: i))
            .Where(i => page.ContinuationToken is null || string.CompareOrdinal(i.Key, page.ContinuationToken) > 0)
            .OrderBy(i => i.Key, StringComparer.Ordinal).Take(page.Limit + 1).ToList();
        var taken = after.Take(page.Limit).ToList();
        return new ListPage<T>([.. taken.Select(i => i.Item)], after.Count > page.Limit ? taken[^1].Key : null);
    }

    public static Task<ListPage<T>> OfAsync<T>(IEnumerable<T> items, Func<T, string> key, PageRequest page) => Task.FromResult(Of(items, key, page));
}
