using Microsoft.Playwright;

namespace ServerlessBilling.IntegrationTests.Portal;

/// <summary>Layout checks read from the rendered page, as a person would see it: measured in the browser, never from the HTML.</summary>
public static class PageLayout
{
    /// <summary>The page does not scroll sideways (<c>document.scrollingElement.scrollWidth</c> at most the window's inner width); a table
    /// may scroll inside its own box. The message names each element that reaches past the screen.</summary>
    public static async Task ShouldFitTheScreenAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var measured = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        var (width, inner) = (measured[0], measured[1]);
        var beyond = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-wrap'))
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className : ''} right ${Math.round(e.getBoundingClientRect().right)}`)
            """);

        width.ShouldBeLessThanOrEqualTo(inner, $"{name} scrolls sideways at {inner} px: {string.Join("; ", beyond)}");
    }

    /// <summary>Every header cell of every table is whole and in view: its text fits its cell (<c>scrollWidth &lt;= clientWidth</c>) and
    /// the cell lies inside the box its table scrolls in (or the card, or the page), so no column is cut off at its edge.</summary>
    public static async Task ShouldShowEveryHeaderAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var clipped = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('table th')].filter(th => {
                const box = (th.closest('.table-wrap') || th.closest('.card') || document.documentElement).getBoundingClientRect();
                const cell = th.getBoundingClientRect();
                return th.scrollWidth > th.clientWidth || cell.left < box.left - 0.5 || cell.right > box.right + 0.5;
            }).map(th => `${th.closest('table').id || 'table'}: '${th.innerText.trim()}'`)
            """);

        clipped.ShouldBeEmpty($"{name}: header cells cut off at {page.ViewportSize?.Width} px");
    }
}
