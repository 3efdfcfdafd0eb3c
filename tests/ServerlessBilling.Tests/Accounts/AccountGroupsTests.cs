using ServerlessBilling.Accounts;

namespace ServerlessBilling.Tests.Accounts;

/// <summary>Which parent and child links are accepted, and when a child is billed by its parent.</summary>
public class AccountGroupsTests
{
    private static readonly Account Parent = new("group", "Group HQ", "plan", new BillingProfile("UTC", 1, "USD")) { GroupBilling = GroupBilling.Consolidated };

    private static Account Child(string id = "branch") => new(id, "Branch", "plan", new BillingProfile("America/Chicago", 1, "USD")) { ParentAccountId = Parent.Id };

    [Fact]
    public void Validate_ChildOfAnExistingParentInTheSameCurrencyAndCycle_HasNoProblems() =>
        AccountGroups.Validate(Child(), Parent, []).ShouldBeEmpty();

    [Fact]
    public void Validate_StandAloneAccount_HasNoProblems() =>
        AccountGroups.Validate(Parent, null, [Child()]).ShouldBeEmpty();

    [Fact]
    public void Validate_OwnParent_IsRefused() =>
        AccountGroups.Validate(Child() with { ParentAccountId = "branch" }, null, []).ShouldBe(
            [new("parentAccountId", "an account cannot be its own parent")]);

    [Fact]
    public void Validate_MissingParent_IsRefused() =>
        AccountGroups.Validate(Child(), null, []).ShouldBe([new("parentAccountId", "account 'group' does not exist")]);

    [Fact]
    public void Validate_ParentThatIsItselfAChild_IsRefused() =>
        AccountGroups.Validate(Child(), Parent with { ParentAccountId = "holding" }, []).ShouldBe(
            [new("parentAccountId", "account 'group' is itself a location of 'holding'; groups are one level deep")]);

    [Fact]
    public void Validate_ChildThatHasChildrenOfItsOwn_IsRefused() =>
        AccountGroups.Validate(Child(), Parent, [Child("sub-branch") with { ParentAccountId = "branch" }]).ShouldBe(
            [new("parentAccountId", "account 'branch' has locations of its own; groups are one level deep")]);

    [Fact]
    public void Validate_OtherCurrencyOrBillCycleDay_NamesBothFields() =>
        AccountGroups.Validate(Child() with { Billing = new BillingProfile("UTC", 15, "EUR") }, Parent, []).ShouldBe(
        [
            new("billing.currency", "must be the parent's currency, USD"),
            new("billing.billCycleDay", "must be the parent's bill-cycle day, 1"),
        ]);

    [Fact]
    public void Validate_ChildChoosingGroupBilling_IsRefused() =>
        AccountGroups.Validate(Child() with { GroupBilling = GroupBilling.Individual }, Parent, []).ShouldBe(
            [new("groupBilling", "only a parent account chooses how its locations are billed")]);

    [Theory]
    [InlineData(GroupBilling.Consolidated, true)]
    [InlineData(GroupBilling.Individual, false)]
    [InlineData(null, false)]
    public void IsBilledByParent_FollowsTheParentsChoice_IndividualWhenUnset(GroupBilling? choice, bool expected) =>
        AccountGroups.IsBilledByParent(Child(), Parent with { GroupBilling = choice }).ShouldBe(expected);

    [Fact]
    public async Task ValidateAsync_ReadsTheParentAndChildrenFromTheDirectory()
    {
        var directory = new InMemoryAccountDirectory(Parent, Child("sub") with { ParentAccountId = "branch" });

        var problems = await AccountGroups.ValidateAsync(Child(), directory, CancellationToken.None);

        problems.ShouldBe([new("parentAccountId", "account 'branch' has locations of its own; groups are one level deep")]);
    }
}
