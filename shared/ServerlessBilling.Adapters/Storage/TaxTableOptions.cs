namespace ServerlessBilling.Storage;

/// <summary>How often a running app looks for tax table documents changed in storage.</summary>
public sealed record TaxTableOptions(TimeSpan RefreshInterval)
{
    public static TaxTableOptions Default { get; } = new(TimeSpan.FromSeconds(60));
}
