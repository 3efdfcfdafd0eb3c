using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.ResellerConsole;

/// <summary>Quotes in the console: a plan priced on a usage sample by the quote engine the <c>quote</c> verb uses
/// (<see cref="PlanQuoting"/>), the quote as a proposal PDF for the customer, and an accepted quote turned into an account on that
/// plan.</summary>
public sealed class ConsoleQuotes(IPlanCatalog plans, IAccountDirectory accounts, ICostPlans costPlans, IProposalRenderer proposals, PhoneRegion region, IClock clock)
{
    /// <summary>The plans to choose from (the first page of the catalog, at most <see cref="PageRequest.MaxLimit"/>).</summary>
    public async Task<IReadOnlyList<PricePlan>> PlansAsync(CancellationToken cancellationToken) =>
        (await plans.ListAsync(PageRequest.First(PageRequest.MaxLimit), cancellationToken)).Items;

    /// <summary>The quote for <paramref name="request"/>: on its uploaded sample, or on the typical profile of the current month.</summary>
    public async Task<Outcome<ConsoleQuote>> QuoteAsync(QuoteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Problems() is { Count: > 0 } problems)
        {
            return Problem.Invalid("The quote request is not valid", problems);
        }

        if (await plans.FindAsync(request.PlanId!, cancellationToken) is not { } plan)
        {
            return Problem.Invalid("The quote request is not valid", new RecordProblem("plan", $"no plan '{request.PlanId}' exists"));
        }

        var zone = DateTimeZoneProviders.Tzdb[request.TimeZone!];
        IReadOnlyList<UsageEvent> sample;
        var unreadable = 0;
        var typical = string.IsNullOrWhiteSpace(request.SampleCsv);
        if (typical)
        {
            sample = TypicalUsage.Month(plan, BillingPeriod.Containing(clock.GetCurrentInstant().InZone(zone).Date, 1), zone, string.IsNullOrEmpty(request.Vendor) ? TypicalUsage.Source : request.Vendor);
        }
        else
        {
            var lines = CdrDropPath.Parse($"{CdrFormat.Asterisk}/{zone.Id}/quote-sample.csv").ReadLines(new StringReader(request.SampleCsv!), region).ToList();
            sample = [.. lines.Where(l => l.Event is not null).Select(l => l.Event!)];
            unreadable = lines.Count(l => l.Event is null);
        }

        if (sample.Count == 0)
        {
            return Problem.Invalid("The quote request is not valid", new RecordProblem("sample", "holds no call that could be read (an Asterisk Master.csv is expected)"));
        }

        IReadOnlyList<CostPlan> priced = string.IsNullOrEmpty(request.Vendor) ? [] : await costPlans.ListAsync(request.Vendor, cancellationToken);
        return new ConsoleQuote(request, plan, zone, PlanQuoting.Quote(plan, sample, zone, request.Accounts, request.Numbers, priced), unreadable, typical);
    }

    /// <summary>The quote as a proposal in the reseller's branding: the plan, what it assumes and the monthly estimate, without cost or
    /// margin (<see cref="IProposalRenderer"/>).</summary>
    public async Task<Outcome<byte[]>> ProposalPdfAsync(QuoteRequest request, CancellationToken cancellationToken)
    {
        var quoted = await QuoteAsync(request, cancellationToken);
        return quoted.TryGetValue(out var quote) ? proposals.RenderProposal(quote) : quoted.Problem!;
    }

    /// <summary>Opens an account on the quoted plan, in the quote's zone and the plan's currency, billed from the 1st, with the billing
    /// contact's address when one is given; an id that is taken is a conflict, never an overwrite.</summary>
    /// <returns>The stored account as the API's save returns it (<see cref="AccountSave"/>: created, with every field it set), so the
    /// console's write leaves the same audit record as <c>PUT /api/accounts/{id}</c>.</returns>
    public async Task<Outcome<AccountSave>> OpenAccountAsync(
        QuoteRequest request, string? accountId, string? name, string? contactEmail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<RecordProblem>(request.Problems().Where(p => p.Field != "sample"));
        if (!IdRule.AccountId.Accepts(accountId))
        {
            problems.Add(new RecordProblem("accountId", IdRule.AccountId.Describes));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            problems.Add(new RecordProblem("name", "1 to 200 characters"));
        }

        if (problems.Count > 0)
        {
            return Problem.Invalid("The account is not valid", problems);
        }

        if (await plans.FindAsync(request.PlanId!, cancellationToken) is not { } plan)
        {
            return Problem.Invalid("The account is not valid", new RecordProblem("plan", $"no plan '{request.PlanId}' exists"));
        }

        if (await accounts.FindAsync(accountId!, cancellationToken) is not null)
        {
            return Problem.Conflict($"An account '{accountId}' exists already");
        }

        var account = new Account(accountId!, name!.Trim(), plan.Id, new BillingProfile(request.TimeZone!, 1, plan.Currency))
        {
            Contact = string.IsNullOrWhiteSpace(contactEmail) ? null : new BillingContact(Email: contactEmail).Normalized(),
        };
        if (AccountValidator.Validate(account) is { Count: > 0 } invalid)
        {
            return Problem.Invalid("The account is not valid", invalid);
        }

        var stored = await accounts.SetProfileAsync(account, null, cancellationToken);
        return stored.Map(v => new AccountSave(v.Account, v.Version, Created: true, AccountProfileFields.Changed(null, v.Account)));
    }
}
