using Spectre.Console;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>Shows where long work is: a Spectre status line that updates in place while the output is an interactive terminal, plain
/// lines when it goes to a file or a pipe (one when the phase starts, one per change of its status, one when it is done), so a log or a
/// script reads the same steps a person watched.</summary>
public sealed class PhaseProgress(TextWriter writer)
{
    private readonly IAnsiConsole console = Terminal.Over(writer);

    /// <summary>Whether the status updates in place (an interactive terminal) rather than as lines.</summary>
    public bool Interactive => console.Profile.Out.IsTerminal && console.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> as the phase <paramref name="phase"/>; the work reports its status through the action it is
    /// given (a status equal to the last one shown is not shown again).</summary>
    public async Task<T> RunAsync<T>(string phase, Func<Action<string>, Task<T>> work)
    {
        T result;
        if (Interactive)
        {
            result = await console.Status().StartAsync(Markup.Escape(phase), context =>
                work(status => context.Status($"{Markup.Escape(phase)}: {Markup.Escape(status)}")));
        }
        else
        {
            await writer.WriteLineAsync($"{phase}...");
            string? last = null;
            result = await work(status =>
            {
                if (status != last)
                {
                    last = status;
                    writer.WriteLine($"  {status}");
                }
            });
        }

        await writer.WriteLineAsync($"{phase}: done.");
        return result;
    }

    /// <summary>Runs <paramref name="work"/>, which reports no status, as the phase <paramref name="phase"/>.</summary>
    public Task RunAsync(string phase, Func<Task> work) => RunAsync(phase, async _ =>
    {
        await work();
        return true;
    });
}
