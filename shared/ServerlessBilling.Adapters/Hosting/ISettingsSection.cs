namespace ServerlessBilling.Hosting;

/// <summary>Settings read from one configuration section, bound and checked when the host starts.</summary>
/// <remarks>
/// A setting's key is the section, a colon and the property (<c>Dunning:RetryDelays</c>); app settings and environment
/// variables write the colon as <c>__</c> (<c>Dunning__RetryDelays</c>). A property of a class type is a nested section
/// (<c>Dunning:LateFee:Value</c>). An empty value counts as unset, so a sample or template may list a setting without a value.
/// </remarks>
public interface ISettingsSection
{
    /// <summary>The configuration section, e.g. <c>Dunning</c>.</summary>
    static abstract string Section { get; }

    /// <summary>What is wrong with the values, each problem naming its setting; empty when they are usable.</summary>
    IEnumerable<string> Problems();
}
