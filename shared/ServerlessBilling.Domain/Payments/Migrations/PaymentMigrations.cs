using System.Text.RegularExpressions;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Events;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Payments.Migrations;

/// <summary>Moves accounts between gateways from the processor's migration mapping, so customers never type their card in again:
/// each account whose profile is the mapping's old customer and method gets the new gateway's customer and method as its default.</summary>
/// <remarks>
/// <para>Safe to run again: a line whose account an earlier import moved is <see cref="PaymentMigrationOutcome.AlreadyMigrated"/>, and
/// every write is idempotent (the gateway call under keys derived from the import and the ids, the event under its business key), so an
/// import cut short is finished by importing the same file again, and a line the gateway refused is asked again by the next import.</para>
/// <para>Nothing is charged by the import itself: open invoices are charged through the new gateway at their next attempt.</para>
/// </remarks>
public sealed partial class PaymentMigrations(IAccountDirectory accounts, IPaymentGateways gateways, IPaymentMigrationLog log, IOutbox outbox, IClock clock)
{
    private const int AccountPageSize = 1000;

    /// <summary>Reads the mapping, moves what it can and stores the result under a new import id.</summary>
    /// <returns>The import with every line's outcome; invalid (naming <c>from</c>, <c>to</c> or <c>header</c>) when the gateways or the
    /// file's columns are wrong, in which case nothing is moved.</returns>
    public async Task<Outcome<PaymentMigration>> ImportAsync(string? from, string? to, TextReader csv, CancellationToken cancellationToken)
    {
        if (Refusal(from, to) is { } refused)
        {
            return refused;
        }

        var read = PaymentMigrationFile.Read(csv, from!, to!);
        if (!read.TryGetValue(out var mapping))
        {
            return read.Problem!;
        }

        var importId = "mig-" + Guid.NewGuid().ToString("N");
        var now = clock.GetCurrentInstant();
        var target = gateways.For(to!);
        var (byOldCustomer, byPrevious) = await IndexAsync(from!, cancellationToken);
        var lines = new List<PaymentMigrationLine>(mapping.Rejected);
        foreach (var row in mapping.Rows)
        {
            var move = new Move(row, from!, to!, importId, now);
            lines.Add(byPrevious.TryGetValue(row.OldCustomerId, out var moved) && byOldCustomer.GetValueOrDefault(row.OldCustomerId) is null
                ? await AlreadyAsync(move, moved, cancellationToken)
                : byOldCustomer.TryGetValue(row.OldCustomerId, out var account)
                    ? await MigrateAsync(move, account, target, cancellationToken)
                    : PaymentMigrationLine.For(row, PaymentMigrationOutcome.Skipped, null,
                        $"{PaymentMigrationFile.OldCustomerColumn} on line {row.Line}: no account pays through {PaymentGatewayNames.DisplayName(from!)} customer '{row.OldCustomerId}'"));
        }

        var migration = new PaymentMigration(importId, from!, to!, now, [.. lines.OrderBy(l => l.Line)]);
        await log.SaveAsync(migration, cancellationToken);
        return migration;
    }

    /// <summary>The stored result of an import; not found when there is none of that id.</summary>
    public async Task<Outcome<PaymentMigration>> FindAsync(string importId, CancellationToken cancellationToken) =>
        await log.FindAsync(importId, cancellationToken) is { } migration ? migration : Problem.NotFound($"Payment migration '{importId}'");

    private Problem? Refusal(string? from, string? to)
    {
        const string Title = "No accounts were moved";
        foreach (var (field, name) in new[] { ("from", from), ("to", to) })
        {
            if (string.IsNullOrEmpty(name))
            {
                return Problem.Invalid(Title, new RecordProblem(field, "is required: the gateway's name, e.g. authorizenet or stripe"));
            }

            if (!gateways.TryFor(name).Succeeded || name != name.ToLowerInvariant())
            {
                return Problem.Invalid(Title, new RecordProblem(field, $"'{name}' is not a gateway: use {PaymentGatewayNames.Stripe} or {PaymentGatewayNames.AuthorizeNet}"));
            }
        }

        return from == to ? Problem.Invalid(Title, new RecordProblem("to", $"is the gateway accounts are moved from ('{from}')")) : null;
    }

    /// <summary>Every account still paying through <paramref name="from"/>, by its customer there, and every account an import moved away
    /// from it, by the customer it had; one pass over the accounts, however long the file.</summary>
    private async Task<(Dictionary<string, Account> ByOldCustomer, Dictionary<string, Account> ByPrevious)> IndexAsync(string from, CancellationToken cancellationToken)
    {
        var byOldCustomer = new Dictionary<string, Account>(StringComparer.Ordinal);
        var byPrevious = new Dictionary<string, Account>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await accounts.ListAsync(token, AccountPageSize, cancellationToken);
            foreach (var account in page.Accounts)
            {
                if (account.Payment is { } profile && string.Equals(profile.Gateway, from, StringComparison.OrdinalIgnoreCase))
                {
                    byOldCustomer.TryAdd(profile.CustomerId, account);
                }
                else if (account.Payment?.MigratedFrom is { } previous && string.Equals(previous.Gateway, from, StringComparison.OrdinalIgnoreCase))
                {
                    byPrevious.TryAdd(previous.CustomerId, account);
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return (byOldCustomer, byPrevious);
    }

    private async Task<PaymentMigrationLine> MigrateAsync(Move move, Account account, IPaymentGateway target, CancellationToken cancellationToken)
    {
        var row = move.Row;
        var onFile = account.Payment!.DefaultMethod?.PaymentMethodId;
        if (onFile != row.OldPaymentMethodId)
        {
            return PaymentMigrationLine.For(row, PaymentMigrationOutcome.Skipped, account.Id, onFile is null
                ? $"{PaymentMigrationFile.OldPaymentMethodColumn} on line {row.Line}: account '{account.Id}' has no payment method on file to move"
                : $"{PaymentMigrationFile.OldPaymentMethodColumn} on line {row.Line}: account '{account.Id}' pays with payment profile '{onFile}', not '{row.OldPaymentMethodId}'");
        }

        PaymentMethodOnFile method;
        try
        {
            // Idempotent at the gateway under keys of the import and the two ids: a retry within this import is answered the same, and
            // a new import asks again, so a line the gateway refused (which it stores under the key too) can be retried.
            method = await target.SetDefaultPaymentMethodAsync(row.NewCustomerId, row.NewPaymentMethodId, move.ImportId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Failed, not Skipped: the line is good and the account still pays the old way, so importing again is the retry.
            return PaymentMigrationLine.For(row, PaymentMigrationOutcome.Failed, account.Id,
                $"{PaymentMigrationFile.NewPaymentMethodColumn} on line {row.Line}: {PaymentGatewayNames.DisplayName(move.To)} did not make it customer '{row.NewCustomerId}''s default ({GatewayMessage(e.Message)}); import the line again to retry");
        }

        var previous = new PreviousPaymentProfile(move.From, row.OldCustomerId, row.OldPaymentMethodId, move.ImportId, move.At);
        var moved = false;
        var updated = await accounts.UpdateAsync(account.Id, a =>
        {
            // As stored now: a method chosen meanwhile (the customer on the portal) is the customer's word and stays.
            moved = a.Payment is { } p && p.Gateway == account.Payment.Gateway && p.CustomerId == row.OldCustomerId && p.DefaultMethod?.PaymentMethodId == row.OldPaymentMethodId;
            return moved ? a with { Payment = new PaymentProfile(move.To, row.NewCustomerId, method, move.At, previous) } : a;
        }, cancellationToken);
        if (!moved || updated is null)
        {
            return PaymentMigrationLine.For(row, PaymentMigrationOutcome.Skipped, account.Id,
                $"{PaymentMigrationFile.OldPaymentMethodColumn} on line {row.Line}: account '{account.Id}' chose another payment method while the file was imported");
        }

        await AnnounceAsync(account.Id, updated.Payment!, cancellationToken);
        return PaymentMigrationLine.For(row, PaymentMigrationOutcome.Migrated, account.Id);
    }

    private async Task<PaymentMigrationLine> AlreadyAsync(Move move, Account account, CancellationToken cancellationToken)
    {
        var row = move.Row;
        var profile = account.Payment!;
        if (profile.MigratedFrom!.PaymentMethodId != row.OldPaymentMethodId || profile.CustomerId != row.NewCustomerId)
        {
            return PaymentMigrationLine.For(row, PaymentMigrationOutcome.Skipped, account.Id,
                $"{PaymentMigrationFile.OldCustomerColumn} on line {row.Line}: account '{account.Id}' was moved from this customer by import '{profile.MigratedFrom.ImportId}' with other ids");
        }

        // An import cut short between the account and its event is finished here: the event's key makes a second one the same event.
        if (profile.Gateway == move.To && profile.DefaultMethod?.PaymentMethodId == row.NewPaymentMethodId)
        {
            await AnnounceAsync(account.Id, profile, cancellationToken);
        }

        return PaymentMigrationLine.For(row, PaymentMigrationOutcome.AlreadyMigrated, account.Id);
    }

    private Task AnnounceAsync(string accountId, PaymentProfile profile, CancellationToken cancellationToken)
    {
        var previous = profile.MigratedFrom!;
        var method = profile.DefaultMethod!;
        return outbox.AddAsync(DomainEvent.Create(PaymentEvents.PaymentMethodMigrated, $"{accountId}:{previous.Gateway}:{previous.PaymentMethodId}", previous.MigratedAt, accountId,
            new
            {
                accountId,
                from = previous.Gateway,
                to = profile.Gateway,
                previousCustomerId = previous.CustomerId,
                previousPaymentMethodId = previous.PaymentMethodId,
                customerId = profile.CustomerId,
                paymentMethodId = method.PaymentMethodId,
                kind = method.Kind,
                label = method.Label,
                importId = previous.ImportId,
            }), cancellationToken);
    }

    /// <summary>The gateway's own words, as stored and shown to the reseller: any API key or signing secret in them masked, and short.</summary>
    private static string GatewayMessage(string message)
    {
        var masked = Secret().Replace(message, m => m.Groups["kind"].Value + "****");
        return masked.Length <= 300 ? masked : masked[..300] + "…";
    }

    [GeneratedRegex(@"(?<kind>(sk|rk|pk)_(live|test)_|whsec_)[A-Za-z0-9*]+")]
    private static partial Regex Secret();

    private sealed record Move(MigrationMappingRow Row, string From, string To, string ImportId, Instant At);
}
