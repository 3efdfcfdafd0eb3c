using ServerlessBilling.Accounts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Accounts;

/// <summary>An account's tax profile may name its service address's PCode; anything but a whole number of up to nine digits is refused.</summary>
public class AccountPcodeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1_000_000_000)]
    public void Validate_PcodeOutOfRange_NamesTaxPcode(int pcode)
    {
        var account = new Account("acme", "Acme", "voice", new BillingProfile("UTC", 1, "USD")) { Tax = new AccountTaxProfile() { Pcode = pcode } };

        AccountValidator.Validate(account).ShouldBe([new RecordProblem("tax.pcode", $"{pcode} is not a PCode: a whole number from 1 to 999999999")]);
    }

    [Fact]
    public void Validate_PcodeOfSevenDigits_IsValid() =>
        AccountValidator.Validate(new Account("acme", "Acme", "voice", new BillingProfile("UTC", 1, "USD")) { Tax = new AccountTaxProfile() { Pcode = 2502500 } }).ShouldBeEmpty();
}
