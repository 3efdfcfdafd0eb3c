using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>quote</c>: the offline input, the size of the book and how to print it.</summary>
public sealed class QuoteSettings : OfflineSettings
{
    public static readonly string[] Formats = ["table", "json"];

    [CommandOption("--accounts <N>")]
    [Description("How many accounts like the sample the book has. Default: 1.")]
    public int Accounts { get; set; } = 1;

    [CommandOption("--numbers <N>")]
    [Description("Numbers each account holds (each pays the plan's number fee). Default: 1.")]
    public int Numbers { get; set; } = 1;

    [CommandOption("--format <FORMAT>")]
    [Description("table (default) or json.")]
    public string Format { get; set; } = "table";

    /// <summary>The output format, <c>--json</c> included.</summary>
    public string Output => Json ? "json" : Format;

    public override ValidationResult Validate() =>
        Accounts < 1 ? ValidationResult.Error("--accounts: must be at least 1.")
        : Numbers < 0 ? ValidationResult.Error("--numbers: must not be negative.")
        : !Formats.Contains(Format) ? ValidationResult.Error($"--format: '{Format}' is not one of {string.Join(", ", Formats)}.")
        : base.Validate();
}
