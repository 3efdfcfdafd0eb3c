using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace ServerlessBilling.LocalHost.Azurite;

/// <summary>Starts the repository's pinned Azurite (npm) on 127.0.0.1 when nothing listens on its ports yet, installing it on first use.</summary>
public static class AzuriteLauncher
{
    /// <summary>Starts on these ports at a time in this process, by blob port.</summary>
    private static readonly ConcurrentDictionary<int, SemaphoreSlim> Starting = new();

    /// <returns>The process started, or null when an Azurite was already listening.</returns>
    /// <remarks>Callers in one process (test fixtures set up side by side) start on the same ports one at a time, so the second finds
    /// the first's Azurite listening: two at once both saw the ports free, and the one that lost the ports exited with an error.</remarks>
    public static async Task<Process?> EnsureRunningAsync(AzuriteOptions options, string repositoryRoot, TextWriter log, CancellationToken cancellationToken)
    {
        var starting = Starting.GetOrAdd(options.BlobPort, _ => new SemaphoreSlim(1, 1));
        await starting.WaitAsync(cancellationToken);
        try
        {
            return await StartUnlessListeningAsync(options, repositoryRoot, log, cancellationToken);
        }
        finally
        {
            starting.Release();
        }
    }

    private static async Task<Process?> StartUnlessListeningAsync(AzuriteOptions options, string repositoryRoot, TextWriter log, CancellationToken cancellationToken)
    {
        int[] ports = [options.BlobPort, options.QueuePort, options.TablePort];
        if (ports.All(IsListening))
        {
            return null;
        }

        var entryPoint = await EnsureInstalledAsync(repositoryRoot, log, cancellationToken);

        // Its garbage collectors delete unused extents in one pass instead of one index rebuild a row, which stopped an in-memory
        // Azurite for 15 to 20 s a minute under a steady webhook load.
        var arguments = new List<string> { "--require", Path.Combine(AppContext.BaseDirectory, "Azurite", "delete-extents-in-one-pass.cjs") };
        if (options.DataFolder is not null)
        {
            // Saves its files when writes pause instead of every 5 s: a save stops every request for the time it takes.
            arguments.AddRange(["--require", Path.Combine(AppContext.BaseDirectory, "Azurite", "save-when-writes-pause.cjs")]);
        }

        arguments.AddRange(
        [
            entryPoint, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", $"{options.BlobPort}", "--queuePort", $"{options.QueuePort}", "--tablePort", $"{options.TablePort}",
        ]);
        if (options.RequestLog is not null)
        {
            arguments.AddRange(["--debug", options.RequestLog]);
        }

        if (options.DataFolder is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            var folder = Path.GetFullPath(options.DataFolder, repositoryRoot);
            Directory.CreateDirectory(folder);
            arguments.AddRange(["--location", folder]);
        }

        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine($"azurite: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Node can take long to start on a loaded machine; one that does not start in time is stopped, not left behind.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!ports.All(IsListening))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var exit = process.HasExited ? $"{process.ExitCode}" : "still running, stopped";
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw new InvalidOperationException($"Azurite did not start on ports {string.Join(", ", ports)} (exit: {exit}).");
            }

            await Task.Delay(200, cancellationToken);
        }

        await log.WriteLineAsync($"Azurite listening on 127.0.0.1:{options.BlobPort}/{options.QueuePort}/{options.TablePort}.");
        return process;
    }

    /// <summary>Stops an Azurite this launcher started and waits for it to go, so its ports are free when the verb exits.</summary>
    /// <remarks>Asked first (SIGTERM), so it saves what its stores hold to its data folder before it exits: killed at once, it lost
    /// the writes since its last save, acknowledged deliveries among them. Killed if it has not gone in 30 s.</remarks>
    public static void Stop(Process? process)
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && Terminate(process.Id) == 0 && process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            return;
        }

        process.Kill(entireProcessTree: true);
        process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    private const int SigTerm = 15;

    private static int Terminate(int processId) => Kill(processId, SigTerm);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Installs the pinned Azurite into the repository's <c>node_modules</c> unless it is there (<see cref="InstallOnceAsync"/>).</summary>
    /// <returns>Azurite's entry point.</returns>
    public static async Task<string> EnsureInstalledAsync(string repositoryRoot, TextWriter log, CancellationToken cancellationToken)
    {
        var entryPoint = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entryPoint))
        {
            await InstallOnceAsync(repositoryRoot, entryPoint, log, cancellationToken);
        }

        return entryPoint;
    }

    /// <summary>On a clean clone the tests and the verbs they start find Azurite missing at the same time, and two <c>npm ci</c> in one
    /// folder break each other: the install holds an exclusive lock on a file beside <c>node_modules</c> (which <c>npm ci</c> deletes),
    /// and whoever gets it second finds Azurite installed.</summary>
    private static async Task InstallOnceAsync(string repositoryRoot, string entryPoint, TextWriter log, CancellationToken cancellationToken)
    {
        await using var installing = await LockAsync(Path.Combine(repositoryRoot, ".azurite-install.lock"), cancellationToken);
        if (File.Exists(entryPoint))
        {
            return;
        }

        await log.WriteLineAsync("Installing the pinned Azurite (npm ci)...");
        await RunToEndAsync("npm", "ci --no-audit --no-fund", repositoryRoot, cancellationToken);
    }

    /// <remarks>.NET takes an exclusive advisory lock for <see cref="FileShare.None"/>, across processes; it goes with the handle.</remarks>
    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private static async Task RunToEndAsync(string file, string arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = workingDirectory, UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not start {file}.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed with exit code {process.ExitCode}.");
        }
    }
}
