using Microsoft.AspNetCore.Http;
using ServerlessBilling.Accounts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Http;

/// <summary>The filters of <c>GET /api/accounts</c>: <c>parent</c> (an account id) and <c>status</c> (<c>active</c> or <c>suspended</c>).</summary>
public static class AccountListQuery
{
    public static Outcome<AccountListFilter> Read(HttpRequest request)
    {
        var parent = request.Query["parent"].FirstOrDefault();
        if (parent is not null && ResourceIds.Validate(new ResourceIds.Named("parent", parent, IdRule.AccountId)) is { } refused)
        {
            return refused;
        }

        var statusText = request.Query["status"].FirstOrDefault();
        AccountStatus? status = statusText switch
        {
            "active" => AccountStatus.Active,
            "suspended" => AccountStatus.Suspended,
            _ => null,
        };
        if (statusText is not null && status is null)
        {
            return Problem.Invalid("The accounts cannot be listed", new RecordProblem("status", "must be active or suspended"));
        }

        return new AccountListFilter(parent, status);
    }
}
