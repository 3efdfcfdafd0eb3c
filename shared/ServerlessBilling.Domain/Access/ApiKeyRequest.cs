using ServerlessBilling.Usage;

namespace ServerlessBilling.Access;

/// <summary>What a new API key is for: <c>{"name":"CRM sync","scope":"read_only"}</c>, or with <c>"scope":"customer","accountId":"acct-1"</c>.</summary>
public sealed record ApiKeyRequest(string? Name, ApiKeyScope? Scope, string? AccountId)
{
    public const int MaxNameLength = 100;

    /// <summary>Each field at fault and why; empty when the request can be issued (whether the account exists is the issuer's check).</summary>
    public IReadOnlyList<RecordProblem> Problems()
    {
        var problems = new List<RecordProblem>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength || Name.Any(char.IsControl))
        {
            problems.Add(new RecordProblem("name", $"1 to {MaxNameLength} characters, no control characters"));
        }

        if (Scope is null || !Enum.IsDefined(Scope.Value))
        {
            problems.Add(new RecordProblem("scope", "one of admin, read_only, customer"));
        }
        else if (Scope == ApiKeyScope.Customer && !IdRule.AccountId.Accepts(AccountId))
        {
            problems.Add(new RecordProblem("accountId", $"a customer key names its account: {IdRule.AccountId.Describes}"));
        }
        else if (Scope != ApiKeyScope.Customer && AccountId is not null)
        {
            problems.Add(new RecordProblem("accountId", "only a customer key names an account"));
        }

        return problems;
    }
}
