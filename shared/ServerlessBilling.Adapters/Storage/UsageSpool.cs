using System.Text;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Storage;

/// <summary>A long period's rated usage sorted into call order (<see cref="CallOrder"/>) in a temporary file and read back a row
/// at a time as it is enumerated, so a close of a million calls holds a run of rows, never the period.</summary>
/// <remarks>
/// Rows come from the table in key order; every <see cref="RunRows"/> of them are sorted in memory and written to a run file, and
/// the runs are merged into one file (an external merge sort). Ties (two components of one event) keep the table's order, as a
/// stable sort of the whole list would. The rows are the table's own JSON documents, copied as they are. The file is deleted when
/// the spool is disposed (or, failing that, when it is collected). A period of at most <see cref="RunRows"/> rows is returned as a
/// plain list in key order, as before.
/// </remarks>
internal sealed class UsageSpool : ICallOrderedUsage, IDisposable
{
    /// <summary>Rows sorted in memory at a time: about 10 MB of documents and their keys.</summary>
    public const int RunRows = 10_000;

    private readonly FileStream file;
    private readonly long[] offsets;

    private UsageSpool(FileStream file, long[] offsets) => (this.file, this.offsets) = (file, offsets);

    public int Count => offsets.Length;

    public RatedUsage this[int index]
    {
        get
        {
            var length = new byte[sizeof(int)];
            RandomAccess.Read(file.SafeFileHandle, length, offsets[index]);
            var document = new byte[BitConverter.ToInt32(length)];
            RandomAccess.Read(file.SafeFileHandle, document, offsets[index] + sizeof(int));
            return Deserialize(document);
        }
    }

    /// <param name="documents">The period's calls' documents in the order read.</param>
    /// <param name="runRows">Rows sorted in memory at a time; a period of no more is returned as a list in the order read.</param>
    public static async Task<IReadOnlyList<RatedUsage>> ReadAsync(IAsyncEnumerable<string> documents, int runRows, CancellationToken cancellationToken)
    {
        var run = new List<Row>();
        var runs = new List<FileStream>();
        long sequence = 0;
        try
        {
            await foreach (var document in documents.WithCancellation(cancellationToken))
            {
                var json = Encoding.UTF8.GetBytes(document);
                run.Add(new Row(Deserialize(json), sequence++, json));
                if (run.Count > runRows)
                {
                    runs.Add(WriteRun(run));
                    run.Clear();
                }
            }

            if (runs.Count == 0)
            {
                return [.. run.Select(r => r.Usage)];
            }

            if (run.Count > 0)
            {
                runs.Add(WriteRun(run));
            }

            return Merge(runs, sequence);
        }
        finally
        {
            foreach (var written in runs)
            {
                await written.DisposeAsync();
            }
        }
    }

    public IEnumerator<RatedUsage> GetEnumerator()
    {
        // Each enumeration reads the file with its own stream, so documents may enumerate the calls side by side.
        using var reader = new BinaryReader(new FileStream(file.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16));
        var buffer = new byte[4096];
        for (var i = 0; i < offsets.Length; i++)
        {
            var length = reader.ReadInt32();
            if (length > buffer.Length)
            {
                buffer = new byte[length * 2];
            }

            reader.BaseStream.ReadExactly(buffer, 0, length);
            yield return Deserialize(buffer.AsSpan(0, length));
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose() => file.Dispose();

    private static RatedUsage Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<RatedUsage>(json, BillingJson.Options) ?? throw new InvalidDataException("A usage row holds no document.");

    /// <summary>What each run is read through while the runs are merged: a million calls are 101 runs, all open at once.</summary>
    private const int RunReadBufferBytes = 16 * 1024;

    private static FileStream TemporaryFile(int bufferBytes = 1 << 16) =>
        new(Path.Combine(Path.GetTempPath(), $"usage-{Guid.NewGuid():N}.spool"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete,
            bufferBytes, FileOptions.DeleteOnClose);

    /// <summary>Sorts the run and writes each row's sort key and document; the file is left open (it is deleted when closed).</summary>
    /// <remarks>The file itself is unbuffered and the run is written through a buffer dropped once it is written: a run stays open
    /// until the merge, and a 64 KiB buffer kept by each would grow with the period (6.3 MiB for a million calls).</remarks>
    private static FileStream WriteRun(List<Row> run)
    {
        run.Sort(Row.Compare);
        var stream = TemporaryFile(bufferBytes: 0);
        var buffered = new BufferedStream(stream, 1 << 16);
        using (var writer = new BinaryWriter(buffered, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var row in run)
            {
                writer.Write(row.Usage.PriorPeriodKey is not null);
                writer.Write(row.Usage.PriorPeriodKey ?? "");
                writer.Write(row.Usage.Event.StartedAt.ToUnixTimeTicks());
                writer.Write(row.Usage.Event.EventId);
                writer.Write(row.Sequence);
                writer.Write(row.Json.Length);
                writer.Write(row.Json);
            }
        }

        buffered.Flush();
        stream.Position = 0;
        return stream;
    }

    /// <summary>Merges the sorted runs into the spool's file, a row at a time from each.</summary>
    private static UsageSpool Merge(List<FileStream> runs, long count)
    {
        var readers = runs.Select(run => new BinaryReader(new BufferedStream(run, RunReadBufferBytes), Encoding.UTF8, leaveOpen: true)).ToList();
        var next = new PriorityQueue<(BinaryReader Reader, byte[] Json), Key>(Comparer<Key>.Create(Key.Compare));
        foreach (var reader in readers)
        {
            Enqueue(next, reader);
        }

        var spool = TemporaryFile();
        var offsets = new long[count];
        using (var writer = new BinaryWriter(spool, Encoding.UTF8, leaveOpen: true))
        {
            for (var i = 0; next.TryDequeue(out var row, out _); i++)
            {
                offsets[i] = writer.BaseStream.Position;
                writer.Write(row.Json.Length);
                writer.Write(row.Json);
                Enqueue(next, row.Reader);
            }
        }

        spool.Flush();
        return new UsageSpool(spool, offsets);
    }

    private static void Enqueue(PriorityQueue<(BinaryReader, byte[]), Key> next, BinaryReader reader)
    {
        if (reader.BaseStream.Position >= reader.BaseStream.Length)
        {
            return;
        }

        var late = reader.ReadBoolean();
        var prior = reader.ReadString();
        var start = Instant.FromUnixTimeTicks(reader.ReadInt64());
        var eventId = reader.ReadString();
        var sequence = reader.ReadInt64();
        var json = reader.ReadBytes(reader.ReadInt32());
        next.Enqueue((reader, json), new Key(late, prior, start, eventId, sequence));
    }

    private sealed record Row(RatedUsage Usage, long Sequence, byte[] Json)
    {
        public static int Compare(Row x, Row y)
        {
            var order = CallOrder.Compare(x.Usage, y.Usage);
            return order != 0 ? order : x.Sequence.CompareTo(y.Sequence);
        }
    }

    /// <summary>A row's place in call order, as a run file keeps it (<see cref="CallOrder.Compare"/>, then the table's order).</summary>
    private readonly record struct Key(bool Late, string Prior, Instant Start, string EventId, long Sequence)
    {
        public static int Compare(Key x, Key y)
        {
            var order = x.Late.CompareTo(y.Late);
            order = order != 0 ? order : string.CompareOrdinal(x.Prior, y.Prior);
            order = order != 0 ? order : x.Start.CompareTo(y.Start);
            order = order != 0 ? order : string.CompareOrdinal(x.EventId, y.EventId);
            return order != 0 ? order : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
