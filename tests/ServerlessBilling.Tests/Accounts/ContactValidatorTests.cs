using ServerlessBilling.Accounts;

namespace ServerlessBilling.Tests.Accounts;

public class ContactValidatorTests
{
    private static readonly BillingContact Complete = new(
        "Accounts Payable",
        "ap@acme-dental.example",
        "+14155550100",
        new BillingAddress(["100 Main St", "Suite 4"], "Springfield", "IL", "62701", "US"),
        "PO-2026-118",
        "EIN 12-3456789");

    [Fact]
    public void Validate_CompleteContact_HasNoProblems() => ContactValidator.Validate(Complete).ShouldBeEmpty();

    [Fact]
    public void Validate_EmptyContact_HasNoProblems() => ContactValidator.Validate(new BillingContact()).ShouldBeEmpty();

    public static TheoryData<BillingContact, string> Faults => new()
    {
        { Complete with { Email = "not an address" }, "contact.email" },
        { Complete with { Email = "Accounts <ap@acme.example>" }, "contact.email" },
        { Complete with { Phone = "+1415555" }, "contact.phone" },
        { Complete with { Phone = "4155550100" }, "contact.phone" },
        { Complete with { Name = "" }, "contact.name" },
        { Complete with { Name = new string('n', 201) }, "contact.name" },
        { Complete with { Address = Complete.Address! with { Country = "USA" } }, "contact.address.country" },
        { Complete with { Address = Complete.Address! with { Country = "us" } }, "contact.address.country" },
        { Complete with { Address = Complete.Address! with { Country = "XX" } }, "contact.address.country" },
        { Complete with { Address = Complete.Address! with { Lines = [] } }, "contact.address.lines" },
        { Complete with { Address = Complete.Address! with { Lines = ["a", "b", "c", "d"] } }, "contact.address.lines" },
        { Complete with { Address = Complete.Address! with { Lines = ["100 Main St", " "] } }, "contact.address.lines[1]" },
        { Complete with { Address = Complete.Address! with { City = "" } }, "contact.address.city" },
        { Complete with { Address = Complete.Address! with { PostalCode = new string('9', 21) } }, "contact.address.postalCode" },
        { Complete with { PoNumber = new string('p', 65) }, "contact.poNumber" },
        { Complete with { TaxId = "12<script>" }, "contact.taxId" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Validate_OneFault_NamesThatFieldOnly(BillingContact contact, string field) =>
        ContactValidator.Validate(contact).Select(p => p.Field).ShouldBe([field]);

    [Theory]
    [InlineData("(415) 555-0100", "US", "+14155550100")]
    [InlineData("020 7183 8750", "GB", "+442071838750")]
    [InlineData("+44 20 7183 8750", "US", "+442071838750")]
    public void Normalized_NationalSpelling_IsReadInTheAddressCountry(string phone, string country, string e164)
    {
        var contact = Complete with { Phone = phone, Address = Complete.Address! with { Country = country } };

        contact.Normalized().Phone.ShouldBe(e164);
        ContactValidator.Validate(contact.Normalized()).ShouldBeEmpty();
    }

    [Fact]
    public void Normalized_NoAddress_ReadsTheNumberInTheUnitedStates() =>
        new BillingContact(Phone: "415 555 0100").Normalized().Phone.ShouldBe("+14155550100");

    [Fact]
    public void AccountValidator_AccountWithABadContact_NamesTheContactField()
    {
        var account = new Account("acme", "Acme", "voice", new BillingProfile("UTC", 1, "USD")) { Contact = Complete with { Email = "nope" } };

        AccountValidator.Validate(account).Select(p => p.Field).ShouldBe(["contact.email"]);
    }
}
