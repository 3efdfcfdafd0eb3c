using System.Diagnostics;
using System.Text.Json;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>Azurite in memory keeps an extent per queue message and blob write; its garbage collectors delete the unused ones
/// through <c>MemoryExtentStore.deleteExtents</c>. One at a time, each removal rebuilt the extents' index (a sort of every row),
/// which held Azurite's one thread for 15 to 20 s a minute under a steady webhook load. The local host preloads
/// <c>Azurite/delete-extents-in-one-pass.cjs</c> into every Azurite it starts; these run Azurite's own store with and without it.</summary>
public sealed class AzuriteExtentSweepTests
{
    [Fact]
    public async Task Sweep_WithThePreload_DeletesExactlyTheUnusedExtentsWithOneIndexRebuild()
    {
        var sweep = await SweepAsync(preload: true);

        sweep.Deleted.ShouldBe(200);
        sweep.RowsLeft.ShouldBe(100);
        sweep.DoomedRowsLeft.ShouldBe(0);
        sweep.DoomedChunksLeft.ShouldBe(0);
        sweep.KeptReadable.ShouldBe(100);
        sweep.KeptFoundById.ShouldBe(100);
        sweep.IndexRebuilds.ShouldBe(1);
    }

    [Fact]
    public async Task Sweep_AsAzuriteShipsIt_RebuildsTheIndexOnceAnExtent()
    {
        // The cause, kept as a check: when an Azurite upgrade no longer rebuilds a row at a time, the preload can go.
        var sweep = await SweepAsync(preload: false);

        sweep.Deleted.ShouldBe(200);
        sweep.RowsLeft.ShouldBe(100);
        sweep.IndexRebuilds.ShouldBe(200);
    }

    private sealed record Sweep(int Deleted, int RowsLeft, int DoomedRowsLeft, int DoomedChunksLeft, int KeptReadable, int IndexRebuilds, int KeptFoundById);

    private static async Task<Sweep> SweepAsync(bool preload)
    {
        // On a clean clone this may run before any fixture has installed Azurite; the install is shared and done once.
        await AzuriteLauncher.EnsureInstalledAsync(RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None);
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (preload)
        {
            start.ArgumentList.Add("--require");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Azurite", "delete-extents-in-one-pass.cjs"));
        }

        // From the build output inside the repository, so Azurite resolves from the repository's node_modules.
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Commands", "azurite-extent-sweep.js"));
        using var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();

        node.ExitCode.ShouldBe(0, await errors);
        return JsonSerializer.Deserialize<Sweep>(await output, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"No result printed: {await output}");
    }
}
