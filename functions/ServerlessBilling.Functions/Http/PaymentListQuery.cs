using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Payments;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Http;

/// <summary>The filters of the payment lists: <c>status</c> (<c>Succeeded</c>, <c>Processing</c>, <c>Failed</c>, <c>Declined</c>
/// or <c>RequiresAction</c>, in any case) and the UTC days <c>from</c> and <c>to</c> (both included, <c>2026-10-01</c>).</summary>
public static class PaymentListQuery
{
    private const string Title = "The payments cannot be listed";

    /// <param name="accountId">The account whose payments are listed; null across accounts.</param>
    public static Outcome<PaymentListFilter> Read(HttpRequest request, string? accountId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<RecordProblem>();
        var from = Day(request, "from", problems);
        var to = Day(request, "to", problems);
        if (from > to)
        {
            problems.Add(new RecordProblem("to", "must not be before from"));
        }

        PaymentEntryStatus? status = null;
        if (request.Query["status"].FirstOrDefault() is { } statusText)
        {
            if (statusText.Length > 0 && char.IsLetter(statusText[0]) && Enum.TryParse<PaymentEntryStatus>(statusText, ignoreCase: true, out var parsed))
            {
                status = parsed;
            }
            else
            {
                problems.Add(new RecordProblem("status", $"must be one of {string.Join(", ", Enum.GetNames<PaymentEntryStatus>())}"));
            }
        }

        return problems.Count > 0 ? Problem.Invalid(Title, problems) : new PaymentListFilter(accountId, status, from, to);
    }

    private static LocalDate? Day(HttpRequest request, string name, List<RecordProblem> problems)
    {
        if (request.Query[name].FirstOrDefault() is not { } text)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        problems.Add(new RecordProblem(name, $"'{text}' is not a date like 2026-10-01"));
        return null;
    }
}
