using Spectre.Console;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>A Spectre console over a writer: as wide as the terminal when it is one, wide enough for a table's rows when the output
/// goes to a file or a pipe (where nothing should wrap).</summary>
public static class Terminal
{
    private const int RedirectedWidth = 240;

    public static IAnsiConsole Over(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (!console.Profile.Out.IsTerminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
