using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Usage;

public class AccountAttributionTests
{
    private const string Number = "+17205550100";
    private static readonly Instant January10 = Instant.FromUtc(2026, 1, 10, 15, 0);
    private static readonly Instant February10 = Instant.FromUtc(2026, 2, 10, 15, 0);

    private readonly InMemoryAccountDirectory directory = new();

    public AccountAttributionTests()
    {
        foreach (var id in new[] { "by-name", "by-agent", "by-number", "later-agent" })
        {
            directory.SetAsync(new Account(id, id, "plan", new BillingProfile("America/Denver", 1, "USD")), CancellationToken.None);
        }

        directory.AssignNumberAsync(new NumberAssignment(Number, "by-number", NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        directory.AssignAgentAsync(new AgentAssignment("retell", "agent_1", "by-agent", new LocalDate(2025, 1, 1), Until: new LocalDate(2026, 2, 1)), CancellationToken.None);
        directory.AssignAgentAsync(new AgentAssignment("retell", "agent_1", "later-agent", new LocalDate(2026, 2, 1)), CancellationToken.None);
    }

    private static UsageEvent Call(string? accountId = null, string? agentId = null, Instant? at = null, string source = "retell") =>
        new("retell-c1", source, "c1", at ?? January10, 60, CallDirection.Inbound, "+13035550001", Number, UsageComponent.AiVoice, true,
            AccountId: accountId, AgentId: agentId);

    private Task<Attribution> AttributeAsync(UsageEvent usage) => new AccountAttribution(directory).AttributeAsync(usage, CancellationToken.None);

    public static TheoryData<string?, string?, string, AttributionRule> Evidence => new()
    {
        // explicit account id, agent id → account, rule
        { "by-name", "agent_1", "by-name", AttributionRule.ExplicitAccount },
        { null, "agent_1", "by-agent", AttributionRule.Agent },
        { null, "agent_unknown", "by-number", AttributionRule.Number },
        { null, null, "by-number", AttributionRule.Number },
    };

    [Theory]
    [MemberData(nameof(Evidence))]
    public async Task AttributeAsync_MostSpecificEvidenceWins_ExpectedAccount(string? accountId, string? agentId, string expected, AttributionRule rule)
    {
        var attribution = await AttributeAsync(Call(accountId, agentId));

        attribution.Account!.Id.ShouldBe(expected);
        attribution.Rule.ShouldBe(rule);
        attribution.Problem.ShouldBeNull();
    }

    [Fact]
    public async Task AttributeAsync_AgentMovedToAnotherAccount_EachCallGoesToTheHolderOnItsDate()
    {
        (await AttributeAsync(Call(agentId: "agent_1", at: January10))).Account!.Id.ShouldBe("by-agent");
        (await AttributeAsync(Call(agentId: "agent_1", at: February10))).Account!.Id.ShouldBe("later-agent");
    }

    [Fact]
    public async Task AttributeAsync_AgentAssignmentStartsOnTheAccountsLocalDate_NotTheUtcDate()
    {
        // 03:00 UTC on 1 February is still 31 January in Denver: the earlier holder's last day.
        var lateEvening = Instant.FromUtc(2026, 2, 1, 3, 0);

        (await AttributeAsync(Call(agentId: "agent_1", at: lateEvening))).Account!.Id.ShouldBe("by-agent");
    }

    [Fact]
    public async Task AttributeAsync_SameAgentIdOfAnotherVendor_IsNotMatched()
    {
        var attribution = await AttributeAsync(Call(agentId: "agent_1", source: "vapi"));

        attribution.Rule.ShouldBe(AttributionRule.Number);
    }

    [Fact]
    public async Task AttributeAsync_NamedAccountDoesNotExist_ProblemOnAccountIdWithoutFallingBack()
    {
        var attribution = await AttributeAsync(Call(accountId: "missing", agentId: "agent_1"));

        attribution.Account.ShouldBeNull();
        attribution.Problem.ShouldBe(new RecordProblem("accountId", "account 'missing' does not exist"));
    }

    [Fact]
    public async Task AttributeAsync_NothingMatches_ProblemNamesTheNumberAndTheAgent()
    {
        var unheld = Call(agentId: "agent_9") with { To = "+17205550199" };

        var attribution = await AttributeAsync(unheld);

        attribution.Account.ShouldBeNull();
        attribution.Problem!.Field.ShouldBe("to");
        attribution.Problem.Reason.ShouldContain("+17205550199");
        attribution.Problem.Reason.ShouldContain("retell agent 'agent_9'");
    }
}
