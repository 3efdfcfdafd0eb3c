using System.Globalization;
using Spectre.Console;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>Shows a file going to a running host: a Spectre progress bar of the bytes sent while the output is an interactive terminal;
/// when it goes to a file or a pipe, one plain line as the upload starts and one when the host has answered, with no escape codes, so a
/// log reads the same steps a person watched (as <see cref="PhaseProgress"/> does for waits).</summary>
/// <remarks>The bar counts the bytes the HTTP client has read from the file, which is what has been handed to the connection: it reaches
/// the end a little before the host answers, and the task is marked done only once it has.</remarks>
public sealed class UploadProgress(TextWriter writer)
{
    private readonly IAnsiConsole console = Terminal.Over(writer);

    /// <summary>Whether the bar updates in place (an interactive terminal) rather than as lines.</summary>
    public bool Interactive => console.Profile.Out.IsTerminal && console.Profile.Capabilities.Interactive;

    /// <summary>Opens <paramref name="path"/> and hands it to <paramref name="upload"/> as a stream that reports what is read of it.</summary>
    public async Task<T> RunAsync<T>(string path, Func<Stream, Task<T>> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        await using var file = File.OpenRead(path);
        var (name, size) = (Path.GetFileName(path), file.Length);
        if (!Interactive)
        {
            await writer.WriteLineAsync($"Uploading {name} ({Size(size)})...");
            var result = await upload(file);
            await writer.WriteLineAsync($"Uploading {name}: done.");
            return result;
        }

        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Uploading {Markup.Escape(name)}", maxValue: Math.Max(size, 1));
                await using var counted = new CountingStream(file, read => task.Increment(read));
                var result = await upload(counted);
                task.Value = task.MaxValue;
                return result;
            });
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };

    /// <summary>A read-only view of a stream that reports each read's byte count.</summary>
    private sealed class CountingStream(Stream inner, Action<int> onRead) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            onRead(read);
            return read;
        }
    }
}
