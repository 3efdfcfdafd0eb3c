using System.Diagnostics;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The documented install, as an operator runs it: <c>scripts/install-tool.sh</c> packs the local host and installs the
/// <c>sbill</c> command into a tool path from the local package only, then the installed command answers <c>--help</c>.</summary>
public sealed class ToolInstallTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("sbill-install-").FullName;

    [Fact]
    public async Task InstallScript_IntoATempToolPath_InstallsSbill_WhichAnswersHelp()
    {
        var tools = Path.Combine(scratch, "tools");
        var install = await RunAsync("bash", [Path.Combine(RepositoryRoot.Find(), "scripts", "install-tool.sh"), tools],
            ("SBILL_PACKAGE_DIR", Path.Combine(scratch, "package")));

        install.ExitCode.ShouldBe(0, install.Errors + install.Output);
        install.Output.ShouldContain($"Installed: {tools}/sbill");
        Directory.GetFiles(Path.Combine(scratch, "package"), "ServerlessBilling.LocalHost.*.nupkg").ShouldHaveSingleItem();

        var help = await RunAsync(Path.Combine(tools, "sbill"), ["--help"]);

        help.ExitCode.ShouldBe(0, help.Errors);
        help.Output.ShouldStartWith("USAGE:");
        help.Output.ShouldContain("sbill");
        foreach (var verb in new[] { "serve", "close", "demo", "reconcile" })
        {
            help.Output.ShouldContain($"    {verb} ");
        }
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private static async Task<LocalHostProcess.Result> RunAsync(string file, IReadOnlyList<string> args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new LocalHostProcess.Result(process.ExitCode, await output, await errors);
    }
}
