using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage;

/// <summary>A vendor's webhook options read from its <see cref="WebhookSettingsAttribute"/> section, or the problems that stop the host.</summary>
/// <param name="FormerKeysRead">Settings read under a former name, as (former key, key).</param>
public sealed record WebhookSettingsBinding(
    Type OptionsType, object? Options, IReadOnlyList<string> Problems, IReadOnlyList<(string FormerKey, string Key)> FormerKeysRead)
{
    /// <summary>Every setting the options read, as <c>Section:Parameter</c>.</summary>
    public static IEnumerable<string> Keys(Type optionsType) =>
        ConstructorOf(optionsType).GetParameters().Select(parameter => $"{SettingsOf(optionsType).Section}:{parameter.Name}");

    /// <summary>Builds the options record through its constructor, one setting per parameter.</summary>
    public static WebhookSettingsBinding Bind(Type optionsType, IConfiguration configuration)
    {
        var settings = SettingsOf(optionsType);
        var problems = new List<string>();
        var formerKeysRead = new List<(string, string)>();
        var arguments = ConstructorOf(optionsType).GetParameters().Select(parameter =>
        {
            var key = $"{settings.Section}:{parameter.Name}";
            var text = configuration[key];
            if (text is null && settings.FormerSection is { } former && configuration[$"{former}:{parameter.Name}"] is { } formerText)
            {
                formerKeysRead.Add(($"{former}:{parameter.Name}", key));
                text = formerText;
            }

            try
            {
                return Convert(parameter, text);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or UriFormatException)
            {
                problems.Add($"{key}: '{text}' is not a valid {parameter.ParameterType.Name}. {e.Message}");
                return null;
            }
        }).ToArray();

        return new WebhookSettingsBinding(
            optionsType, problems.Count == 0 ? Activator.CreateInstance(optionsType, arguments) : null, problems, formerKeysRead);
    }

    private static WebhookSettingsAttribute SettingsOf(Type optionsType) =>
        optionsType.GetCustomAttribute<WebhookSettingsAttribute>()
        ?? throw new InvalidOperationException($"{optionsType.Name} has no [WebhookSettings] attribute naming its section.");

    /// <summary>The positional record's constructor: the public one with the most parameters.</summary>
    private static ConstructorInfo ConstructorOf(Type optionsType) =>
        optionsType.GetConstructors().MaxBy(constructor => constructor.GetParameters().Length)
        ?? throw new InvalidOperationException($"{optionsType.Name} has no public constructor.");

    /// <summary>Text is taken as is; any other type reads an empty setting as unset. Unset: the default, else empty text.</summary>
    private static object? Convert(ParameterInfo parameter, string? text)
    {
        var type = parameter.ParameterType;
        if (type == typeof(string) && text is not null)
        {
            return text;
        }

        if (string.IsNullOrEmpty(text))
        {
            if (parameter.GetCustomAttribute<DefaultValueAttribute>() is { Value: string fallback })
            {
                return Convert(parameter, fallback);
            }

            return parameter.HasDefaultValue ? parameter.DefaultValue
                : type == typeof(string) ? ""
                : throw new FormatException("The setting is required.");
        }

        if (type.IsEnum)
        {
            return Enum.TryParse(type, text, ignoreCase: true, out var member) && Enum.IsDefined(type, member!)
                ? member
                : throw new FormatException($"Use one of {string.Join(", ", Enum.GetNames(type))}.");
        }

        return type == typeof(Uri)
            ? new Uri(text, UriKind.Absolute)
            : TypeDescriptor.GetConverter(type).ConvertFromString(null, CultureInfo.InvariantCulture, text);
    }
}
