using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

public class CdrDropPathTests
{
    [Theory]
    [InlineData("asterisk/America/Chicago/Master.csv", "asterisk", "America/Chicago", false)]
    [InlineData("asterisk/Master.csv", "asterisk", "UTC", false)]
    [InlineData("freeswitch/Europe/Berlin/Master.csv", "freeswitch", "Europe/Berlin", false)]
    [InlineData("twilio-bulkexport/calls-2026-11-24.json.gz", "twilio-bulkexport", "UTC", true)]
    [InlineData("csv/America/Argentina/Buenos_Aires/usage.csv.GZ", "csv", "America/Argentina/Buenos_Aires", true)]
    public void Parse_PathWithFormatFolder_GivesFormatZoneAndCompression(string blob, string format, string zone, bool gzip)
    {
        var path = CdrDropPath.Parse(blob);
        path.Problem.ShouldBeNull();
        (path.Format, path.TimeZone!.Id, path.Gzip).ShouldBe((format, zone, gzip));
    }

    [Theory]
    [InlineData("Master.csv", "path")]
    [InlineData("nortel/Master.csv", "path")]
    [InlineData("asterisk/Mars/Olympus/Master.csv", "path")]
    public void Parse_UnreadablePath_IsAProblem(string blob, string field) =>
        CdrDropPath.Parse(blob).Problem.ShouldNotBeNull().Field.ShouldBe(field);

    [Fact]
    public void Parse_Metadata_OverridesThePath()
    {
        var metadata = new Dictionary<string, string> { ["Format"] = "freeswitch", ["timezone"] = "Asia/Tokyo", ["template"] = "default" };

        var path = CdrDropPath.Parse("uploads/pbx7/2026-11-24.csv", metadata);

        path.Problem.ShouldBeNull();
        (path.Format, path.TimeZone!.Id, path.Template).ShouldBe(("freeswitch", "Asia/Tokyo", FreeSwitchTemplate.Default));
    }

    [Theory]
    [InlineData("format", "nortel", "format")]
    [InlineData("timezone", "Central", "timezone")]
    [InlineData("template", "caller_id_number", "template")]
    public void Parse_BadMetadata_NamesTheKey(string key, string value, string field)
    {
        var metadata = new Dictionary<string, string> { [key] = value };
        CdrDropPath.Parse("freeswitch/Master.csv", metadata).Problem.ShouldNotBeNull().Field.ShouldBe(field);
    }

    [Fact]
    public void Parse_CsvColumnsMetadata_IsTheMapping()
    {
        var path = CdrDropPath.Parse("csv/usage.csv", new Dictionary<string, string> { ["columns"] = "from=Caller" });
        path.Columns!.HeaderByField["from"].ShouldBe("Caller");
        path.Columns.HeaderByField["to"].ShouldBe("to");
    }
}
