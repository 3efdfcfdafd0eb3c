using System.ComponentModel;
using NodaTime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>What <c>rate</c> and <c>quote</c> read: a plan, a file of calls in one of the input formats, and the zone of local times.</summary>
public class OfflineSettings : CommandSettings
{
    public static readonly string[] InputFormats = [UsageFiles.EventsFormat, "asterisk", "freeswitch", "twilio-bulkexport", "csv"];

    [CommandOption("--plan <FILE>", isRequired: true)]
    [Description("The price plan document (JSON), checked as the management API checks it.")]
    public string Plan { get; set; } = "";

    [CommandOption("--input <FILE>", isRequired: true)]
    [Description("The calls: JSON lines of usage events (either documented shape) or a CDR file (.gz is gunzipped).")]
    public string Input { get; set; } = "";

    [CommandOption("--input-format <FORMAT>")]
    [Description("events, asterisk, freeswitch, twilio-bulkexport or csv. Default: asterisk for a .csv file, else events.")]
    public string? InputFormat { get; set; }

    [CommandOption("--zone <IANA>")]
    [Description("The zone of the file's local times, the plan's time bands and the billing period, e.g. America/Chicago. Default: UTC, with a warning.")]
    public string? Zone { get; set; }

    [CommandOption("--json")]
    [Description("Machine output: the same as --format json.")]
    public bool Json { get; set; }

    /// <summary>The zone named by <see cref="Zone"/>; null when none is given.</summary>
    public DateTimeZone? TimeZone => Zone is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(Zone);

    public override ValidationResult Validate()
    {
        if (Zone is not null && TimeZone is null)
        {
            return ValidationResult.Error($"--zone: '{Zone}' is not an IANA time zone (e.g. America/Chicago, Europe/Berlin, UTC).");
        }

        if (InputFormat is not null && !InputFormats.Contains(InputFormat))
        {
            return ValidationResult.Error($"--input-format: '{InputFormat}' is not one of {string.Join(", ", InputFormats)}.");
        }

        return ValidationResult.Success();
    }
}
