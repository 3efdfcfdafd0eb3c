using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Accounts;

/// <summary>Checks an account or number assignment before it is stored; each problem names the field.</summary>
/// <remarks>The ids an account names follow their <see cref="IdRule"/>s; whether the plan and parent they name exist is
/// <see cref="AccountChanges"/>'s to check, against storage.</remarks>
public static class AccountValidator
{
    /// <summary>The longest account name: it is printed on invoices and sent to payment gateways.</summary>
    public const int MaxNameLength = 200;

    public static IReadOnlyList<RecordProblem> Validate(Account account)
    {
        var problems = new List<RecordProblem>(ResourceIds.Check(
            new("id", account.Id, IdRule.AccountId),
            new("planId", account.PlanId, IdRule.Id)));
        if (account.ParentAccountId is not null && IdRule.AccountId.Check("parentAccountId", account.ParentAccountId) is { } parent)
        {
            problems.Add(parent);
        }

        if (string.IsNullOrWhiteSpace(account.Name))
        {
            problems.Add(new RecordProblem("name", "is required"));
        }
        else if (account.Name.Length > MaxNameLength)
        {
            problems.Add(new RecordProblem("name", $"is {account.Name.Length} characters long; at most {MaxNameLength}"));
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

        if (account.Contact is { } contact)
        {
            problems.AddRange(ContactValidator.Validate(contact));
        }

        if (account.Dunning is { } dunning)
        {
            problems.AddRange(dunning.Validate().Select(problem => new RecordProblem("dunning", problem)));
        }

        if (account.Tax?.Pcode is { } pcode && pcode is < 1 or > AccountTaxProfile.MaxPcode)
        {
            problems.Add(new RecordProblem("tax.pcode", $"{pcode} is not a PCode: a whole number from 1 to {AccountTaxProfile.MaxPcode}"));
        }

        return problems;
    }

    public static IReadOnlyList<RecordProblem> Validate(NumberAssignment assignment)
    {
        var problems = new List<RecordProblem>(ResourceIds.Check(
            new("number", assignment.Number, IdRule.PhoneNumber),
            new("accountId", assignment.AccountId, IdRule.AccountId)));

        if (assignment.Until is { } until && until <= assignment.From)
        {
            problems.Add(new RecordProblem("until", "must be after from"));
        }

        if (assignment.PrimaryUseState is { } state && !Tax.UspsStates.Codes.Contains(state))
        {
            problems.Add(new RecordProblem("primaryUseState", $"'{state}' is not a US state: give its two-letter USPS code in upper case (CA, WA, DC)"));
        }

        return problems;
    }

    public static IReadOnlyList<RecordProblem> Validate(AgentAssignment assignment)
    {
        // The vendor is matched against UsageEvent.Source exactly, and every source name is lower case.
        var problems = new List<RecordProblem>(ResourceIds.Check(
            new("vendor", assignment.Vendor, IdRule.SourceName),
            new("agentId", assignment.AgentId, IdRule.Id),
            new("accountId", assignment.AccountId, IdRule.AccountId)));

        if (assignment.Until is { } until && until <= assignment.From)
        {
            problems.Add(new RecordProblem("until", "must be after from"));
        }

        return problems;
    }
}
