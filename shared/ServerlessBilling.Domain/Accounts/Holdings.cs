using NodaTime;

namespace ServerlessBilling.Accounts;

/// <summary>Effective-dated holdings of a number or an agent: from a first day up to, not including, a last (open when null).</summary>
internal static class Holdings
{
    public static bool Overlap(LocalDate from, LocalDate? until, LocalDate otherFrom, LocalDate? otherUntil) =>
        (otherUntil is null || from < otherUntil) && (until is null || otherFrom < until);

    public static string Dates(LocalDate from, LocalDate? until) =>
        until is { } end ? $"from {from:yyyy-MM-dd} until {end:yyyy-MM-dd}" : $"from {from:yyyy-MM-dd}";
}
