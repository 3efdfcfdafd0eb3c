namespace ServerlessBilling.Usage.Webhooks;

/// <summary>Marks a vendor's webhook options: the host reads each constructor parameter from the setting of the same name in
/// <see cref="Section"/> (<c>Vapi:Secret</c>) and registers the options with the vendor's <see cref="IWebhookSource"/>.</summary>
/// <remarks>
/// An unset setting takes the parameter's default, or its <see cref="System.ComponentModel.DefaultValueAttribute"/>, or, for
/// text, empty (a webhook with an empty secret rejects every delivery). So a new vendor's options and source, in the vendor's
/// own folder, are all the wiring it needs.
/// </remarks>
/// <param name="section">The configuration section, e.g. <c>Vapi</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WebhookSettingsAttribute(string section) : Attribute
{
    public string Section { get; } = section;

    /// <summary>The section's previous name, still read (with a warning at start-up) when the new one is unset.</summary>
    public string? FormerSection { get; init; }
}
