using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>The logger factory both hosts get from <c>AddTelemetry</c> redacts classified <c>[LoggerMessage]</c> parameters before a
/// provider sees the record: in its message and in its fields.</summary>
public partial class LogRedactionTests
{
    private const string Number = "+17205550100";
    private const string Email = "ana.lopez@clinic.example";
    private const string Key = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

    [Fact]
    public void ClassifiedParameters_AreRedactedByTheLoggerFactory_UnclassifiedOnesAreNot()
    {
        var (logs, provider) = Logging(masking: true);
        using (provider)
        {
            LogContacted(provider.GetRequiredService<ILogger<LogRedactionTests>>(), "acct-7", Number, Email, Key, $"no account holds {Number} (CA123)");
        }

        var record = logs.Records.ShouldHaveSingleItem();
        record.ShouldContain("Account acct-7 called from +1******0100 as a***@clinic.example with key  about no account holds +1******0100 (CA123)");
        record.ShouldContain("Number=+1******0100");
        record.ShouldContain("Email=a***@clinic.example");
        record.ShouldContain("AccountId=acct-7");
        record.ShouldNotContain("7205550100");
        record.ShouldNotContain("ana.lopez");
        record.ShouldNotContain(Key);
    }

    [Fact]
    public void MaskingSwitchedOff_ShowsNumbersButStillErasesSecrets()
    {
        var (logs, provider) = Logging(masking: false);
        using (provider)
        {
            LogContacted(provider.GetRequiredService<ILogger<LogRedactionTests>>(), "acct-8", Number, Email, Key, "no reason");
        }

        var record = logs.Records.ShouldHaveSingleItem();
        record.ShouldContain($"called from {Number} as a***@clinic.example");
        record.ShouldNotContain(Key);
    }

    private static (CapturedLogs Logs, ServiceProvider Provider) Logging(bool masking)
    {
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddLogRedaction(new PhoneNumberMask(masking));
        return (logs, services.BuildServiceProvider());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} called from {Number} as {Email} with key {Key} about {Reason}")]
    private static partial void LogContacted(
        ILogger logger, string accountId, [PhoneNumber] string number, [EmailAddress] string email, [Secret] string key, [PhoneNumber] string reason);
}
