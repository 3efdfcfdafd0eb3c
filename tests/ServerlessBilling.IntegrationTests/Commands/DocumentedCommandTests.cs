using System.Text;
using System.Text.RegularExpressions;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>Every command in a <c>```bash runnable</c> block of the README and docs/*.md, run as written from the repository root
/// against samples/: it exits 0, prints nothing on stderr but warnings, and prints what the <c># prints:</c> line under it says.
/// Every other local-host command the README or the command-line page shows is run by the test named for it.</summary>
public sealed partial class DocumentedCommandTests
{
    private const string Fence = "```bash runnable";
    private const string Prints = "# prints: ";

    /// <summary>How the pages run the local host: through <c>dotnet run</c>, or the built command.</summary>
    private static readonly string[] Prefixes =
        ["dotnet run --project functions/ServerlessBilling.LocalHost -- ", "functions/ServerlessBilling.LocalHost/bin/Debug/net10.0/ServerlessBilling.LocalHost "];

    /// <summary>The documented commands no runnable block can hold, because they run until stopped or take fixed ports, and the
    /// test that runs each.</summary>
    private static readonly Dictionary<string, string> RunElsewhere = new(StringComparer.Ordinal)
    {
        ["serve"] = $"{nameof(ServeStopTests)}.{nameof(ServeStopTests.Serve_WithItsKeyFromTheEnvironment_AnswersAndOnSigterm_StopsInOrderAndExitsZero)}",
        ["demo"] =
            $"{nameof(DemoKeepServingTests)}.{nameof(DemoKeepServingTests.DemoKeepServing_ServesTheConsoleItPrinted_UntilSigterm_ThenExitsZero)}",
    };

    public static TheoryData<string, string, string> Commands()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (where, arguments, runnable, expected) in Documented(Pages()))
        {
            if (runnable)
            {
                data.Add(where, arguments, expected);
            }
        }

        return data;
    }

    [Fact]
    public void Commands_TheDocsHaveRunnableExamples_EachSayingWhatItPrints()
    {
        var commands = Commands();

        commands.Count.ShouldBeGreaterThanOrEqualTo(5);
        commands.ShouldAllBe(c => ((string)c[2]).Length > 0);
    }

    [Fact]
    public void Commands_EveryLocalHostCommandOfTheReadmeAndTheCommandLinePage_IsRunByATest()
    {
        var root = RepositoryRoot.Find();
        var shown = Documented([Path.Combine(root, "README.md"), Path.Combine(root, "docs", "command-line.md")]).ToList();

        shown.Count.ShouldBeGreaterThanOrEqualTo(10);
        shown.Where(c => !c.Runnable).Select(c => c.Arguments).Order(StringComparer.Ordinal).ShouldBe(RunElsewhere.Keys.Order(StringComparer.Ordinal));
        shown.Where(c => c.Runnable).ShouldAllBe(c => c.Expected.Length > 0);
    }

    [Fact]
    public void Readme_NamesTheNodeVersionAzuriteNeeds_TheTestPorts_AndRoughRunTimes()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md")).ReplaceLineEndings(" ");

        readme.ShouldContain("Node.js 22 or later");
        readme.ShouldContain("declares Node.js >= 22");
        readme.ShouldContain("ports 10100–10102");
        readme.ShouldContain("Rough run times on a 2-core machine: the unit tests about a minute, the integration tests 5 to 10 minutes");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task DocumentedCommand_RunAsWritten_ExitsZeroAndPrintsWhatTheDocSays(string where, string arguments, string expected)
    {
        var run = await LocalHostProcess.RunAsync(Words(arguments));

        run.ExitCode.ShouldBe(0, $"{where}: {run.Errors}");
        run.Output.ShouldContain(expected, Case.Sensitive, where);
        run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(line => !line.StartsWith("error", StringComparison.Ordinal));
    }

    private static string[] Pages() =>
        [Path.Combine(RepositoryRoot.Find(), "README.md"), .. Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "docs"), "*.md").Order(StringComparer.Ordinal)];

    /// <summary>Each local-host command in a fenced block of the pages: where, its arguments, whether its block is runnable, and
    /// what the <c># prints:</c> line under it says (empty when none).</summary>
    private static IEnumerable<(string Where, string Arguments, bool Runnable, string Expected)> Documented(IEnumerable<string> pages)
    {
        foreach (var page in pages)
        {
            var lines = File.ReadAllLines(page);
            bool? block = null; // outside a fenced block; else whether it is runnable
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    block = block is null ? lines[i].Trim() == Fence : null;
                }
                else if (block is { } runnable && Prefixes.FirstOrDefault(p => lines[i].StartsWith(p, StringComparison.Ordinal)) is { } prefix)
                {
                    var expected = i + 1 < lines.Length && lines[i + 1].StartsWith(Prints, StringComparison.Ordinal) ? lines[i + 1][Prints.Length..] : "";
                    yield return ($"{Path.GetFileName(page)}:{i + 1}", Comment().Replace(lines[i][prefix.Length..], ""), runnable, expected);
                }
            }
        }
    }

    /// <summary>A shell comment after a command.</summary>
    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex Comment();

    /// <summary>The words a POSIX shell makes of a line with plain words and double-quoted strings.</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
