using nietras.SeparatedValues;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Benchmarks;

/// <summary>Splitting alone, two ways, over the same file: each line with the intake's splitter, or the whole stream with Sep.</summary>
/// <remarks>Both passes make a string of every field, as the CDR parsers need; they count fields so neither pass can be optimized away.</remarks>
public static class CsvSplitBenchmark
{
    public static long LineSplitter(string file)
    {
        using var reader = new StreamReader(file);
        var fields = new List<string>(21);
        long count = 0;
        foreach (var (_, line) in CdrTextLines.Read(reader))
        {
            if (CsvFields.TrySplit(line, fields, out _))
            {
                count += fields.Count;
            }
        }

        return count;
    }

    /// <summary>How many records Sep makes of three lines whose first has a stray quote: the line splitter makes three (one quarantined).</summary>
    public static int SepRecordsOfStrayQuoteSample()
    {
        using var reader = nietras.SeparatedValues.Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
            .FromText("\"a,b\n\"c\",d\ne,f\n");
        var rows = 0;
        foreach (var row in reader)
        {
            rows++;
        }

        return rows;
    }

    public static long Sep(string file)
    {
        using var reader = nietras.SeparatedValues.Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(file);
        long count = 0;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
            {
                count += row[i].ToString().Length >= 0 ? 1 : 0;
            }
        }

        return count;
    }
}
