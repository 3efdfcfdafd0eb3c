namespace ServerlessBilling.LocalHost.Commands;

/// <summary>A verb's <c>--name value</c> options.</summary>
public sealed class CommandOptions(string[] args)
{
    public string? Get(string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public string Required(string name) => Get(name) ?? throw new ArgumentException($"{name} is required.");

    /// <summary>Whether a flag (an option without a value) is given.</summary>
    public bool Has(string name) => Array.IndexOf(args, name) >= 0;

    /// <summary>The words that are not options nor an option's value, wherever the options stand; <paramref name="flags"/> are the
    /// options that take no value.</summary>
    public IReadOnlyList<string> Positional(params string[] flags)
    {
        var words = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(args[i]);
            }
            else if (!flags.Contains(args[i]))
            {
                i++;
            }
        }

        return words;
    }
}
