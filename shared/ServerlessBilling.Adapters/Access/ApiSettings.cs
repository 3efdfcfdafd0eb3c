using ServerlessBilling.Hosting;

namespace ServerlessBilling.Access;

/// <summary>Section <c>Api</c>: the management API's bootstrap key.</summary>
public sealed class ApiSettings : ISettingsSection
{
    /// <summary>The shortest bootstrap key accepted: 16 characters, a key a person could guess is no key.</summary>
    public const int MinimumKeyLength = 16;

    public static string Section => "Api";

    /// <summary>The key that is admin on every management route, sent in <c>x-functions-key</c> (or <c>?code=</c>): in Azure the
    /// Functions host's default function key (a Key Vault reference to the secret the host keeps it in), locally any long random
    /// text. Unset: only API keys are accepted.</summary>
    public string? Key { get; set; }

    public IEnumerable<string> Problems() =>
        Key is { Length: > 0 and < MinimumKeyLength } ? [$"Api:Key: must be at least {MinimumKeyLength} characters."] : [];
}
