using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>rate</c>: the offline input and how to print the charges.</summary>
public sealed class RateSettings : OfflineSettings
{
    public static readonly string[] Formats = ["table", "csv", "json"];

    [CommandOption("--format <FORMAT>")]
    [Description("table (default), csv or json.")]
    public string Format { get; set; } = "table";

    /// <summary>The output format, <c>--json</c> included.</summary>
    public string Output => Json ? "json" : Format;

    public override ValidationResult Validate() =>
        !Formats.Contains(Format) ? ValidationResult.Error($"--format: '{Format}' is not one of {string.Join(", ", Formats)}.") : base.Validate();
}
