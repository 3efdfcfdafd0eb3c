namespace ServerlessBilling.Usage.Webhooks;

/// <summary>Builds <see cref="UsageEvent.Attributes"/> from the vendor fields worth keeping, skipping empty ones.</summary>
public static class UsageAttributes
{
    public static IReadOnlyDictionary<string, string> Of(params (string Name, string? Value)[] values) =>
        values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal);
}
