using ServerlessBilling.Accounts;

namespace ServerlessBilling.Usage;

/// <summary>Decides which account a call is billed to, by the most specific evidence the source gives.</summary>
/// <remarks>
/// In order: an account the vendor's metadata names explicitly (the reseller put it on the call, so nothing else
/// overrides it; a name no account has is a problem, not a reason to guess); then the vendor's agent or assistant
/// id, as assigned on the call's start date (one number often fronts several customers' agents); then the holder of
/// the customer's number on that date. An event nothing matches is a problem naming the number's field, to wait in
/// quarantine until a mapping is added and the quarantine replayed.
/// </remarks>
public sealed class AccountAttribution(IAccountDirectory accounts)
{
    public async Task<Attribution> AttributeAsync(UsageEvent usage, CancellationToken cancellationToken)
    {
        if (usage.AccountId is { Length: > 0 } named)
        {
            return await accounts.FindAsync(named, cancellationToken) is { } account
                ? Attribution.To(account, AttributionRule.ExplicitAccount)
                : Attribution.Unattributed(new RecordProblem("accountId", $"account '{named}' does not exist"));
        }

        if (usage.AgentId is { Length: > 0 } agentId
            && await accounts.FindAgentHolderAsync(usage.Source, agentId, usage.StartedAt, cancellationToken) is { } agentHolder)
        {
            return Attribution.To(agentHolder, AttributionRule.Agent);
        }

        if (await accounts.FindHolderAsync(usage.CustomerNumber, usage.StartedAt, cancellationToken) is { } numberHolder)
        {
            return Attribution.To(numberHolder, AttributionRule.Number);
        }

        var field = usage.Direction == CallDirection.Inbound ? "to" : "from";
        var agent = usage.AgentId is { Length: > 0 } ? $" and no account holds {usage.Source} agent '{usage.AgentId}'" : "";
        return Attribution.Unattributed(new RecordProblem(field, $"no account holds {usage.CustomerNumber} at {usage.StartedAt}{agent}"));
    }
}
