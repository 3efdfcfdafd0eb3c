using System.Text;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

/// <summary>The backfill route's body: empty or only its two fields, each checked, every refusal naming its field.</summary>
public class IdentityBackfillRequestTests
{
    private static Outcome<IdentityBackfillRequest> Read(string body) => IdentityBackfillRequest.Read(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Read_EmptyBodyOrNullCursor_StartsAtTheFirstRowWithTheDefaultPages()
    {
        Read("").Value.ShouldBe(new IdentityBackfillRequest(null, IdentityBackfillRequest.DefaultPages));
        Read("""{"continuationToken":null}""").Value.ShouldBe(new IdentityBackfillRequest(null, 10));
    }

    [Fact]
    public void Read_ACursorThisRouteGave_IsKeptAsGiven()
    {
        var cursor = IdentityBackfillRequest.Encode("1!8!YWNtZQ-- 1!12!ZXZlbnRz")!;

        Read($$"""{"continuationToken":"{{cursor}}","pages":3}""").Value.ShouldBe(new IdentityBackfillRequest(cursor, 3));
    }

    [Fact]
    public void Read_AnAccountOrNull_ScopesToItOrToTheWholeLedger()
    {
        Read("""{"accountId":"acme-1","pages":2}""").Value.ShouldBe(new IdentityBackfillRequest(null, 2, "acme-1"));
        Read("""{"accountId":null}""").Value.ShouldBe(new IdentityBackfillRequest());
    }

    [Theory]
    [InlineData("""{"pageSize":5}""", "pageSize")]
    [InlineData("""{"pages":0}""", "pages")]
    [InlineData("""{"pages":101}""", "pages")]
    [InlineData("""{"pages":"2"}""", "pages")]
    [InlineData("""{"pages":1.5}""", "pages")]
    [InlineData("""{"continuationToken":"not a cursor!"}""", "continuationToken")]
    [InlineData("""{"continuationToken":42}""", "continuationToken")]
    [InlineData("""{"continuationToken":"_w"}""", "continuationToken")] // decodes to a byte that is not UTF-8
    [InlineData("""{"accountId":"a/b"}""", "accountId")]
    [InlineData("""{"accountId":""}""", "accountId")]
    [InlineData("""{"accountId":7}""", "accountId")]
    [InlineData("""[1]""", "$")]
    [InlineData("""{"pages":""", "$")]
    public void Read_UnknownOrInvalidField_IsInvalidNamingIt(string body, string field)
    {
        var read = Read(body);

        read.Problem!.Kind.ShouldBe(ProblemKind.Invalid);
        read.Problem.Fields.ShouldHaveSingleItem().Field.ShouldBe(field);
    }
}
