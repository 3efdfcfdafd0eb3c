using System.Text;
using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Access;
using ServerlessBilling.Accounts;
using ServerlessBilling.Portal;
using ServerlessBilling.ResellerConsole;
using ServerlessBilling.Tests.Access;
using ServerlessBilling.Tests.Accounts;

namespace ServerlessBilling.Tests.ResellerConsole;

/// <summary>Who the console lets in and for how long: admin and read-only keys (customer keys and anything else refused alike), Entra
/// ID users by their app role, sessions that end on time and cannot be forged, altered or taken from the portal, and form tokens.</summary>
public class ConsoleAccessTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("console-tests-signing-key-of-32-bytes-or-more");

    private readonly FakeClock clock = new(Instant.FromUtc(2026, 12, 3, 9, 0));
    private readonly ApiKeys keys;
    private readonly ConsoleAccess access;

    public ConsoleAccessTests()
    {
        keys = new ApiKeys(new InMemoryApiKeyStore(), new InMemoryAccountDirectory(new Account("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"))), clock);
        access = new ConsoleAccess(keys, new ConsoleOptions(Key, Duration.FromHours(8), EntraSignIn: false), clock);
    }

    [Theory]
    [InlineData(ApiKeyScope.Admin, ConsoleRole.Admin, true)]
    [InlineData(ApiKeyScope.ReadOnly, ConsoleRole.ReadOnly, false)]
    public async Task SignInWithKeyAsync_AdminOrReadOnlyKey_OpensASessionOfThatRole(ApiKeyScope scope, ConsoleRole role, bool canWrite)
    {
        var issued = (await keys.IssueAsync(new ApiKeyRequest("Console", scope, null), default)).Value;

        var session = (await access.SignInWithKeyAsync(issued.Secret, default)).Value;

        (session.Role, session.CanWrite, session.Caller, session.ExpiresAt).ShouldBe((role, canWrite, issued.Key.Prefix, clock.GetCurrentInstant() + Duration.FromHours(8)));
    }

    [Fact]
    public async Task SignInWithKeyAsync_CustomerUnknownRevokedOrEmptyKey_IsRefusedAlike()
    {
        var customer = (await keys.IssueAsync(new ApiKeyRequest("Portal", ApiKeyScope.Customer, "acme"), default)).Value;
        var revoked = (await keys.IssueAsync(new ApiKeyRequest("Old", ApiKeyScope.Admin, null), default)).Value;
        await keys.RevokeAsync(revoked.Key.Id, default);

        foreach (var presented in new[] { customer.Secret, revoked.Secret, "sb_live_0000beef_" + new string('x', 43), "", null })
        {
            var refused = await access.SignInWithKeyAsync(presented, default);
            (refused.Problem!.Kind, refused.Problem.Title).ShouldBe((ProblemKind.Unauthorized, "The key is not an admin or read-only key"), presented);
        }
    }

    [Fact]
    public void Authenticate_SignedSession_IsReadBack_UntilItExpires()
    {
        var session = access.Open(ConsoleRole.ReadOnly, "sb_live_0a1b2c3d");
        var token = access.Sign(session);

        access.Authenticate(token).ShouldBe(session);
        clock.Advance(Duration.FromHours(8) - Duration.FromMilliseconds(1));
        access.Authenticate(token).ShouldBe(session);
        clock.Advance(Duration.FromMilliseconds(1));
        access.Authenticate(token).ShouldBeNull();
    }

    [Fact]
    public void Authenticate_AlteredForgedOrPortalToken_IsNoSession()
    {
        var token = access.Sign(access.Open(ConsoleRole.ReadOnly, "reader"));
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(token.Split('.')[0])));
        var promoted = Base64Url(Encoding.UTF8.GetBytes(payload.Replace("|ReadOnly|", "|Admin|", StringComparison.Ordinal))) + "." + token.Split('.')[1];
        var otherKey = new ConsoleAccess(keys, new ConsoleOptions(Encoding.UTF8.GetBytes("another-signing-key-of-32-bytes-or-more!!"), Duration.FromHours(8), false), clock);
        var portalTokens = new PortalTokens(new PortalOptions(Key, Duration.FromMinutes(15), Duration.FromMinutes(30), 10));
        var portalSession = portalTokens.Sign(new PortalTicket(PortalTicketKind.Session, "acme", clock.GetCurrentInstant(), clock.GetCurrentInstant() + Duration.FromHours(1), "n"));

        access.Authenticate(promoted).ShouldBeNull();
        access.Authenticate(otherKey.Sign(otherKey.Open(ConsoleRole.Admin, "intruder"))).ShouldBeNull();
        access.Authenticate(portalSession).ShouldBeNull();
        access.Authenticate("garbage").ShouldBeNull();
        access.Authenticate(null).ShouldBeNull();
    }

    [Fact]
    public void SignInAsEntraUser_TheAppRoleDecides_AndNoRoleIsRefused()
    {
        access.SignInAsEntraUser("ana@reseller.example", ["Console.Reader", "Console.Admin"]).Value.Role.ShouldBe(ConsoleRole.Admin);
        access.SignInAsEntraUser("ben@reseller.example", ["Console.Reader"]).Value.Role.ShouldBe(ConsoleRole.ReadOnly);
        access.SignInAsEntraUser("eve@reseller.example", ["console.admin", "Other"]).Problem!.Kind.ShouldBe(ProblemKind.Forbidden);
    }

    [Fact]
    public void FormToken_BelongsToItsSessionOnly()
    {
        var session = access.Open(ConsoleRole.Admin, "bootstrap key");
        var other = access.Open(ConsoleRole.Admin, "bootstrap key");

        access.IsFormToken(session, access.FormToken(session)).ShouldBeTrue();
        access.IsFormToken(session, access.FormToken(other)).ShouldBeFalse();
        access.IsFormToken(session, null).ShouldBeFalse();
        access.IsFormToken(session, "").ShouldBeFalse();
    }

    private static string Pad(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return padded + ((padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
