using System.Text;
using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Portal;
using ServerlessBilling.Tests.Accounts;

namespace ServerlessBilling.Tests.Portal;

/// <summary>Links to sessions, step by step on a simulated clock: expiry, forgery, revocation, throttling, and which accounts a session reaches.</summary>
public class PortalAccessTests
{
    private static readonly Account Parent = new("group", "Bright Smiles Group", "plan", new BillingProfile("America/Chicago", 1, "USD"));
    private static readonly Account Location = new("group-north", "Bright Smiles North", "plan", Parent.Billing) { ParentAccountId = "group" };
    private static readonly Account Other = new("other", "Harbor Realty", "plan", Parent.Billing);

    private readonly FakeClock clock = new(Instant.FromUtc(2026, 12, 1, 12, 0));
    private readonly InMemoryPortalRevocations revocations = new();
    private readonly PortalAccess access;

    public PortalAccessTests()
    {
        var options = new PortalOptions(Encoding.UTF8.GetBytes("a portal signing key of at least 32 characters"), Duration.FromMinutes(15), Duration.FromMinutes(30), 3);
        access = new PortalAccess(new InMemoryAccountDirectory(Parent, Location, Other), revocations, new PortalTokens(options), new RedemptionThrottle(3, new InMemoryRedemptionWindows()), options, clock);
    }

    [Fact]
    public async Task IssueLinkAsync_UnknownAccount_IsNotFound() =>
        (await access.IssueLinkAsync("nobody", default)).Problem!.Kind.ShouldBe(ProblemKind.NotFound);

    [Fact]
    public async Task RedeemAsync_WithinItsLifetime_OpensASessionOfThatAccountThatLastsItsOwnLifetime()
    {
        var link = (await access.IssueLinkAsync("group", default)).Value;
        link.ExpiresAt.ShouldBe(clock.GetCurrentInstant() + Duration.FromMinutes(15));
        clock.AdvanceMinutes(14);

        var redeemed = await access.RedeemAsync(link.Token, "10.0.0.1", default);

        redeemed.Refusal.ShouldBeNull();
        redeemed.Session!.AccountId.ShouldBe("group");
        redeemed.Session.Ticket.ExpiresAt.ShouldBe(clock.GetCurrentInstant() + Duration.FromMinutes(30));
        (await access.AuthenticateAsync(redeemed.Session.Token, default))!.AccountId.ShouldBe("group");
        clock.AdvanceMinutes(30);
        (await access.AuthenticateAsync(redeemed.Session.Token, default)).ShouldBeNull();
    }

    [Fact]
    public async Task RedeemAsync_AtItsExpiry_IsRefusedAsExpired()
    {
        var link = (await access.IssueLinkAsync("group", default)).Value;
        clock.AdvanceMinutes(15);

        (await access.RedeemAsync(link.Token, "10.0.0.1", default)).Refusal.ShouldBe(RedemptionRefusal.Expired);
    }

    [Fact]
    public async Task RedeemAsync_ASessionTokenOrGarbage_IsRefusedAsInvalid()
    {
        var link = (await access.IssueLinkAsync("group", default)).Value;
        var session = (await access.RedeemAsync(link.Token, "10.0.0.1", default)).Session!;

        (await access.RedeemAsync(session.Token, "10.0.0.1", default)).Refusal.ShouldBe(RedemptionRefusal.Invalid);
        (await access.RedeemAsync(link.Token + "x", "10.0.0.1", default)).Refusal.ShouldBe(RedemptionRefusal.Invalid);
        (await access.AuthenticateAsync(link.Token, default)).ShouldBeNull();
    }

    [Fact]
    public async Task RevokeLinksAsync_RefusesEarlierLinksAndEndsTheirSessions_LaterLinksWork()
    {
        var link = (await access.IssueLinkAsync("group", default)).Value;
        var session = (await access.RedeemAsync(link.Token, "10.0.0.1", default)).Session!;
        var otherLink = (await access.IssueLinkAsync("other", default)).Value;
        clock.AdvanceSeconds(1);

        (await access.RevokeLinksAsync("group", default)).Value.ShouldBe(clock.GetCurrentInstant() + Duration.FromMilliseconds(1));

        (await access.RedeemAsync(link.Token, "10.0.0.2", default)).Refusal.ShouldBe(RedemptionRefusal.Revoked);
        (await access.AuthenticateAsync(session.Token, default)).ShouldBeNull();
        (await access.RedeemAsync(otherLink.Token, "10.0.0.2", default)).Session.ShouldNotBeNull();
        clock.AdvanceSeconds(1);
        var fresh = (await access.IssueLinkAsync("group", default)).Value;
        (await access.RedeemAsync(fresh.Token, "10.0.0.2", default)).Session.ShouldNotBeNull();
    }

    [Fact]
    public async Task RedeemAsync_BeyondTheClientsAllowance_IsRefusedBeforeTheTokenIsRead()
    {
        var link = (await access.IssueLinkAsync("group", default)).Value;
        for (var i = 0; i < 3; i++)
        {
            (await access.RedeemAsync("forged", "10.0.0.9", default)).Refusal.ShouldBe(RedemptionRefusal.Invalid);
        }

        (await access.RedeemAsync(link.Token, "10.0.0.9", default)).Refusal.ShouldBe(RedemptionRefusal.TooManyAttempts);
        (await access.RedeemAsync(link.Token, "10.0.0.10", default)).Session.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(null, "group")]
    [InlineData("", "group")]
    [InlineData("group", "group")]
    [InlineData("group-north", "group-north")]
    public async Task ScopeAsync_OwnAccountOrItsLocation_IsThatAccount(string? requested, string shown)
    {
        var session = await SessionOfAsync("group");

        (await access.ScopeAsync(session, requested, default)).Value.Id.ShouldBe(shown);
    }

    [Theory]
    [InlineData("group", "other")]
    [InlineData("group", "nobody")]
    [InlineData("group-north", "group")]
    [InlineData("other", "group-north")]
    public async Task ScopeAsync_AnyOtherAccount_IsNotFound(string signedIn, string requested)
    {
        var session = await SessionOfAsync(signedIn);

        var scoped = await access.ScopeAsync(session, requested, default);

        (scoped.Problem!.Kind, scoped.Problem.Title).ShouldBe((ProblemKind.NotFound, $"Account '{requested}' was not found"));
    }

    private async Task<PortalSession> SessionOfAsync(string accountId)
    {
        var link = (await access.IssueLinkAsync(accountId, default)).Value;
        return (await access.RedeemAsync(link.Token, accountId, default)).Session!;
    }
}
