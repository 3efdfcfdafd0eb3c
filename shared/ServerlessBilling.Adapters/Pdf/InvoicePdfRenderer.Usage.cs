using System.Globalization;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Pdf;

public sealed partial class InvoicePdfRenderer
{
    /// <summary>The height of a call row; it and the page limit's note (up to three lines after a space) must fit below the last row listed.</summary>
    private const double RowHeight = 14;

    private const double LimitNoteHeight = 10 + (3 * 15);

    private static readonly TableColumn[] SummaryColumns = [new(0), new(0.30, RightAligned: true), new(0.55, RightAligned: true), new(0.78, RightAligned: true)];

    private static readonly TableColumn[] CallColumns =
        [new(0), new(0.23), new(0.42), new(0.61, RightAligned: true), new(0.72, RightAligned: true), new(0.86, RightAligned: true)];

    /// <summary>A summary per customer number (per location on a consolidated invoice), then, when the account asks for them,
    /// every call on pages of their own under repeated column headers.</summary>
    /// <remarks>Call amounts print at the plan's per-call precision (<c>0.004</c>), never rounded to <c>0.00</c>: the usage
    /// lines above are what is billed, each rounded once.</remarks>
    private void WriteUsage(PageWriter page, Invoice invoice, UsageDetail usage)
    {
        var summaries = usage.Locations.Select(l => (Location: l, Numbers: l.Numbers())).Where(l => l.Numbers.Count > 0).ToList();
        if (summaries.Count == 0)
        {
            return;
        }

        foreach (var (location, numbers) in summaries)
        {
            page.Heading("Usage by number" + (location.Label is { } label ? ", " + label : ""));
            page.Cells(SummaryColumns, ["Number", "Calls", "Charged minutes", $"Amount ({invoice.Currency})"], bold: true, grey: true);
            foreach (var number in numbers)
            {
                page.Cells(SummaryColumns, [number.Number, CallsText(number.Calls, number.Attempts), Minutes(number.ChargedSeconds), CallAmount(number.Amount)]);
            }

            page.Rule();
            page.Cells(SummaryColumns, ["Total", CallsText(numbers.Sum(n => n.Calls), numbers.Sum(n => n.Attempts)),
                Minutes(numbers.Sum(n => n.ChargedSeconds)), CallAmount(numbers.Sum(n => n.Amount))], bold: true);
        }

        page.Space();
        page.Text("Amounts per number and per call are exact, at the plan's per-call precision; each usage line above is rounded once, "
            + "so a total here may differ from those lines by a cent.");
        if (summaries.Any(s => s.Numbers.Any(n => n.Attempts > 0)))
        {
            page.Text("An attempt is a call that did not connect and is charged a fee per attempt; a fee below one cent is shown as it is, not as 0.00.");
        }

        if (usage.Itemized)
        {
            WriteCalls(page, invoice, usage);
        }
    }

    /// <remarks>At most <see cref="InvoiceSeller.CallDetailPageLimit"/> pages: the calls beyond are counted, not listed, and a
    /// note closing the last page says how many there are and where they are, so a million-call account's PDF still renders.</remarks>
    private void WriteCalls(PageWriter page, Invoice invoice, UsageDetail usage)
    {
        string[] header = ["Date and time", "From", "To", "Duration", "Charged min", $"Amount ({invoice.Currency})"];
        var limit = Seller.CallDetailPageLimit;
        int? firstPage = null;
        var listed = 0;
        var left = new List<(string? Label, int Calls)>();
        foreach (var location in usage.Locations)
        {
            using var calls = location.Calls().GetEnumerator();
            // Each location starts a page of its own, so one more location needs one more page.
            if (left.Count > 0 || (firstPage is { } first && page.PageCount - first + 1 >= limit))
            {
                left.Add((location.Label, Count(calls)));
                continue;
            }

            var title = "Call detail" + (location.Label is { } label ? ", " + label : "");
            page.OnNewPage = null;
            page.Break();
            firstPage ??= page.PageCount;
            page.Heading($"{title} (times in {location.TimeZone})");
            page.Cells(CallColumns, header, bold: true, grey: true);
            page.OnNewPage = () =>
            {
                page.Heading(title + " (continued)");
                page.Cells(CallColumns, header, bold: true, grey: true);
            };
            while (calls.MoveNext())
            {
                if (page.PageCount - firstPage.Value + 1 >= limit && !page.HasRoom(RowHeight + LimitNoteHeight))
                {
                    left.Add((location.Label, 1 + Count(calls)));
                    break;
                }

                WriteCall(page, calls.Current);
                listed++;
            }
        }

        page.OnNewPage = null;
        if (left.Sum(l => l.Calls) is var rest and > 0)
        {
            page.Space();
            page.Text(string.Create(CultureInfo.InvariantCulture,
                $"Call detail stops at {limit} page{(limit == 1 ? "" : "s")}: {listed:#,0} of {listed + rest:#,0} calls are listed above. "
                + $"The other {rest:#,0} calls{Where(left)} are in this invoice's usage CSV and XLSX, one row each."), bold: true);
        }
    }

    private static void WriteCall(PageWriter page, CallDetail call)
    {
        var e = call.Usage.Event;
        page.Cells(CallColumns,
        [
            call.StartedLocal.LocalDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            e.From,
            e.To,
            string.Create(CultureInfo.InvariantCulture, $"{e.DurationSeconds / 60}:{e.DurationSeconds % 60:00}"),
            call.IsAttempt ? "attempt" : call.ChargedSeconds == 0 && call.IncludedSeconds > 0 ? "included" : Minutes(call.ChargedSeconds),
            CallAmount(call.Amount),
        ]);
    }

    private static int Count(IEnumerator<CallDetail> calls)
    {
        var count = 0;
        while (calls.MoveNext())
        {
            count++;
        }

        return count;
    }

    /// <summary>On a consolidated invoice, how many of them are each location's: <c> (Harbor East 120, Harbor West 10)</c>.</summary>
    private static string Where(List<(string? Label, int Calls)> left) =>
        left.Any(l => l.Label is not null)
            ? " (" + string.Join(", ", left.Where(l => l.Calls > 0).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Label} {l.Calls:#,0}"))) + ")"
            : "";

    private static string CallsText(int calls, int attempts) =>
        attempts == 0 ? calls.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{calls} ({attempts} attempt{(attempts == 1 ? "" : "s")})");

    private static string Minutes(long seconds) => (seconds / 60m).ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>At least the currency's two places, and every further place the per-call price has, so 0.004 never reads 0.00.</summary>
    private static string CallAmount(decimal amount) => amount.ToString("#,0.00####", CultureInfo.InvariantCulture);
}
