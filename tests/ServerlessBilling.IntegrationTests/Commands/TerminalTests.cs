using ServerlessBilling.LocalHost.Commands;
using Spectre.Console;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>Tables are drawn for the terminal's width; into a file or a pipe they are drawn wide enough not to wrap, with no escape codes.</summary>
public sealed class TerminalTests
{
    [Fact]
    public void Over_Redirected_IsWideAndWritesNoEscapeCodes()
    {
        using var output = new StringWriter();
        var console = Terminal.Over(output);
        var row = string.Concat(Enumerable.Repeat("0123456789", 15));

        console.Write(new Table().AddColumn("Wide").AddRow(row));

        (console.Profile.Out.IsTerminal, console.Profile.Width).ShouldBe((false, 240));
        output.ToString().ShouldContain(row); // one line, not wrapped at 80 columns
        output.ToString().ShouldNotContain("\u001b");
    }
}
