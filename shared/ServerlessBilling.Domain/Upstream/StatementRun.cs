namespace ServerlessBilling.Upstream;

/// <summary>One import of a vendor's statement for a month, reconciled by its own orchestration.</summary>
/// <param name="Month">The statement's month, <c>2026-11</c>.</param>
/// <param name="RunId">Names this import among the month's imports (the latest is the month's reconciliation).</param>
public sealed record StatementRun(string Vendor, string Month, string Format, string RunId)
{
    /// <summary>The stored file's name.</summary>
    public string BlobName => $"{Vendor}/{Month}/{RunId}.csv";

    /// <summary>Where its findings are kept, and the orchestration's instance id.</summary>
    public string Id => $"reconcile:{Vendor}:{Month}:{RunId}";

    /// <summary>Only the accounts the statement bills a call to are checked for calls it does not list (a statement of one of several
    /// vendor accounts); false: every account billed under the vendor that month.</summary>
    public bool StatementAccountsOnly { get; init; }

    /// <summary>Only this vendor account's calls (a Twilio AccountSid): statement rows naming another account are left out, and the scan
    /// looks for the calls recorded as carried by this account (<see cref="Usage.UsageEvent.VendorAccount"/>) only; null for every call.</summary>
    public string? VendorAccount { get; init; }
}
