using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace ServerlessBilling.DeploymentTests;

/// <summary>The Bicep CLI from the <c>Azure.Bicep.CommandLine.linux-x64</c> package this project restores, run on the files in infra/.</summary>
internal static class Bicep
{
    public static string InfraFolder { get; } = Path.Combine(Repository.Folder, "infra");

    private static readonly string Executable = Path.Combine(
        typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackageFolder").Value!,
        "tools",
        "bicep");

    /// <summary>Runs <c>bicep</c> in infra/ and returns its exit code and everything it printed (diagnostics go to stderr).</summary>
    public static (int ExitCode, string Output, string Diagnostics) Run(params string[] arguments)
    {
        // NuGet keeps the mode bits of the package's files on Linux, but an extracted copy elsewhere may not.
        if (OperatingSystem.IsLinux() && !File.GetUnixFileMode(Executable).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(Executable, File.GetUnixFileMode(Executable) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(Executable, arguments)
        {
            WorkingDirectory = InfraFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var diagnostics = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 2 minutes.");
        }

        return (process.ExitCode, output.Result, diagnostics.Result);
    }

    /// <summary>The ARM JSON a template compiles to; fails on any diagnostic, warnings included.</summary>
    public static JsonElement Build(string template)
    {
        var (exitCode, output, diagnostics) = Run("build", template, "--stdout");
        diagnostics.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>Every resource of a type in a compiled template, modules' nested templates included.</summary>
    public static IEnumerable<JsonElement> ResourcesOfType(JsonElement template, string type)
    {
        switch (template.ValueKind)
        {
            case JsonValueKind.Object:
                if (template.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == type)
                {
                    yield return template;
                }

                foreach (var property in template.EnumerateObject())
                {
                    foreach (var found in ResourcesOfType(property.Value, type))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var found in template.EnumerateArray().SelectMany(item => ResourcesOfType(item, type)))
                {
                    yield return found;
                }

                break;
        }
    }
}
