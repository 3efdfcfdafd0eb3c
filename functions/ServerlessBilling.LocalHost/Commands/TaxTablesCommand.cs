using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>tax-tables list</c> and <c>tax-tables put &lt;file.json&gt; [--name n]</c>: the tax table routes of a running host.</summary>
public static class TaxTablesCommand
{
    /// <param name="args">The verb's arguments after <c>tax-tables</c>.</param>
    public static async Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        switch (args.FirstOrDefault())
        {
            case "list":
                var listing = await api.ListTaxTablesAsync(cancellationToken);
                foreach (var document in listing.Documents)
                {
                    output.WriteLine($"{document.Name,-12} {document.Origin,-8} {document.LastModified?.ToString("u", null) ?? "",-20} {string.Join(", ", document.Rules)}");
                }

                if (listing.Rejected is { } rejected)
                {
                    output.WriteLine($"Stored documents rejected, the previous table stays in force: {rejected}");
                }

                return 0;
            case "put" when args.Count >= 2:
                var path = args[1];
                var name = new CommandOptions([.. args]).Get("--name") ?? Path.GetFileNameWithoutExtension(path);
                await api.PutTaxTableAsync(name, await File.ReadAllBytesAsync(path, cancellationToken), cancellationToken);
                output.WriteLine($"Tax table '{name}' stored; it is in force on every instance within Tax__TableRefreshSeconds.");
                return 0;
            default:
                throw new ArgumentException("Usage: tax-tables list | tax-tables put <file.json> [--name federal].");
        }
    }
}
