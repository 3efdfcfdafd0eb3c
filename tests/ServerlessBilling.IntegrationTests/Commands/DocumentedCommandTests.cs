using System.Text;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>Every command in a <c>```bash runnable</c> block of docs/*.md, run as written from the repository root against
/// samples/: it exits 0, prints nothing on stderr but warnings, and prints what the <c># prints:</c> line under it says.</summary>
public sealed class DocumentedCommandTests
{
    private const string Fence = "```bash runnable";
    private const string Prefix = "dotnet run --project functions/ServerlessBilling.LocalHost -- ";
    private const string Prints = "# prints: ";

    public static TheoryData<string, string, string> Commands()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var page in Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "docs"), "*.md"))
        {
            var lines = File.ReadAllLines(page);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != Fence)
                {
                    continue;
                }

                for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
                {
                    if (lines[i].StartsWith(Prefix, StringComparison.Ordinal))
                    {
                        var expected = i + 1 < lines.Length && lines[i + 1].StartsWith(Prints, StringComparison.Ordinal) ? lines[i + 1][Prints.Length..] : "";
                        data.Add($"{Path.GetFileName(page)}:{i + 1}", lines[i][Prefix.Length..], expected);
                    }
                }
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

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task DocumentedCommand_RunAsWritten_ExitsZeroAndPrintsWhatTheDocSays(string where, string arguments, string expected)
    {
        var run = await LocalHostProcess.RunAsync(Words(arguments));

        run.ExitCode.ShouldBe(0, $"{where}: {run.Errors}");
        run.Output.ShouldContain(expected, Case.Sensitive, where);
        run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(line => !line.StartsWith("error", StringComparison.Ordinal));
    }

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
