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
}
