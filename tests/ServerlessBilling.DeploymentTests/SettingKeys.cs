using System.Reflection;
using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.DeploymentTests;

/// <summary>Every setting the code reads, found where it is declared: each capability's <see cref="ISettingsSection"/> class, the
/// local host's own included (a class-typed property is a nested section), each vendor's webhook options, and the connections read by hand.</summary>
public static class SettingKeys
{
    public static IEnumerable<string> All() =>
        new[] { typeof(ISettingsSection).Assembly, typeof(LocalHost.Hosting.LocalHostSettings).Assembly }
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(ISettingsSection).IsAssignableFrom(type))
            .SelectMany(type => Properties(SectionOf(type), type))
            .Concat(WebhookRegistration.OptionsTypes.SelectMany(WebhookSettingsBinding.Keys))
            .Append(StorageNames.Connection)
            .Append("DomainEvents:ServiceBus");

    public static string SectionOf(Type settings) =>
        (string)settings.GetProperty(nameof(ISettingsSection.Section), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static IEnumerable<string> Properties(string prefix, Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite)
            .SelectMany(property => property.PropertyType.IsClass && property.PropertyType != typeof(string)
                ? Properties($"{prefix}:{property.Name}", property.PropertyType)
                : [$"{prefix}:{property.Name}"]);
}
