using ServerlessBilling.Paging;

namespace ServerlessBilling.PortContracts;

/// <summary>Reads a paged list to its end, as a client following <c>next_cursor</c> would.</summary>
public static class Pages
{
    /// <returns>Every page read, in order; the last one has no continuation token.</returns>
    public static async Task<IReadOnlyList<ListPage<T>>> AllAsync<T>(int limit, Func<PageRequest, Task<ListPage<T>>> read)
    {
        var pages = new List<ListPage<T>>();
        string? token = null;
        do
        {
            var page = await read(new PageRequest(token, limit));
            pages.Add(page);
            token = page.ContinuationToken;
            (pages.Count < 100).ShouldBeTrue("a list of a few rows ends within a hundred pages");
        }
        while (token is not null);

        return pages;
    }

    /// <summary>How many items each page held: <c>[3, 3, 1]</c>.</summary>
    public static int[] Sizes<T>(IReadOnlyList<ListPage<T>> pages) => [.. pages.Select(p => p.Items.Count)];
}
