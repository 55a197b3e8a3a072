using CostSense.Core.Imports;
using static CostSense.Tests.Imports.Manifests.ManifestFiles;

namespace CostSense.Tests.Imports.Manifests;

public sealed class ExportManifestParserTests
{
    private const string Blob = "exports/daily/20261001-20261031/3a9f3d28/part_0_0001.csv.gz";

    [Fact]
    public async Task RealShape_IsReadWhole()
    {
        var m = await ParseAsync(Json("3a9f3d28", "2026-10-11T06:49:06.5756051Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00Z", [Blob]));

        Assert.Equal("daily", m.ExportName);
        Assert.Equal(Sub + "/providers/Microsoft.CostManagement/exports/daily", m.ResourceId);
        Assert.Equal("1.0r2", m.DataVersion);
        Assert.Equal("FocusCost", m.Type);
        Assert.Equal("MonthToDate", m.TimeFrame);
        Assert.Equal("Daily", m.Granularity);
        Assert.Equal("Csv", m.FileFormat);
        Assert.Equal("exports", m.RootFolderPath);
        Assert.Equal("3a9f3d28", m.RunId);
        Assert.Equal(new DateTimeOffset(2026, 10, 11, 6, 49, 6, TimeSpan.Zero).AddTicks(5756051), m.SubmittedTime);
        Assert.Equal(1, m.BlobCount);
        Assert.Equal(5120, m.DataRowCount);
        Assert.Equal(81234, m.ByteCount);
        var blob = Assert.Single(m.Blobs);
        Assert.Equal((Blob, 40617L, 2560L), (blob.BlobName, blob.ByteCount!.Value, blob.DataRowCount!.Value));
        Assert.Equal(new DateOnly(2026, 10, 1), m.Month);
        Assert.Equal((Sub + "/providers/Microsoft.CostManagement/exports/daily").ToLowerInvariant(), m.ExportKey);
    }

    [Theory]
    [InlineData("2026-10-01T00:00:00")]
    [InlineData("2026-10-01T00:00:00Z")]
    [InlineData("2026-10-01T00:00:00.0000000Z")]
    public async Task StartDate_WithOrWithoutZ_IsUtc(string start)
    {
        var m = await ParseAsync(Json("r", "2026-10-11T06:49:06Z", start, "2026-10-11T00:00:00", [Blob]));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), m.StartDate);
        Assert.Equal(TimeSpan.Zero, m.StartDate.Offset);
        Assert.Equal(new DateTimeOffset(2026, 10, 11, 0, 0, 0, TimeSpan.Zero), m.EndDate);
    }

    [Fact]
    public async Task StartDate_LateOnTheLastDay_StaysInItsMonth_NotShiftedByTheMachinesZone()
    {
        var m = await ParseAsync(Json("r", "2026-10-11T06:49:06Z", "2026-09-30T23:30:00", "2026-10-11T00:00:00", [Blob]));
        Assert.Equal(new DateOnly(2026, 9, 1), m.Month);
    }

    [Theory]
    [InlineData("null")]
    [InlineData(null)]
    public async Task DataRowCount_NullOrMissing_IsNull(string? dataRowCount)
    {
        var m = await ParseAsync(Json("r", "2026-10-11T06:49:06Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00", [Blob], dataRowCount: dataRowCount));
        Assert.Null(m.DataRowCount);
    }

    [Fact]
    public async Task DataRowCount_Zero_IsZero()
    {
        var m = await ParseAsync(Json("r", "2026-10-11T06:49:06Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00", [], dataRowCount: "0"));
        Assert.Equal(0, m.DataRowCount);
        Assert.Empty(m.Blobs);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "\"runId\":\"r\"", "\"runId\":\"\"", "runInfo.runId" },
        { "\"startDate\":\"2026-10-01T00:00:00\"", "\"startDate\":\"first of October\"", "runInfo.startDate" },
        { "\"startDate\":\"2026-10-01T00:00:00\",", "", "runInfo.startDate" },
        { "\"submittedTime\":\"2026-10-11T06:49:06Z\"", "\"submittedTime\":42", "runInfo.submittedTime" },
        { "\"dataRowCount\":5120", "\"dataRowCount\":\"many\"", "dataRowCount" },
        { "\"dataRowCount\":5120", "\"dataRowCount\":-1", "dataRowCount" },
        { "\"type\":\"FocusCost\"", "\"type\":null", "exportConfig.type" },
        { "\"blobCount\":1", "\"blobCount\":3", "blobCount" },
        { "\"blobName\":", "\"name\":", "blobs[0].blobName" },
        { "\"exportConfig\":{", "\"exportConfiguration\":{", "exportConfig" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_IsRefused_NamingTheField(string replace, string with, string field)
    {
        var json = Json("r", "2026-10-11T06:49:06Z", "2026-10-01T00:00:00", "2026-10-11T00:00:00", [Blob]);
        Assert.Contains(replace, json);
        var e = await Assert.ThrowsAsync<ImportException>(() => ParseAsync(json.Replace(replace, with), "exports/daily/x/manifest.json"));
        Assert.Equal("exports/daily/x/manifest.json", e.FileName);
        Assert.Equal(field, e.Column);
        Assert.Contains(field, e.Message);
    }

    [Theory]
    [InlineData("{\"exportConfig\":")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task NotAManifest_IsRefused(string json)
    {
        var e = await Assert.ThrowsAsync<ImportException>(() => ParseAsync(json));
        Assert.Contains("not a valid manifest", e.Reason);
    }
}
