using ServerlessBilling.Usage;

namespace ServerlessBilling.Accounts;

/// <summary>The rules of parent accounts and their child locations: who closes which period, and which links are allowed.</summary>
/// <remarks>
/// Groups are one level deep: a parent is never itself a child, so a consolidated invoice never has to decide
/// whose subtotal a grandchild belongs to. A child shares its parent's currency (one invoice, one currency) and
/// bill-cycle day (its usage is kept by its own period, which must be the parent's period for the lines to line up).
/// </remarks>
public static class AccountGroups
{
    /// <summary>True when <paramref name="account"/> is not closed on its own because <paramref name="parent"/> bills it.</summary>
    public static bool IsBilledByParent(Account account, Account? parent) =>
        account.ParentAccountId is not null && parent is { ConsolidatesChildren: true } && parent.Id == account.ParentAccountId;

    /// <summary>Why a close of a consolidated child is not started: it is billed on its parent's invoice.</summary>
    public static RecordProblem BilledByParentProblem(Account account) =>
        new("accountId", $"account '{account.Id}' is billed on the consolidated invoice of its parent '{account.ParentAccountId}'");

    /// <summary>Looks up the parent and the account's own children in <paramref name="directory"/> and checks the account's place in a group.</summary>
    public static async Task<IReadOnlyList<RecordProblem>> ValidateAsync(Account account, IAccountDirectory directory, CancellationToken cancellationToken)
    {
        if (account.ParentAccountId is not { } parentId || parentId == account.Id)
        {
            return Validate(account, null, []);
        }

        var parent = await directory.FindAsync(parentId, cancellationToken);
        var children = await directory.ListChildrenAsync(account.Id, cancellationToken);
        return Validate(account, parent, children);
    }

    /// <summary>Checks the account's place in a group before it is stored.</summary>
    /// <param name="parent">The account named by <see cref="Account.ParentAccountId"/>, or null when it does not exist (or none is named).</param>
    /// <param name="children">The accounts that already name <paramref name="account"/> as their parent.</param>
    public static IReadOnlyList<RecordProblem> Validate(Account account, Account? parent, IReadOnlyList<Account> children)
    {
        if (account.ParentAccountId is not { } parentId)
        {
            return [];
        }

        if (parentId == account.Id)
        {
            return [new RecordProblem("parentAccountId", "an account cannot be its own parent")];
        }

        if (parent is null)
        {
            return [new RecordProblem("parentAccountId", $"account '{parentId}' does not exist")];
        }

        var problems = new List<RecordProblem>();
        if (parent.ParentAccountId is not null)
        {
            problems.Add(new RecordProblem("parentAccountId", $"account '{parentId}' is itself a location of '{parent.ParentAccountId}'; groups are one level deep"));
        }

        if (children.Count > 0)
        {
            problems.Add(new RecordProblem("parentAccountId", $"account '{account.Id}' has locations of its own; groups are one level deep"));
        }

        if (account.GroupBilling is not null)
        {
            problems.Add(new RecordProblem("groupBilling", "only a parent account chooses how its locations are billed"));
        }

        if (account.Billing is { } billing && parent.Billing is { } parentBilling)
        {
            if (billing.Currency != parentBilling.Currency)
            {
                problems.Add(new RecordProblem("billing.currency", $"must be the parent's currency, {parentBilling.Currency}"));
            }

            if (billing.BillCycleDay != parentBilling.BillCycleDay)
            {
                problems.Add(new RecordProblem("billing.billCycleDay", $"must be the parent's bill-cycle day, {parentBilling.BillCycleDay}"));
            }
        }

        return problems;
    }
}
