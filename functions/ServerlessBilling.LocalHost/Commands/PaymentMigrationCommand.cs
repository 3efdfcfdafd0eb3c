using System.Globalization;
using System.Text.Json;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.Payments.Migrations;
using Spectre.Console;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>payment-migration --from authorizenet --to stripe --file map.csv [--json]</c>: imports the processor's migration mapping
/// through <c>POST /api/payment-migrations</c> of a running host and prints what it did with each line.</summary>
/// <remarks>Exit code 1 when a line was <see cref="PaymentMigrationOutcome.Rejected"/> or <see cref="PaymentMigrationOutcome.Failed"/>
/// (the file needs fixing, or the line importing again); skipped lines are the file's business, not an error.</remarks>
public static class PaymentMigrationCommand
{
    public static async Task<int> RunAsync(BillingApiClient api, string from, string to, string file, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        PaymentMigration migration;
        await using (var mapping = File.OpenRead(file))
        {
            migration = await api.ImportPaymentMigrationAsync(from, to, mapping, cancellationToken);
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(migration, BillingJson.Options));
        }
        else
        {
            WriteTable(migration, Terminal.Over(output));
            output.WriteLine(Summary(migration));
        }

        return migration.Rejected + migration.Failed > 0 ? 1 : 0;
    }

    /// <summary>The import's id and its count per outcome, the line a reseller keeps.</summary>
    public static string Summary(PaymentMigration m) => string.Create(CultureInfo.InvariantCulture,
        $"Import {m.ImportId} ({m.From} to {m.To}): {m.Migrated} migrated, {m.AlreadyMigrated} already migrated, {m.Skipped} skipped, {m.Rejected} rejected, {m.Failed} failed.");

    private static void WriteTable(PaymentMigration migration, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("Line").RightAligned()).AddColumn("Outcome").AddColumn("Account")
            .AddColumn("Old customer").AddColumn("New customer").AddColumn("New method").AddColumn("Reason");
        foreach (var line in migration.Lines)
        {
            table.AddRow(
                line.Line.ToString(CultureInfo.InvariantCulture), line.Outcome.ToString(), Cell(line.AccountId),
                Cell(line.OldCustomerId), Cell(line.NewCustomerId), Cell(line.NewPaymentMethodId), Cell(line.Reason));
        }

        console.Write(table);
    }

    private static string Cell(string? text) => text is null ? "-" : Markup.Escape(text);
}
