using System.IO.Compression;
using Bunit;
using CostSense.Core.Imports;
using CostSense.Web.Components.Pages.Import;
using Microsoft.AspNetCore.Components.Forms;

namespace CostSense.Tests.Components;

/// <summary>
/// The pieces under the import page: the progress a file shows (bytes, then rows checked and written), the state that
/// keeps a finished file finished, and the copy of a browser file to a temporary file only this user can read.
/// </summary>
public sealed class ImportProgressTests : ComponentTestBase
{
    [Fact]
    public void Progress_ShowsBytesWhileUploading_ThenRowsCheckedThenWrittenOfChecked()
    {
        var file = new UploadedFile("focus.csv", 4 * 1024 * 1024);
        file.Received(1024 * 1024);
        var cut = Render<UploadProgress>(p => p.Add(c => c.File, file));

        Assert.Equal("Uploading: 1 MB of 4 MB", cut.Find("[data-testid=import-bytes]").TextContent.Trim());
        Assert.Equal("25", cut.Find(".mud-progress-linear").GetAttribute("aria-valuenow"));

        file.Report(new ImportProgress("focus.csv", ImportPhase.Checking, 30_000));
        cut.Render();
        Assert.Equal("Checking: 30,000 rows read", cut.Find("[data-testid=import-rows]").TextContent.Trim());

        file.Report(new ImportProgress("focus.csv", ImportPhase.Checking, 40_000));
        file.Report(new ImportProgress("focus.csv", ImportPhase.Writing, 10_000));
        cut.Render();
        Assert.Equal("Writing: 10,000 of 40,000 rows", cut.Find("[data-testid=import-rows]").TextContent.Trim());
        Assert.Equal("25", cut.Find(".mud-progress-linear").GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void Progress_OfOnePass_CountsRowsWithoutATotal_ThenSaysTheStoreIsFinishing()
    {
        var file = new UploadedFile("focus.csv", 100);
        var cut = Render<UploadProgress>(p => p.Add(c => c.File, file));

        // PostgreSQL checks and writes each row as it reads it: there is no checked total to count against.
        file.Report(new ImportProgress("focus.csv", ImportPhase.Writing, 20_000));
        cut.Render();
        Assert.Equal("Checking and writing: 20,000 rows", cut.Find("[data-testid=import-rows]").TextContent.Trim());
        Assert.Contains("mud-progress-indeterminate", cut.Find(".mud-progress-linear").ClassName);

        file.Report(new ImportProgress("focus.csv", ImportPhase.Finishing, 25_000));
        cut.Render();
        Assert.Equal(UploadStage.Finishing, file.Stage);
        Assert.Equal("Finishing: 25,000 rows in; rollups and inventory next", cut.Find("[data-testid=import-rows]").TextContent.Trim());
    }

    [Fact]
    public void AReportArrivingAfterTheResult_LeavesTheFileFinished()
    {
        var file = new UploadedFile("focus.csv", 100);
        file.Refused("focus.csv, line 3, column BilledCost, value 'x': not a number");

        file.Report(new ImportProgress("focus.csv", ImportPhase.Writing, 10_000));

        Assert.Equal(UploadStage.Refused, file.Stage);
        Assert.Equal(0, file.RowsWritten);
    }

    [Fact]
    public void ExactMoney_KeepsEveryDecimalTheSumHas_AndAtLeastCents()
    {
        Assert.Equal("$1,234.5678901234", ExactMoney.Format(1234.5678901234m, "USD"));
        Assert.Equal("-€0.0000000001", ExactMoney.Format(-0.0000000001m, "EUR"));
        Assert.Equal("$12.50", ExactMoney.Format(12.5000m, "USD"));
    }

    [Fact]
    public async Task CopyToTempFile_CopiesEveryByte_ReportsProgress_AndOnlyTheUserMayReadIt()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var content = new byte[300_000];
        new Random(3).NextBytes(content);
        var reported = new List<long>();

        var path = await BrowserUpload.CopyToTempFileAsync(new FakeBrowserFile("big.bin", content), content.Length, folder.Path, reported.Add, ct);

        Assert.Equal(folder.Path, Path.GetDirectoryName(path));
        Assert.Equal(content, await File.ReadAllBytesAsync(path, ct));
        Assert.Equal(content.Length, reported[^1]);
        Assert.True(reported.Count > 1, "progress is reported per chunk, not once at the end");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task CopyToTempFile_OfABrokenUpload_LeavesNoFileBehind()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var broken = new FakeBrowserFile("broken.csv.gz", new byte[200_000], failAfter: 150_000, folder: folder.Path);

        await Assert.ThrowsAsync<IOException>(() => BrowserUpload.CopyToTempFileAsync(broken, 1_000_000, folder.Path, _ => { }, ct));

        Assert.Equal(1, broken.FilesWhenItFailed);   // it had started writing …
        Assert.Empty(Directory.GetFiles(folder.Path));            // … and removed what it wrote
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("costsense-upload-test-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>
    /// A browser file over bytes in memory; with <c>failAfter</c>, its stream fails after that many bytes, as a dropped
    /// connection does, counting first the files in <c>folder</c> at that moment.
    /// </summary>
    private sealed class FakeBrowserFile(string name, byte[] content, long? failAfter = null, string? folder = null) : IBrowserFile
    {
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => content.Length;
        public string ContentType => "application/octet-stream";

        /// <summary>How many files the folder held when the stream failed; null if it never did.</summary>
        public int? FilesWhenItFailed { get; private set; }

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            failAfter is { } at ? new FailingStream(content, at, () => FilesWhenItFailed = Directory.GetFiles(folder!).Length) : new MemoryStream(content);

        private sealed class FailingStream(byte[] content, long failAt, Action failing) : MemoryStream(content)
        {
            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
            {
                if (Position < failAt) return base.ReadAsync(buffer, ct);
                failing();
                throw new IOException("The browser stopped sending.");
            }
        }
    }
}
