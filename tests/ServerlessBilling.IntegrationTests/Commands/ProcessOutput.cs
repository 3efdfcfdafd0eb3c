using System.Diagnostics;
using System.Text;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>What a long-running process prints, read as it comes, so a test can wait for a line before it acts.</summary>
internal sealed class ProcessOutput
{
    private readonly Lock gate = new();
    private readonly StringBuilder output = new();
    private readonly StringBuilder errors = new();

    public ProcessOutput(Process process)
    {
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public (string Output, string Errors) Text
    {
        get
        {
            lock (gate)
            {
                return (output.ToString(), errors.ToString());
            }
        }
    }

    /// <summary>Waits until standard output contains <paramref name="text"/>; fails with everything printed so far when it does not in time.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Text.Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' not printed within {timeout}. Output:\n{Text.Output}\nErrors:\n{Text.Errors}");
            }

            await Task.Delay(200);
        }
    }

    private void Append(StringBuilder to, string? line)
    {
        if (line is not null)
        {
            lock (gate)
            {
                to.AppendLine(line);
            }
        }
    }
}
