using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Payments;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Tests.Accounts;

/// <summary>The fields an account save names in its audit record: set or changed ones by their JSON names, lists compared by content,
/// collections' own fields never.</summary>
public class AccountProfileFieldsTests
{
    private static readonly Account Acme = TestPlans.Acme;

    [Fact]
    public void Changed_NoAccountBefore_NamesEveryFieldTheNewOneSets()
    {
        AccountProfileFields.Changed(null, Acme with { ActiveFrom = new LocalDate(2026, 1, 1) })
            .ShouldBe(["name", "planId", "billing", "activeFrom"]);
    }

    [Fact]
    public void Changed_SameProfile_NamesNothing()
    {
        AccountProfileFields.Changed(Acme, Acme with { }).ShouldBeEmpty();
    }

    [Fact]
    public void Changed_NameAndContact_NamesBothInDocumentOrder()
    {
        var after = Acme with { Contact = new BillingContact("Ana", "ana@clinic.example"), Name = "Acme (CRM)" };

        AccountProfileFields.Changed(Acme, after).ShouldBe(["name", "contact"]);
    }

    [Fact]
    public void Changed_NestedValue_NamesItsTopField()
    {
        AccountProfileFields.Changed(Acme, Acme with { Billing = Acme.Billing with { NetTermsDays = 45 } }).ShouldBe(["billing"]);
    }

    [Fact]
    public void Changed_AFieldCleared_IsNamed()
    {
        var before = Acme with { ParentAccountId = "parent" };

        AccountProfileFields.Changed(before, Acme).ShouldBe(["parentAccountId"]);
    }

    [Fact]
    public void Changed_EqualListsInOtherInstances_NamesNothing()
    {
        ResellerCertificate Certificate() => new("812345", new LocalDate(2026, 1, 2), new LocalDate(2026, 12, 31));
        var before = Acme with { Tax = new AccountTaxProfile(ResellerCertificates: [Certificate()]) };
        var after = Acme with { Tax = new AccountTaxProfile(ResellerCertificates: [Certificate()]) };

        AccountProfileFields.Changed(before, after).ShouldBeEmpty();
    }

    [Fact]
    public void Changed_PaymentAndSuspension_AreCollectionsAndNeverNamed()
    {
        var after = Acme with { Payment = new PaymentProfile("stripe", "cus_1"), SuspendedAt = Instant.FromUtc(2026, 3, 1, 0, 0) };

        AccountProfileFields.Changed(Acme, after).ShouldBeEmpty();
    }
}
