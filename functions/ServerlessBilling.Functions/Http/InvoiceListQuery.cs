using Microsoft.AspNetCore.Http;
using NodaTime.Text;
using ServerlessBilling.Payments;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Http;

/// <summary>The filters of the invoice lists: <c>period</c> (the period's first day, <c>2026-10-01</c>) and <c>status</c>
/// (<c>Open</c>, <c>Paid</c> or <c>WrittenOff</c>, in any case).</summary>
public static class InvoiceListQuery
{
    private const string Title = "The invoices cannot be listed";

    /// <param name="accountId">The account whose invoices are listed; null across accounts.</param>
    public static Outcome<InvoiceListFilter> Read(HttpRequest request, string? accountId)
    {
        var problems = new List<RecordProblem>();
        NodaTime.LocalDate? period = null;
        if (request.Query["period"].FirstOrDefault() is { } periodText)
        {
            var parsed = LocalDatePattern.Iso.Parse(periodText);
            if (parsed.Success)
            {
                period = parsed.Value;
            }
            else
            {
                problems.Add(new RecordProblem("period", $"'{periodText}' is not a date like 2026-10-01"));
            }
        }

        ReceivableStatus? status = null;
        if (request.Query["status"].FirstOrDefault() is { } statusText)
        {
            if (statusText.Length > 0 && char.IsLetter(statusText[0]) && Enum.TryParse<ReceivableStatus>(statusText, ignoreCase: true, out var parsed))
            {
                status = parsed;
            }
            else
            {
                problems.Add(new RecordProblem("status", "must be Open, Paid or WrittenOff"));
            }
        }

        return problems.Count > 0 ? Problem.Invalid(Title, problems) : new InvoiceListFilter(accountId, period, status);
    }
}
