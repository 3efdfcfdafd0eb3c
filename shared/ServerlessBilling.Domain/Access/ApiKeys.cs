using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Paging;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Access;

/// <summary>Issuing, listing and revoking API keys, and telling who a presented key is.</summary>
public sealed class ApiKeys(IApiKeyStore store, IAccountDirectory accounts, IClock clock)
{
    /// <summary>Issues a key as <paramref name="request"/> describes; a customer key's account must exist.</summary>
    public async Task<Outcome<IssuedApiKey>> IssueAsync(ApiKeyRequest request, CancellationToken cancellationToken)
    {
        if (request.Problems() is { Count: > 0 } problems)
        {
            return Problem.Invalid("The API key request is not valid", problems);
        }

        if (request.Scope == ApiKeyScope.Customer && await accounts.FindAsync(request.AccountId!, cancellationToken) is null)
        {
            return Problem.Invalid("The API key request is not valid", new RecordProblem("accountId", $"no account '{request.AccountId}' exists"));
        }

        // Ids are 32 random bits: a collision is rare, and a second draw settles it.
        while (true)
        {
            var (id, secret) = ApiKeySecrets.Create();
            var key = new ApiKey(id, request.Name!.Trim(), request.Scope!.Value, request.AccountId, clock.GetCurrentInstant());
            if (await store.TryCreateAsync(new StoredApiKey(key, ApiKeySecrets.Hash(secret)), cancellationToken))
            {
                return new IssuedApiKey(key, secret);
            }
        }
    }

    /// <summary>One page of every key, revoked ones included, in creation order.</summary>
    public Task<ListPage<ApiKey>> ListAsync(PageRequest page, CancellationToken cancellationToken) => store.ListAsync(page, cancellationToken);

    /// <summary>Revokes the key: from now on it authenticates nothing. Revoking a revoked key again changes nothing.</summary>
    public async Task<Outcome<ApiKey>> RevokeAsync(string id, CancellationToken cancellationToken) =>
        await store.RevokeAsync(id, clock.GetCurrentInstant(), cancellationToken) is { } revoked
            ? revoked
            : Problem.NotFound($"API key '{id}'");

    /// <summary>The key <paramref name="presented"/> is the secret of, if it is a live one; records its use at most once a minute
    /// (<see cref="ApiKey.LastUsedResolution"/>).</summary>
    public async Task<Outcome<ApiKey>> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (ApiKeySecrets.IdOf(presented) is not { } id
            || await store.FindAsync(id, cancellationToken) is not { } stored
            || !ApiKeySecrets.Matches(presented, stored.SecretHash))
        {
            return Problem.Unauthorized("The API key is not valid");
        }

        if (stored.Key.IsRevoked)
        {
            return Problem.Unauthorized($"The API key {stored.Key.Prefix} was revoked");
        }

        var now = clock.GetCurrentInstant();
        if (stored.Key.NeedsUseRecorded(now))
        {
            await store.RecordUseAsync(id, now, cancellationToken);
        }

        return stored.Key;
    }
}
