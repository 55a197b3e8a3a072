using CostSense.Core.Imports;
using CostSense.Core.Imports.Manifests;

namespace CostSense.Tests.Imports.Manifests;

public sealed class ExportRunSelectorTests
{
    private const string October = "20261001-20261031";

    private static Task<ExportRunSelection> SelectAsync(TempFolder folder, string? under = null) =>
        ExportRunSelector.SelectAsync(new FolderExportFiles(under is null ? folder.Root : Path.Combine(folder.Root, under)), TestContext.Current.CancellationToken);

    [Fact]
    public async Task ReDelivery_TheLaterRunOfTheMonthReplacesTheEarlierWhole()
    {
        using var folder = new TempFolder();
        // Run B (days 1–20) sorts before run A by id and path: submittedTime decides, not listing order.
        folder.Run("", "daily", October, "bbbb", "2026-10-11T06:00:00Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00Z");
        var runB = folder.Run("", "daily", October, "aaaa", "2026-10-21T06:00:00Z", "2026-10-01T00:00:00", "2026-10-21T00:00:00Z", parts: 3);

        var selection = await SelectAsync(folder);

        var run = Assert.Single(selection.Runs);
        Assert.Equal("aaaa", run.Manifest.RunId);
        Assert.Equal(runB, run.DataFiles);
        Assert.Equal(new DateOnly(2026, 10, 1), run.Month);
        var skipped = Assert.Single(selection.Skipped);
        Assert.Equal("bbbb", skipped.Manifest.RunId);
        Assert.Contains("superseded by run aaaa", skipped.Reason);
    }

    [Fact]
    public async Task TwoMonths_EachKeepsItsLatestRun()
    {
        using var folder = new TempFolder();
        folder.Run("", "daily", "20260901-20260930", "sep-final", "2026-10-02T06:00:00Z", "2026-09-01T00:00:00Z", "2026-09-30T00:00:00Z");
        folder.Run("", "daily", "20260901-20260930", "sep-early", "2026-09-15T06:00:00Z", "2026-09-01T00:00:00Z", "2026-09-15T00:00:00Z");
        folder.Run("", "daily", October, "oct", "2026-10-11T06:00:00Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00Z");

        var selection = await SelectAsync(folder);

        Assert.Equal([("sep-final", new DateOnly(2026, 9, 1)), ("oct", new DateOnly(2026, 10, 1))],
            selection.Runs.Select(r => (r.Manifest.RunId, r.Month)));
        Assert.Equal("sep-early", Assert.Single(selection.Skipped).Manifest.RunId);
    }

    [Fact]
    public async Task TwoExports_SameMonth_BothAreImported()
    {
        using var folder = new TempFolder();
        folder.Run("", "daily", October, "d1", "2026-10-11T06:00:00Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00Z");
        folder.Run("", "amortized", October, "a1", "2026-10-11T07:00:00Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00Z");

        var selection = await SelectAsync(folder);

        Assert.Equal(["a1", "d1"], selection.Runs.Select(r => r.Manifest.RunId).Order());
        Assert.Empty(selection.Skipped);
    }

    [Fact]
    public async Task ARunWithZeroRows_IsSkipped_AndTheEarlierRunStays()
    {
        using var folder = new TempFolder();
        var runA = folder.Run("", "daily", October, "full", "2026-10-11T06:00:00Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00Z");
        folder.Run("", "daily", October, "empty", "2026-10-12T06:00:00Z", "2026-10-01T00:00:00", "2026-10-12T00:00:00Z", parts: 0, dataRowCount: "0");

        var selection = await SelectAsync(folder);

        var run = Assert.Single(selection.Runs);
        Assert.Equal("full", run.Manifest.RunId);
        Assert.Equal(runA, run.DataFiles);
        var skipped = Assert.Single(selection.Skipped);
        Assert.Equal("empty", skipped.Manifest.RunId);
        Assert.Contains("dataRowCount is 0", skipped.Reason);
    }

    [Fact]
    public async Task ARunWithNullRowCount_IsNotSkipped()
    {
        using var folder = new TempFolder();
        folder.Run("", "daily", October, "old", "2026-10-11T06:00:00Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00Z");
        folder.Run("", "daily", October, "new", "2026-10-12T06:00:00Z", "2026-10-01T00:00:00", "2026-10-12T00:00:00Z", dataRowCount: "null");

        var selection = await SelectAsync(folder);

        Assert.Equal("new", Assert.Single(selection.Runs).Manifest.RunId);
    }

    [Theory]
    [InlineData("costs", null)]          // azcopy copied the container into a folder of its name: blob names resolve below it
    [InlineData("", null)]               // the listing is the container
    [InlineData("", "exports")]          // only exports/ was copied: the listing starts inside the container
    [InlineData("", "exports/daily/20261001-20261031/r1")]   // pointed at one run's folder
    public async Task BlobNames_ResolveWhereverTheContainerRootIs(string containerFolder, string? listFrom)
    {
        using var folder = new TempFolder();
        var blobs = folder.Run(containerFolder, "daily", October, "r1", "2026-10-11T06:00:00Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00Z");
        var prefix = listFrom is null ? (containerFolder.Length == 0 ? "" : containerFolder + "/") : "";
        var expected = blobs.Select(b => prefix + (listFrom is null ? b : b[(listFrom.Length + 1)..])).ToArray();

        var run = Assert.Single((await SelectAsync(folder, listFrom)).Runs);

        Assert.Equal(expected, run.DataFiles);
        var files = new FolderExportFiles(listFrom is null ? folder.Root : Path.Combine(folder.Root, listFrom));
        await using var first = await files.OpenReadAsync(run.DataFiles[0], TestContext.Current.CancellationToken);
        Assert.Equal("r1", await new StreamReader(first).ReadToEndAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ADataFileMissing_RefusesTheSelection_NamingTheBlob()
    {
        using var folder = new TempFolder();
        var blobs = folder.Run("", "daily", October, "r1", "2026-10-11T06:00:00Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00Z");
        File.Delete(Path.Combine(folder.Root, blobs[1]));

        var e = await Assert.ThrowsAsync<ImportException>(() => SelectAsync(folder));
        Assert.Equal("blobs[1].blobName", e.Column);
        Assert.Equal(blobs[1], e.Value);
        Assert.EndsWith("manifest.json", e.FileName);
    }

    [Fact]
    public async Task AMalformedManifest_RefusesTheSelection()
    {
        using var folder = new TempFolder();
        folder.Run("", "daily", October, "r1", "2026-10-11T06:00:00Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00Z");
        folder.Write("exports/daily/20261001-20261031/r2/manifest.json", "{\"exportConfig\":{}}");

        var e = await Assert.ThrowsAsync<ImportException>(() => SelectAsync(folder));
        Assert.Equal("exports/daily/20261001-20261031/r2/manifest.json", e.FileName);
    }

    [Fact]
    public async Task FolderExportFiles_RefusesAPathOutsideItsRoot()
    {
        using var folder = new TempFolder();
        var files = new FolderExportFiles(folder.Root);
        await Assert.ThrowsAsync<ArgumentException>(() => files.OpenReadAsync("../secret.txt", TestContext.Current.CancellationToken));
    }
}
