namespace ServerlessBilling.Tests;

public class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+15551234567", "'+15551234567")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_SpreadsheetFormulasAndSeparators_AreNeutralizedAndQuoted(string? value, string expected) =>
        Csv.Text(value).ShouldBe(expected);

    [Fact]
    public void Number_Decimal_IsInvariantAndUnquoted() => Csv.Number(-1234.5m).ShouldBe("-1234.5");
}
