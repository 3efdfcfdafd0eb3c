using ServerlessBilling.Paging;

namespace ServerlessBilling.Tests.Paging;

public class ListCursorTests
{
    private const string Filter = "accounts|parent=group|status=";
    private const string Token = "1!12!YWNjb3VudA--\n1!16!YWNjdC0wNA--";

    [Fact]
    public void Decode_TheCursorEncodeGave_IsTheToken()
    {
        var cursor = ListCursor.Encode(Token, Filter)!;

        ListCursor.Decode(cursor, Filter).Value.ShouldBe(Token);
        cursor.ShouldNotContain(Token);
        cursor.ShouldAllBe(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
    }

    [Fact]
    public void Encode_NoToken_IsNoCursor() => ListCursor.Encode(null, Filter).ShouldBeNull();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Decode_NoCursor_IsTheFirstPage(string? cursor) => ListCursor.Decode(cursor, Filter).Value.ShouldBeNull();

    [Fact]
    public void Decode_OtherFilters_IsRefusedNamingTheCursor()
    {
        var cursor = ListCursor.Encode(Token, Filter)!;

        var refused = ListCursor.Decode(cursor, "accounts|parent=other|status=").Problem!;

        refused.Kind.ShouldBe(ProblemKind.Invalid);
        refused.Fields.ShouldHaveSingleItem().Field.ShouldBe("cursor");
        refused.Fields[0].Reason.ShouldContain("other filters");
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    [InlineData("_-_-")]
    public void Decode_Garbage_IsRefusedNamingTheCursor(string cursor) =>
        ListCursor.Decode(cursor, Filter).Problem!.Fields.ShouldHaveSingleItem().Field.ShouldBe("cursor");

    [Fact]
    public void Decode_AnyEditedCharacter_IsRefused()
    {
        var cursor = ListCursor.Encode(Token, Filter)!;

        for (var i = 0; i < cursor.Length; i++)
        {
            var edited = cursor[..i] + (cursor[i] == 'A' ? 'B' : 'A') + cursor[(i + 1)..];
            ListCursor.Decode(edited, Filter).Succeeded.ShouldBeFalse($"the cursor edited at {i}");
        }
    }
}
