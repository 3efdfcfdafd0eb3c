using System.Text.RegularExpressions;

namespace ServerlessBilling.DeploymentTests;

/// <summary>The README and the pages under docs/ link to files that exist and to headings those files have, so moving a page or a file cannot leave a dead link.</summary>
public partial class DocumentationLinksTests
{
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>("README.md", Path.Combine("infra", "README.md"));
        foreach (var page in Directory.GetFiles(Path.Combine(Repository.Folder, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(Repository.Folder, page));
        }

        return pages;
    }

    [Fact]
    public void Docs_HasAPagePerCapability()
    {
        var pages = Directory.GetFiles(Path.Combine(Repository.Folder, "docs"), "*.md").Select(Path.GetFileName);

        pages.ShouldBe(
            ["api.md", "architecture.md", "closing-and-invoices.md", "command-line.md", "console.md", "deployment.md", "ingest-and-vendors.md", "observability.md", "operations.md",
             "payments.md", "performance.md", "plans-and-rating.md", "portal.md", "taxes.md", "upstream-costs.md"],
            ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void RelativeLinks_PointToExistingFiles(string page)
    {
        var folder = Path.GetDirectoryName(Path.Combine(Repository.Folder, page))!;

        var dead = RelativeLinks(page)
            .Where(link => link.Path.Length > 0)
            .Where(link => !File.Exists(Path.Combine(folder, link.Path)) && !Directory.Exists(Path.Combine(folder, link.Path)))
            .Select(link => link.Target);

        dead.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Anchors_NameHeadingsOfTheLinkedPage(string page)
    {
        var folder = Path.GetDirectoryName(Path.Combine(Repository.Folder, page))!;

        var dead = RelativeLinks(page)
            .Where(link => link.Anchor.Length > 0)
            .Where(link => link.Path.Length == 0 || (link.Path.EndsWith(".md", StringComparison.Ordinal) && File.Exists(Path.Combine(folder, link.Path))))
            .Where(link => !HeadingAnchors(link.Path.Length == 0 ? Path.Combine(Repository.Folder, page) : Path.Combine(folder, link.Path)).Contains(link.Anchor))
            .Select(link => link.Target);

        dead.ShouldBeEmpty();
    }

    private sealed record Link(string Target, string Path, string Anchor);

    /// <summary>Links outside code, other than to the web or by e-mail.</summary>
    private static IEnumerable<Link> RelativeLinks(string page)
    {
        var text = InlineCode().Replace(FencedCode().Replace(Repository.ReadText(page), ""), "");
        foreach (Match match in MarkdownLink().Matches(text))
        {
            var target = match.Groups["target"].Value;
            if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)
                || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            yield return hash < 0 ? new Link(target, target, "") : new Link(target, target[..hash], target[(hash + 1)..]);
        }
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes.</summary>
    private static HashSet<string> HeadingAnchors(string file) =>
        FencedCode().Replace(File.ReadAllText(file), "")
            .Split('\n')
            .Where(line => line.StartsWith('#'))
            .Select(line => NotInAnchor().Replace(line.TrimStart('#').Trim().ToLowerInvariant(), "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex("`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"[^\p{L}\p{Nd} _-]")]
    private static partial Regex NotInAnchor();
}
