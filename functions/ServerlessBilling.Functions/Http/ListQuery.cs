using System.Globalization;
using Microsoft.AspNetCore.Http;
using ServerlessBilling.Paging;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Http;

/// <summary>The paging half of a list route: reads <c>limit</c> (default 50, 1 to 500) and <c>cursor</c> from the query,
/// and answers with one <see cref="ListResponse{T}"/> whose <c>next_cursor</c> is sealed to the route's filters.</summary>
/// <remarks>A list route builds <c>filter</c> from its name and every filter value it applies, so a cursor handed back with
/// other filters is refused (400 naming <c>cursor</c>) instead of resuming a scan of another list.</remarks>
public static class ListQuery
{
    private const string Title = "The list cannot be read";

    /// <summary>The page the query asks for, or 400 naming <c>limit</c> or <c>cursor</c>.</summary>
    public static Outcome<PageRequest> Read(HttpRequest request, string filter)
    {
        var limit = PageRequest.DefaultLimit;
        if (request.Query["limit"].FirstOrDefault() is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > PageRequest.MaxLimit))
        {
            return Problem.Invalid(Title, new RecordProblem("limit", $"must be a whole number from 1 to {PageRequest.MaxLimit}"));
        }

        return ListCursor.Decode(request.Query["cursor"].FirstOrDefault(), filter).Map(token => new PageRequest(token, limit));
    }

    /// <summary>Reads the page the query asks for with <paramref name="list"/> and answers 200 with it, or the problem that stopped it.</summary>
    public static async Task<IResult> RespondAsync<T>(HttpRequest request, string filter, Func<PageRequest, Task<Outcome<ListPage<T>>>> list)
    {
        var read = Read(request, filter);
        if (!read.TryGetValue(out var page))
        {
            return ProblemResults.From(read.Problem!);
        }

        return (await list(page)).ToResult(listed => Results.Ok(new ListResponse<T>(listed.Items, listed.HasMore, ListCursor.Encode(listed.ContinuationToken, filter))));
    }

    /// <inheritdoc cref="RespondAsync{T}(HttpRequest, string, Func{PageRequest, Task{Outcome{ListPage{T}}}})"/>
    public static Task<IResult> RespondAsync<T>(HttpRequest request, string filter, Func<PageRequest, Task<ListPage<T>>> list) =>
        RespondAsync(request, filter, async page => Outcome<ListPage<T>>.Success(await list(page)));
}
