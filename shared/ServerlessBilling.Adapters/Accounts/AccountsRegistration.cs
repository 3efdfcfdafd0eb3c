using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Accounts;

/// <summary>Accounts: the directory of accounts, their numbers and agents, that attribution, closes and payments read.</summary>
public static class AccountsRegistration
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) =>
        services.AddSingleton<IAccountDirectory, TableAccountDirectory>()
            .AddSingleton<AccountChanges>()
            .AddSingleton<PlanChanges>();
}
