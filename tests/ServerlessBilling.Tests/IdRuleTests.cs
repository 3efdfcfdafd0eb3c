using CsCheck;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests;

public class IdRuleTests
{
    [Theory]
    [InlineData("acct-1")]
    [InlineData("A")]
    [InlineData("agent_01jx:v2.3")]
    [InlineData("9f8e7d6c-0000-4000-8000-000000000000")]
    public void Id_TheGrammar_IsAccepted(string id) => IdRule.Id.Accepts(id).ShouldBeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("_leading")]
    [InlineData("a/c-a1")]
    [InlineData("a%2Fc-a1")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a b")]
    [InlineData("a\u0000b")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    [InlineData("acct-é")]
    [InlineData("a|b")]
    public void Id_ReservedOrForeignCharacters_AreRefused(string id) => IdRule.Id.Accepts(id).ShouldBeFalse();

    [Fact]
    public void Id_LongerThan128_IsRefusedWithItsLength()
    {
        IdRule.Id.Accepts(new string('a', 128)).ShouldBeTrue();

        var problem = IdRule.Id.Check("planId", new string('a', 129));

        problem.ShouldBe(new RecordProblem("planId", "is 129 characters long; 1 to 128 characters: a letter or digit, then letters, digits, '.', '_', ':' or '-'"));
    }

    [Fact]
    public void AccountId_LeavesRoomForTheIdsDerivedFromIt()
    {
        var longest = new string('a', IdRule.AccountId.MaxLength);

        IdRule.AccountId.Accepts(longest).ShouldBeTrue();
        IdRule.AccountId.Accepts(longest + "a").ShouldBeFalse();
        IdRule.Id.Accepts($"{longest}-20261001-late-fee-12").ShouldBeTrue();
    }

    [Theory]
    [InlineData("+14155550100", true)]
    [InlineData("+442071838750", true)]
    [InlineData("+123456789012345", true)]
    [InlineData("+1234567890123456", false)]
    [InlineData("+1234567", true)]
    [InlineData("+123456", false)]
    [InlineData("+04155550100", false)]
    [InlineData("14155550100", false)]
    [InlineData("+1 415 555 0100", false)]
    public void PhoneNumber_IsE164(string number, bool valid) => IdRule.PhoneNumber.Accepts(number).ShouldBe(valid);

    [Theory]
    [InlineData("2026-10-01", true)]
    [InlineData("2026-02-30", false)]
    [InlineData("2026-1-01", false)]
    [InlineData("20261001", false)]
    public void Date_IsAnIsoCalendarDate(string date, bool valid) => IdRule.Date.Accepts(date).ShouldBe(valid);

    [Theory]
    [InlineData("asterisk/acme/Master.csv", true)]
    [InlineData("asterisk//Master.csv", false)]
    [InlineData("/asterisk/Master.csv", false)]
    [InlineData("asterisk/a%2Fb.csv", false)]
    [InlineData("asterisk/../Master.csv", false)]
    public void FileName_IsSegmentsOfIdCharacters(string name, bool valid) => IdRule.FileName.Accepts(name).ShouldBe(valid);

    [Fact]
    public void Check_AHugeValue_QuotesNoMoreThan40Characters()
    {
        var problem = IdRule.SourceName.Check("source", "Twilio" + new string('x', 10));

        problem.ShouldBe(new RecordProblem("source", "'Twilioxxxxxxxxxx' is not valid: 1 to 32 lower-case letters, digits or '-', starting with a letter, e.g. retell"));
        IdRule.Id.Check("id", "#" + new string('x', 100))!.Reason.ShouldStartWith($"'#{new string('x', 39)}...' is not valid");
    }

    [Fact]
    public void Validate_SeveralIds_NamesEachFieldAtFault()
    {
        var problem = ResourceIds.Validate(
            new("accountId", "a%2Fc-a1", IdRule.AccountId), new("invoiceId", "inv-1", IdRule.Id), new("number", "12", IdRule.PhoneNumber));

        problem!.Kind.ShouldBe(ProblemKind.Invalid);
        problem.Fields.Select(f => f.Field).ShouldBe(["accountId", "number"]);
        ResourceIds.Validate(new ResourceIds.Named("invoiceId", "inv-1", IdRule.Id)).ShouldBeNull();
    }

    [Fact]
    public void Id_EveryAcceptedId_IsAValidTableKeyWithOneSpellingInAPath()
    {
        // Azure Tables: at most 1 KiB, none of / \ # ?, no control character; and no '%', so a URL decode never changes it.
        Gen.String[Gen.Char["aZ09._:-_/\\#?% \u0000\u001f\u007f\u0085\u00e9"], 0, 140].Sample(id =>
        {
            var safe = id.Length <= 128 && id.IndexOfAny(['/', '\\', '#', '?', '%']) < 0 && !id.Any(char.IsControl) && id.All(char.IsAscii);
            if (IdRule.Id.Accepts(id))
            {
                safe.ShouldBeTrue();
                Uri.UnescapeDataString(id).ShouldBe(id);
            }
            else
            {
                (safe && id.Length > 0 && char.IsAsciiLetterOrDigit(id[0]) && !id.Contains(' ', StringComparison.Ordinal)).ShouldBeFalse();
            }
        });
    }
}
