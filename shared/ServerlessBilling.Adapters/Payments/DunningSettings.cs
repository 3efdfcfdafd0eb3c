using System.Text.RegularExpressions;
using ServerlessBilling.Hosting;

namespace ServerlessBilling.Payments;

/// <summary>The reseller's default <see cref="DunningPolicy"/>, section <c>Dunning</c>; an unset key keeps the policy's default.</summary>
/// <remarks>Durations are written <c>3d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c> or <c>d.hh:mm:ss</c>; <see cref="RetryDelays"/> is a comma-separated list.
/// A late fee applies only when <c>Dunning:LateFee:Value</c> is set.</remarks>
public sealed partial class DunningSettings : ISettingsSection
{
    public static string Section => "Dunning";

    public string? RetryDelays { get; set; }

    public string? ReminderLead { get; set; }

    public string? OverdueAfter { get; set; }

    public string? WriteOffAfter { get; set; }

    public decimal? ReturnedPaymentFee { get; set; }

    public bool? SuspendAfterFinalFailure { get; set; }

    public LateFeeSettings LateFee { get; set; } = new();

    public IEnumerable<string> Problems()
    {
        List<string> problems =
        [
            .. SettingText.DurationProblems("Dunning:RetryDelays", RetryDelays, list: true),
            .. SettingText.DurationProblems("Dunning:ReminderLead", ReminderLead),
            .. SettingText.DurationProblems("Dunning:OverdueAfter", OverdueAfter),
            .. SettingText.DurationProblems("Dunning:WriteOffAfter", WriteOffAfter),
            .. SettingText.DurationProblems("Dunning:LateFee:Grace", LateFee.Grace),
            .. SettingText.EnumProblems("Dunning:LateFee:Basis", LateFee.Basis),
            .. SettingText.EnumProblems("Dunning:LateFee:Recurrence", LateFee.Recurrence),
            .. SettingText.EnumProblems("Dunning:LateFee:Placement", LateFee.Placement),
        ];
        if (problems.Count > 0)
        {
            return problems;
        }

        var policy = ToPolicy();
        problems.AddRange(
        [
            .. policy.ReminderLead < NodaTime.Duration.Zero ? ["Dunning:ReminderLead: must not be negative."] : Array.Empty<string>(),
            .. policy.OverdueAfter < NodaTime.Duration.Zero ? ["Dunning:OverdueAfter: must not be negative."] : Array.Empty<string>(),
            .. policy.WriteOffAfter <= NodaTime.Duration.Zero ? ["Dunning:WriteOffAfter: must be positive."] : Array.Empty<string>(),
            .. policy.ReturnedPaymentFee < 0m ? ["Dunning:ReturnedPaymentFee: must not be negative."] : Array.Empty<string>(),
        ]);
        return problems.Count > 0 ? problems : policy.Validate().Select(SettingNamed);
    }

    public DunningPolicy ToPolicy()
    {
        var policy = DunningPolicy.Default;
        return policy with
        {
            RetryDelays = SettingText.IsSet(RetryDelays) ? DurationText.ParseList(RetryDelays!, "Dunning:RetryDelays") : policy.RetryDelays,
            ReminderLead = SettingText.Duration(ReminderLead, "Dunning:ReminderLead") ?? policy.ReminderLead,
            OverdueAfter = SettingText.Duration(OverdueAfter, "Dunning:OverdueAfter") ?? policy.OverdueAfter,
            WriteOffAfter = SettingText.Duration(WriteOffAfter, "Dunning:WriteOffAfter") ?? policy.WriteOffAfter,
            ReturnedPaymentFee = ReturnedPaymentFee ?? policy.ReturnedPaymentFee,
            SuspendAfterFinalFailure = SuspendAfterFinalFailure ?? policy.SuspendAfterFinalFailure,
            LateFee = LateFee.ToPolicy(),
        };
    }

    /// <summary>The policy names its fields as the API writes them (<c>lateFee.value</c>); a setting is <c>Dunning:LateFee:Value</c>.</summary>
    private static string SettingNamed(string problem)
    {
        var field = PolicyField().Match(problem);
        if (!field.Success)
        {
            return $"Dunning: {problem}";
        }

        var key = string.Join(':', field.Groups["path"].Value.Split('.').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
        return $"Dunning:{key}{problem[field.Length..]}";
    }

    [GeneratedRegex(@"^(?<path>[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)*)(?=:)")]
    private static partial Regex PolicyField();
}
