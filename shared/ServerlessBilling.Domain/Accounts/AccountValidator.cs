using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Accounts;

/// <summary>Checks an account or number assignment before it is stored; each problem names the field.</summary>
public static class AccountValidator
{
    public static IReadOnlyList<RecordProblem> Validate(Account account)
    {
        var problems = new List<RecordProblem>();
        if (string.IsNullOrWhiteSpace(account.Id))
        {
            problems.Add(new RecordProblem("id", "is required"));
        }

        if (string.IsNullOrWhiteSpace(account.Name))
        {
            problems.Add(new RecordProblem("name", "is required"));
        }

        if (string.IsNullOrWhiteSpace(account.PlanId))
        {
            problems.Add(new RecordProblem("planId", "is required"));
        }

        if (account.Billing is null)
        {
            problems.Add(new RecordProblem("billing", "is required"));
            return problems;
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(account.Billing.TimeZone ?? "") is null)
        {
            problems.Add(new RecordProblem("billing.timeZone", $"'{account.Billing.TimeZone}' is not an IANA time zone"));
        }

        if (account.Billing.BillCycleDay is < 1 or > 28)
        {
            problems.Add(new RecordProblem("billing.billCycleDay", "must be between 1 and 28"));
        }

        if (!CurrencyInfo.IsKnown(account.Billing.Currency ?? ""))
        {
            problems.Add(new RecordProblem("billing.currency", $"'{account.Billing.Currency}' is not a supported ISO 4217 code"));
        }

        if (account.Billing.NetTermsDays is < 0 or > 365)
        {
            problems.Add(new RecordProblem("billing.netTermsDays", "must be between 0 and 365"));
        }

        if (account.Dunning is { } dunning)
        {
            problems.AddRange(dunning.Validate().Select(problem => new RecordProblem("dunning", problem)));
        }

        return problems;
    }

    public static IReadOnlyList<RecordProblem> Validate(NumberAssignment assignment)
    {
        var problems = new List<RecordProblem>();
        if (!assignment.Number.StartsWith('+') || assignment.Number.Length < 8 || !assignment.Number[1..].All(char.IsAsciiDigit))
        {
            problems.Add(new RecordProblem("number", $"'{assignment.Number}' is not an E.164 number such as +14155550100"));
        }

        if (assignment.Until is { } until && until <= assignment.From)
        {
            problems.Add(new RecordProblem("until", "must be after from"));
        }

        return problems;
    }

    public static IReadOnlyList<RecordProblem> Validate(AgentAssignment assignment)
    {
        var problems = new List<RecordProblem>();
        if (string.IsNullOrWhiteSpace(assignment.Vendor) || assignment.Vendor != assignment.Vendor.ToLowerInvariant())
        {
            // Matched against UsageEvent.Source exactly, and every source name is lower case.
            problems.Add(new RecordProblem("vendor", $"'{assignment.Vendor}' is not a source name such as retell, elevenlabs, vapi, events or csv"));
        }

        if (string.IsNullOrWhiteSpace(assignment.AgentId))
        {
            problems.Add(new RecordProblem("agentId", "is required"));
        }

        if (assignment.Until is { } until && until <= assignment.From)
        {
            problems.Add(new RecordProblem("until", "must be after from"));
        }

        return problems;
    }
}
