namespace ServerlessBilling.Usage.Cdr;

/// <summary>The column order of a FreeSWITCH <c>mod_cdr_csv</c> template: the channel variable each column holds.</summary>
/// <remarks>
/// FreeSWITCH writes whatever its template says, so the columns are configuration. The stock templates are
/// built in; an operator's own template is given as its variable list, in the form of <c>cdr_csv.conf.xml</c>
/// (<c>"${caller_id_number}","${destination_number}",...</c>) or bare (<c>caller_id_number,destination_number,...</c>).
/// Billing needs <c>caller_id_number</c>, <c>destination_number</c>, <c>start_stamp</c> and <c>billsec</c>;
/// <c>answer_stamp</c>, <c>uuid</c>, <c>context</c> and <c>hangup_cause</c> are used when present.
/// </remarks>
public sealed record FreeSwitchTemplate(string Name, IReadOnlyList<string> Variables)
{
    private static readonly string[] RequiredVariables = ["caller_id_number", "destination_number", "start_stamp", "billsec"];

    /// <summary>The vanilla configuration's <c>default-template="example"</c>: 15 columns.</summary>
    public static FreeSwitchTemplate Example { get; } = new("example",
    [
        "caller_id_name", "caller_id_number", "destination_number", "context", "start_stamp", "answer_stamp", "end_stamp",
        "duration", "billsec", "hangup_cause", "uuid", "bleg_uuid", "accountcode", "read_codec", "write_codec",
    ]);

    /// <summary>The template compiled into the module, used when no configuration names one: 13 columns, ending at <c>accountcode</c>.</summary>
    public static FreeSwitchTemplate Default { get; } = new("default", Example.Variables.Take(13).ToArray());

    /// <summary>The built-in <c>asterisk</c> template: 18 Asterisk-like columns.</summary>
    public static FreeSwitchTemplate AsteriskLike { get; } = new("asterisk",
    [
        "accountcode", "caller_id_number", "destination_number", "context", "caller_id", "channel_name", "bridge_channel",
        "last_app", "last_arg", "start_stamp", "answer_stamp", "end_stamp", "duration", "billsec", "hangup_cause", "amaflags",
        "uuid", "userfield",
    ]);

    public static IReadOnlyList<FreeSwitchTemplate> BuiltIn { get; } = [Example, Default, AsteriskLike];

    /// <summary>The built-in template with this many columns, for files whose template is not named.</summary>
    public static FreeSwitchTemplate? ByColumnCount(int columns) => BuiltIn.FirstOrDefault(t => t.Variables.Count == columns);

    /// <summary>A built-in template by name, or an operator's template from its variable list.</summary>
    public static bool TryParse(string text, out FreeSwitchTemplate? template, out RecordProblem? problem)
    {
        problem = null;
        template = BuiltIn.FirstOrDefault(t => string.Equals(t.Name, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (template is not null)
        {
            return true;
        }

        var variables = text.Split(',')
            .Select(v => v.Trim().Trim('"').Trim())
            .Select(v => v.StartsWith("${", StringComparison.Ordinal) && v.EndsWith('}') ? v[2..^1] : v)
            .ToArray();
        var missing = RequiredVariables.Where(r => !variables.Contains(r, StringComparer.Ordinal)).ToArray();
        if (variables.Length < 2 || missing.Length > 0)
        {
            problem = new RecordProblem("template",
                $"'{text}' is neither a built-in template ({string.Join(", ", BuiltIn.Select(t => t.Name))}) nor a variable list with {string.Join(", ", missing)}");
            return false;
        }

        template = new FreeSwitchTemplate("custom", variables);
        return true;
    }

    /// <summary>The column of a variable, or -1 when the template does not write it.</summary>
    public int ColumnOf(string variable)
    {
        for (var i = 0; i < Variables.Count; i++)
        {
            if (Variables[i] == variable)
            {
                return i;
            }
        }

        return -1;
    }
}
