using System.Text;
using NodaTime;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Tests.Portal;

public class PortalTokensTests
{
    private static readonly Instant Noon = Instant.FromUtc(2026, 12, 1, 12, 0);

    private static readonly PortalTicket Link = new(PortalTicketKind.Link, "acme:dental-1", Noon, Noon + Duration.FromMinutes(15), "n0nce");

    private static PortalTokens Tokens(string key = "a portal signing key of at least 32 characters") =>
        new(new PortalOptions(Encoding.UTF8.GetBytes(key), Duration.FromMinutes(15), Duration.FromMinutes(30), 10));

    [Fact]
    public void Read_OfASignedTicket_IsThatTicket() =>
        Tokens().Read(Tokens().Sign(Link), PortalTicketKind.Link).ShouldBe(Link);

    [Fact]
    public void Read_AsTheOtherKind_IsNull() =>
        Tokens().Read(Tokens().Sign(Link), PortalTicketKind.Session).ShouldBeNull();

    [Fact]
    public void Read_SignedWithAnotherKey_IsNull() =>
        Tokens().Read(Tokens("another key, also at least 32 characters long").Sign(Link), PortalTicketKind.Link).ShouldBeNull();

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    public void Read_Malformed_IsNull(string token) => Tokens().Read(token, PortalTicketKind.Link).ShouldBeNull();

    [Fact]
    public void Read_PayloadChangedToAnotherAccount_IsNull()
    {
        var token = Tokens().Sign(Link);
        var forged = Tokens().Sign(Link with { AccountId = "other" }).Split('.')[0] + "." + token.Split('.')[1];

        Tokens().Read(forged, PortalTicketKind.Link).ShouldBeNull();
    }

    [Fact]
    public void FormToken_IsTheSessionsOwn()
    {
        var session = Link with { Kind = PortalTicketKind.Session };
        var token = Tokens().FormToken(session);

        Tokens().IsFormToken(session, token).ShouldBeTrue();
        Tokens().IsFormToken(session with { Nonce = "other" }, token).ShouldBeFalse();
        Tokens().IsFormToken(session, null).ShouldBeFalse();
    }
}
