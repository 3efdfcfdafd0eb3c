using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

public class CsvFieldsTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("\"a\",\"b,c\"", new[] { "a", "b,c" })]
    [InlineData("\"\"\"Alice\"\" <1001>\",x", new[] { "\"Alice\" <1001>", "x" })]
    [InlineData("\"a\", \"b\"", new[] { "a", "b" })]
    [InlineData("\"a\",,5", new[] { "a", "", "5" })]
    [InlineData("a,", new[] { "a", "" })]
    [InlineData("", new[] { "" })]
    [InlineData(" a ,b", new[] { " a ", "b" })]
    public void TrySplit_Line_GivesItsFields(string line, string[] expected)
    {
        var fields = new List<string>();
        CsvFields.TrySplit(line, fields, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        fields.ShouldBe(expected);
    }

    [Theory]
    [InlineData("\"a\",\"b", "unterminated quoted field 2")]
    [InlineData("\"a\"x,b", "unexpected text after quoted field 1")]
    [InlineData("\"a\"\"", "unterminated quoted field 1")]
    public void TrySplit_BrokenQuotes_FailsNamingTheField(string line, string reason)
    {
        CsvFields.TrySplit(line, [], out var error).ShouldBeFalse();
        error.ShouldBe(reason);
    }
}
