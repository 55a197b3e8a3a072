using System.Diagnostics;
using CostSense.Core.Costs;
using CostSense.Core.Reports;
using CostSense.Tests.EndToEnd;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Reports.Pdf;

/// <summary>
/// The first page rendered to PNG by poppler's pdftoppm: proof that another reader draws the document, and the picture
/// the README shows (the test output's screenshots/summary.png, copied to docs/ as the other screenshots are).
/// </summary>
public sealed class SummaryPdfImageTests(DemoTenantStore store) : IClassFixture<DemoTenantStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstPage_RendersToPng()
    {
        var pdftoppm = Find("pdftoppm");
        if (pdftoppm is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "pdftoppm is missing: .ci/run installs poppler-utils.");
            Assert.Skip("pdftoppm (Debian's poppler-utils) is not installed: the first page is not rendered.");
        }
        var asOf = await store.Host.Get<IDashboardService>().AsOfAsync(store.Host.Time, Ct);
        var rendered = await store.Host.Get<SummaryDocuments>().CreateAsync(new SummaryRequest(new DateOnly(asOf.Year, asOf.Month, 1), asOf), "Ann Analyst", Ct);
        var folder = Directory.CreateTempSubdirectory("costsense-summary-png-").FullName;
        try
        {
            var pdf = Path.Combine(folder, "summary.pdf");
            await File.WriteAllBytesAsync(pdf, rendered.Pdf, Ct);
            var start = new ProcessStartInfo(pdftoppm, ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, Path.Combine(folder, "summary")])
            { RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            Assert.True(process.ExitCode == 0, $"pdftoppm failed ({process.ExitCode}): {errors}");
            Assert.Equal("", errors.Trim());

            var png = await File.ReadAllBytesAsync(Path.Combine(folder, "summary.png"), Ct);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            // The page at 80 dpi (A4, 595 × 842 points, is about 662 × 935 pixels): the PNG header's width and height, big-endian.
            var (width, height) = PdfReadBack.Read(rendered.Pdf).PageSizes[0];
            Assert.InRange(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), Math.Floor(width * 80 / 72), Math.Ceiling(width * 80 / 72));
            Assert.InRange(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)), Math.Floor(height * 80 / 72), Math.Ceiling(height * 80 / 72));
            await File.WriteAllBytesAsync(WebAppFixture.OutputPath("summary.png"), png, Ct);
            // The document itself beside its picture, to look at the other pages.
            await File.WriteAllBytesAsync(WebAppFixture.OutputPath("summary.pdf"), rendered.Pdf, Ct);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
