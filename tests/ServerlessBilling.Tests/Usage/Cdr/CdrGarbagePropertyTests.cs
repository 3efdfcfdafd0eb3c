using System.Text;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

/// <summary>Whatever bytes are dropped, intake finishes, and every non-empty line is either queued or in quarantine with a reason.</summary>
public class CdrGarbagePropertyTests
{
    private const string AsteriskLine =
        "\"r42\",\"13125550142\",\"18885550100\",\"from-trunk\",\"\"\"Alice\"\" <13125550142>\",\"PJSIP/trunk-00000a1f\",\"PJSIP/ai-agent-00000a20\",\"Dial\",\"PJSIP/ai-agent,30\",\"2024-11-14 16:14:15\",\"2024-11-14 16:14:19\",\"2024-11-14 16:15:42\",87,83,\"ANSWERED\",\"DOCUMENTATION\",\"1731622455.2591\",\"cust=c_1001\"";

    private const string FreeSwitchLine =
        "\"Alice\",\"13125550142\",\"18885550100\",\"public\",\"2024-11-14 16:14:15\",\"2024-11-14 16:14:19\",\"2024-11-14 16:15:42\",\"87\",\"83\",\"NORMAL_CLEARING\",\"a5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d\",\"b61e0a22-e752-11e3-8bfc-65b6c3cdac7d\",\"r42\",\"PCMU\",\"PCMU\"";

    private const string TwilioLine =
        """{"sid":"CAfedcba9876543210fedcba9876543210","from":"+14155550100","to":"+12125550199","status":"completed","direction":"outbound-api","start_time":"2023-11-14T22:14:19Z","duration":"83","price":"-0.02800","price_unit":"USD"}""";

    private const string CsvHeader = "id,start,duration,direction,from,to,answered,component,cost,currency,account";
    private const string CsvLine = "c-1,2026-03-02T09:00:00Z,125,inbound,+4930555000,+4930555100,true,AiVoice,-0.0125,EUR,acct-7";

    private static readonly string Alphabet = "\"\",, \t\r\n{}[]:0123456789-+.aZ\\\u00e9\u20ac\ufffd";

    public static TheoryData<string, string> Formats => new()
    {
        { "asterisk/America/Chicago/f.csv", AsteriskLine },
        { "freeswitch/UTC/f.csv", FreeSwitchLine },
        { "twilio-bulkexport/f.json", TwilioLine },
        { "csv/UTC/f.csv", CsvHeader + "\n" + CsvLine },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task IngestAsync_RandomBytesAndMutatedLines_NeverThrowsAndAccountsForEveryLine(string blob, string sample)
    {
        var random = new Random(20261125);
        for (var run = 0; run < 150; run++)
        {
            var content = Garbage(random, sample);
            var ports = new InMemoryCdrPorts();
            ports.Drop(blob, content);

            var manifest = (await ports.Intake().IngestAsync(blob, default))!;

            var records = CountNonEmptyLines(content) - (blob.StartsWith("csv/", StringComparison.Ordinal) && StartsWithUsableHeader(content) ? 1 : 0);
            (manifest.Queued + manifest.Quarantined).ShouldBe(records, $"run {run}");
            ports.Quarantined.Count.ShouldBe((int)manifest.Quarantined);
            ports.Quarantined.Values.ShouldAllBe(q => q.Problem.Field.Length > 0 && q.Problem.Reason.Length > 0);
            ports.Quarantined.Keys.ShouldAllBe(reference => reference.StartsWith(blob + "#L", StringComparison.Ordinal));
        }
    }

    /// <summary>Valid lines, random bytes, random CSV/JSON punctuation, and valid lines with characters flipped or cut.</summary>
    private static byte[] Garbage(Random random, string sample)
    {
        var text = new StringBuilder();
        var lines = random.Next(1, 40);
        for (var i = 0; i < lines; i++)
        {
            switch (random.Next(4))
            {
                case 0:
                    text.Append(sample);
                    break;
                case 1:
                    var bytes = new byte[random.Next(0, 200)];
                    random.NextBytes(bytes);
                    text.Append(Encoding.Latin1.GetString(bytes));
                    break;
                case 2:
                    for (var c = random.Next(0, 120); c > 0; c--)
                    {
                        text.Append(Alphabet[random.Next(Alphabet.Length)]);
                    }

                    break;
                default:
                    var mutated = new StringBuilder(sample[..random.Next(sample.Length)]);
                    for (var m = random.Next(1, 6); m > 0 && mutated.Length > 0; m--)
                    {
                        mutated[random.Next(mutated.Length)] = Alphabet[random.Next(Alphabet.Length)];
                    }

                    text.Append(mutated);
                    break;
            }

            text.Append(random.Next(5) == 0 ? "\r\n" : "\n");
        }

        return random.Next(3) == 0 ? RandomBytesAround(random, text.ToString()) : Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Raw invalid UTF-8 mixed into the file, not only characters that encode cleanly.</summary>
    private static byte[] RandomBytesAround(Random random, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        for (var n = random.Next(1, 30); n > 0; n--)
        {
            bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
        }

        return bytes.ToArray();
    }

    /// <summary>A generic CSV file's accepted header is not a record, so it is neither queued nor quarantined.</summary>
    private static bool StartsWithUsableHeader(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content));
        var fields = new List<string>();
        return CdrTextLines.Read(reader).FirstOrDefault().Text is { } first
            && CsvFields.TrySplit(first, fields, out _)
            && CsvColumnMapping.Default.TryLocate(fields, out _, out _);
    }

    private static long CountNonEmptyLines(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content));
        return CdrTextLines.Read(reader).LongCount();
    }
}
