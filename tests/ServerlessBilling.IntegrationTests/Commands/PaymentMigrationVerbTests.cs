using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ServerlessBilling.IntegrationTests.Payments;
using ServerlessBilling.LocalHost.Commands;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The <c>payment-migration</c> verb against a running host: each line's outcome as a table or as the API's JSON, and an exit code
/// that tells a file needing attention (a rejected or failed line) from one that went through.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PaymentMigrationVerbTests(PaymentsHost app) : IClassFixture<PaymentsHost>, IDisposable
{
    private const string Header = "old_customer_id,old_payment_method_id,new_customer_id,new_payment_method_id";

    private readonly string file = Path.Combine(Path.GetTempPath(), $"map-{Token()}.csv");

    [Fact]
    public async Task PaymentMigration_RejectedLine_PrintsItsReasonAndExitsOne()
    {
        var (unknown, malformed) = (Digits(), Digits());
        await File.WriteAllTextAsync(file, $"{Header}\n{unknown},{Digits()},cus_{Token()},pm_{Token()}\n{malformed},{Digits()},{Digits()},pm_{Token()}\n");
        using var output = new StringWriter();

        var exit = await PaymentMigrationCommand.RunAsync(app.Api, "authorizenet", "stripe", file, json: false, output, CancellationToken.None);

        exit.ShouldBe(1);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(l => l.Contains($" 2 ", StringComparison.Ordinal) && l.Contains("Skipped", StringComparison.Ordinal) && l.Contains(unknown, StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains($" 3 ", StringComparison.Ordinal) && l.Contains("Rejected", StringComparison.Ordinal) && l.Contains("new_customer_id on line 3", StringComparison.Ordinal));
        lines[^1].ShouldStartWith("Import mig-");
        lines[^1].ShouldEndWith("(authorizenet to stripe): 0 migrated, 0 already migrated, 1 skipped, 1 rejected, 0 failed.");
    }

    [Fact]
    public async Task PaymentMigration_Json_IsTheImportAsTheApiAnswersIt_AndSkippedLinesExitZero()
    {
        var unknown = Digits();
        await File.WriteAllTextAsync(file, $"{Header}\n{unknown},{Digits()},cus_{Token()},pm_{Token()}\n");
        using var output = new StringWriter();

        var exit = await PaymentMigrationCommand.RunAsync(app.Api, "authorizenet", "stripe", file, json: true, output, CancellationToken.None);

        exit.ShouldBe(0);
        var import = JsonDocument.Parse(output.ToString()).RootElement;
        var line = import.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem();
        (line.GetProperty("line").GetInt32(), line.GetProperty("outcome").GetString(), line.GetProperty("oldCustomerId").GetString()).ShouldBe((2, "Skipped", unknown));
        (import.GetProperty("skipped").GetInt32(), import.GetProperty("rejected").GetInt32()).ShouldBe((1, 0));
        var stored = await app.Api.GetPaymentMigrationAsync(import.GetProperty("importId").GetString()!, CancellationToken.None);
        stored.Skipped.ShouldBe(1);
    }

    public void Dispose() => File.Delete(file);

    private static string Token() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static string Digits() => RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture) + RandomNumberGenerator.GetInt32(1000, 9999).ToString(CultureInfo.InvariantCulture);
}
