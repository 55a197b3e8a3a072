using CostSense.Core.Imports;
using CostSense.Core.Imports.Containers;

namespace CostSense.Tests.Imports.Containers;

public sealed class ContainerDetectorTests
{
    [Theory]
    [InlineData("part_0_0001.csv.gz")]
    [InlineData("export.csv")]      // a browser that kept gzip bytes under a .csv name: the bytes decide
    [InlineData("download")]
    public void GzipMagic_IsGzip_WhateverTheName(string name) =>
        Assert.Equal(ContainerKind.GzipCsv, ContainerDetector.Detect([0x1F, 0x8B, 0x08, 0x00], name));

    [Fact]
    public void ParquetMagic_IsParquet() =>
        Assert.Equal(ContainerKind.Parquet, ContainerDetector.Detect("PAR1"u8, "part_0_0001.parquet"));

    [Theory]
    [InlineData("focus.csv")]
    [InlineData("focus.CSV")]
    [InlineData("costs")]
    public void TextWithoutMagic_IsCsv(string name) =>
        Assert.Equal(ContainerKind.Csv, ContainerDetector.Detect("Bill"u8, name));

    [Fact]
    public void EmptyFile_IsCsv_SoTheCsvReaderSaysItIsEmpty() =>
        Assert.Equal(ContainerKind.Csv, ContainerDetector.Detect([], "empty.csv"));

    [Theory]
    [InlineData("part_0_0001.csv.gz", "gzip")]
    [InlineData("part_0_0001.parquet", "Parquet")]
    public void NamePromisingAContainerTheBytesAreNot_IsRefused(string name, string container)
    {
        var e = Assert.Throws<ImportException>(() => ContainerDetector.Detect("Bill"u8, name));
        Assert.Equal(name, e.FileName);
        Assert.Contains(container, e.Reason);
    }

    [Fact]
    public void ZipOrXlsx_IsRefusedByName()
    {
        var e = Assert.Throws<ImportException>(() => ContainerDetector.Detect("PK\u0003\u0004"u8, "costs.xlsx"));
        Assert.Contains("Excel", e.Reason);
    }
}
