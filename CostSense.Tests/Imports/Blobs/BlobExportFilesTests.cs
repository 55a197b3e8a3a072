using Azure.Storage.Blobs;
using CostSense.Core.Imports.Blobs;
using CostSense.Core.Imports.Manifests;
using CostSense.Tests.Imports.Manifests;

namespace CostSense.Tests.Imports.Blobs;

/// <summary>
/// <see cref="BlobExportFiles"/> against Azurite, the real storage emulator: the runs chosen from the container are
/// exactly those chosen from the same files in a folder, and the blobs read back byte for byte.
/// </summary>
public sealed class BlobExportFilesTests
{
    private const string October = "20261001-20261031";
    private const string September = "20260901-20260930";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Two runs of one export in October (several partitions each), a later empty run, a null-count run of a second export, and September.</summary>
    private static ExportLayout Layout(string root)
    {
        var layout = new ExportLayout();
        layout.Run(root, "daily", October, "run-a", "2026-10-11T06:00:00Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00Z", parts: 3);
        layout.Run(root, "daily", October, "run-b", "2026-10-21T06:00:00Z", "2026-10-01T00:00:00", "2026-10-21T00:00:00Z", parts: 4);
        layout.Run(root, "daily", October, "run-empty", "2026-10-22T06:00:00Z", "2026-10-01T00:00:00", "2026-10-22T00:00:00Z", parts: 0, dataRowCount: "0");
        layout.Run(root, "amortized", October, "run-null", "2026-10-21T07:00:00Z", "2026-10-01T00:00:00Z", "2026-10-21T00:00:00Z", parts: 2, dataRowCount: "null");
        layout.Run(root, "daily", September, "sep-early", "2026-09-15T06:00:00Z", "2026-09-01T00:00:00Z", "2026-09-15T00:00:00Z", parts: 2);
        layout.Run(root, "daily", September, "sep-final", "2026-10-02T06:00:00Z", "2026-09-01T00:00:00Z", "2026-09-30T00:00:00Z", parts: 2);
        return layout;
    }

    private static object Describe(ExportRunSelection s) => new
    {
        Runs = s.Runs.Select(r => $"{r.ManifestPath} {r.Manifest.RunId} {r.Month:yyyy-MM} [{string.Join(", ", r.DataFiles)}]").ToArray(),
        Skipped = s.Skipped.Select(k => $"{k.ManifestPath} {k.Manifest.RunId}: {k.Reason}").ToArray(),
    };

    [Theory]
    [InlineData("", null)]
    [InlineData("costs", "costs")]
    [InlineData("costs", null)]
    public async Task TheSelectionFromTheContainer_EqualsTheSelectionFromTheSameFilesInAFolder(string root, string? folderSetting)
    {
        var layout = Layout(root);
        await using var azurite = await AzuriteContainer.CreateAsync(Ct);
        await azurite.UploadAsync(layout.Files, Ct);
        using var folder = new TempFolder();
        layout.WriteTo(folder.Root);
        var folderRoot = folderSetting is null ? folder.Root : Path.Combine(folder.Root, folderSetting);

        var fromBlobs = await ExportRunSelector.SelectAsync(new BlobExportFiles(azurite.Client, folderSetting), Ct);
        var fromFolder = await ExportRunSelector.SelectAsync(new FolderExportFiles(folderRoot), Ct);

        Assert.Equivalent(Describe(fromFolder), Describe(fromBlobs), strict: true);
        Assert.Equal(["run-b", "run-null", "sep-final"], fromBlobs.Runs.Select(r => r.Manifest.RunId).Order());
        Assert.Equal(4, fromBlobs.Runs.Single(r => r.Manifest.RunId == "run-b").DataFiles.Count);
        Assert.Equal(["run-a", "run-empty", "sep-early"], fromBlobs.Skipped.Select(r => r.Manifest.RunId).Order());
        Assert.Contains("dataRowCount is 0", fromBlobs.Skipped.Single(r => r.Manifest.RunId == "run-empty").Reason);
    }

    [Fact]
    public async Task EveryListedBlob_ReadsBackByteIdentical()
    {
        var layout = Layout("costs");
        await using var azurite = await AzuriteContainer.CreateAsync(Ct);
        await azurite.UploadAsync(layout.Files, Ct);
        var files = new BlobExportFiles(azurite.Client, "/costs/");

        var listed = new List<string>();
        await foreach (var path in files.ListAsync(Ct)) listed.Add(path);

        Assert.Equal(layout.Files.Keys.Select(k => k["costs/".Length..]).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        foreach (var path in listed)
        {
            await using var stream = await files.OpenReadAsync(path, Ct);
            Assert.False(stream.CanSeek, "a forward-only download stream, so nothing is buffered whole");
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            Assert.Equal(layout.Files["costs/" + path], copy.ToArray());
        }
    }

    [Fact]
    public async Task AMissingContainer_IsNamed_WithWhatToCheck()
    {
        await using var azurite = await AzuriteContainer.CreateAsync(Ct);
        var options = new ExportContainerOptions { Enabled = true, ConnectionString = azurite.ConnectionString, Container = "no-such-container" };
        var files = new BlobExportFiles(options);

        var error = await Assert.ThrowsAsync<ExportContainerException>(async () => { await foreach (var _ in files.ListAsync(Ct)) { } });

        Assert.Equal("no-such-container", error.Container);
        Assert.Equal("devstoreaccount1", error.Account);
        Assert.Contains("The container 'no-such-container' does not exist in storage account 'devstoreaccount1'", error.Message);
        Assert.Contains("Check the container name", error.Message);
    }

    [Fact]
    public async Task AWrongAccountKey_IsAccessRefused_WithWhatToCheck()
    {
        await using var azurite = await AzuriteContainer.CreateAsync(Ct);
        var endpoint = azurite.Client.Uri.GetLeftPart(UriPartial.Authority) + "/devstoreaccount1";
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var options = new ExportContainerOptions
        {
            Enabled = true,
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={wrongKey};BlobEndpoint={endpoint};",
            Container = azurite.Name,
        };
        var files = new BlobExportFiles(options);

        var error = await Assert.ThrowsAsync<ExportContainerException>(async () => { await foreach (var _ in files.ListAsync(Ct)) { } });

        Assert.Equal(azurite.Name, error.Container);
        Assert.Contains($"Access to storage account 'devstoreaccount1'", error.Message);
        Assert.Contains($"container '{azurite.Name}' was refused", error.Message);
        Assert.Contains("Check the account key or SAS", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Fact]
    public async Task AnUnreachableAccount_SaysSo()
    {
        // No server needed: a loopback port nothing listens on (port 9 is discard, closed here).
        var options = new ExportContainerOptions
        {
            Enabled = true,
            ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Convert.ToBase64String(new byte[64]) + ";BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;",
            Container = "exports",
        };
        var files = new BlobExportFiles(options);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var opening = await Assert.ThrowsAsync<ExportContainerException>(() => files.OpenReadAsync("manifest.json", Ct));
        var listing = await Assert.ThrowsAsync<ExportContainerException>(async () => { await foreach (var _ in files.ListAsync(Ct)) { } });

        foreach (var error in new[] { opening, listing })
        {
            Assert.Contains("Could not reach storage account 'devstoreaccount1'", error.Message);
            Assert.Contains("container 'exports'", error.Message);
            Assert.Contains("Check the account name or URL", error.Message);
        }
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"few, short retries: took {started.Elapsed}");
    }
}
