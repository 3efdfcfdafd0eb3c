using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Events;

/// <summary>Where domain events are published, section <c>DomainEvents</c>.</summary>
/// <remarks>The Service Bus connection is <c>DomainEvents:ServiceBus</c>: a connection string, or by identity
/// <c>DomainEvents:ServiceBus:fullyQualifiedNamespace</c> with <c>:credential</c> and <c>:clientId</c>.</remarks>
public sealed class DomainEventsSettings : ISettingsSection
{
    public const string StorageQueue = nameof(StorageQueue);
    public const string ServiceBus = nameof(ServiceBus);

    public static string Section => "DomainEvents";

    /// <summary><c>StorageQueue</c> (the default; the <c>billing-events</c> queue in the billing storage) or <c>ServiceBus</c>.</summary>
    public string? Publisher { get; set; }

    /// <summary>The Service Bus topic, default <c>billing-events</c>.</summary>
    public string? Topic { get; set; }

    public bool PublishesToServiceBus => string.Equals(Publisher, ServiceBus, StringComparison.OrdinalIgnoreCase);

    public string TopicName => SettingText.IsSet(Topic) ? Topic! : StorageNames.BillingEventsQueue;

    public IEnumerable<string> Problems() =>
        !SettingText.IsSet(Publisher) || PublishesToServiceBus || string.Equals(Publisher, StorageQueue, StringComparison.OrdinalIgnoreCase)
            ? []
            : [$"DomainEvents:Publisher '{Publisher}' is neither StorageQueue nor ServiceBus."];
}
