using System.Globalization;
using System.Text;

namespace ServerlessBilling.Benchmarks;

/// <summary>Writes a realistic Asterisk <c>Master.csv</c>: 18 columns with uniqueid and userfield, a mix of answered and unanswered calls.</summary>
public static class AsteriskFileGenerator
{
    public static void Write(string path, int lines)
    {
        var random = new Random(42);
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        var line = new StringBuilder(400);
        for (var i = 0; i < lines; i++)
        {
            var at = start.AddSeconds(i * 2.5);
            var answered = random.Next(10) < 8;
            var billsec = answered ? random.Next(1, 900) : 0;
            var inbound = random.Next(2) == 0;
            var customer = $"1888555{random.Next(10000):0000}";
            var other = $"1312555{random.Next(10000):0000}";
            line.Clear()
                .Append("\"r42\",\"").Append(inbound ? other : customer).Append("\",\"").Append(inbound ? customer : other)
                .Append("\",\"").Append(inbound ? "from-trunk" : "from-internal").Append("\",\"\"\"Caller\"\" <").Append(other)
                .Append(">\",\"PJSIP/trunk-").Append(i.ToString("x8", CultureInfo.InvariantCulture)).Append("\",\"PJSIP/ai-agent-")
                .Append(i.ToString("x8", CultureInfo.InvariantCulture)).Append("\",\"Dial\",\"PJSIP/ai-agent,30\",\"")
                .Append(at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append("\",")
                .Append(answered ? "\"" + at.AddSeconds(4).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "\"" : "")
                .Append(",\"").Append(at.AddSeconds(4 + billsec).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append("\",")
                .Append(billsec + 4).Append(',').Append(billsec).Append(",\"").Append(answered ? "ANSWERED" : "NO ANSWER")
                .Append("\",\"DOCUMENTATION\",\"17316").Append(i.ToString("00000000", CultureInfo.InvariantCulture)).Append(".").Append(i % 9999)
                .Append("\",\"cust=c_").Append(random.Next(1000)).Append('"');
            writer.WriteLine(line);
        }
    }
}
