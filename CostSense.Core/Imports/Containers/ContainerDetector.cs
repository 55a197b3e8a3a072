namespace CostSense.Core.Imports.Containers;

/// <summary>
/// Tells a file's container from its first bytes, with its name only as a witness: the magic bytes decide (gzip
/// <c>1F 8B</c>, Parquet <c>PAR1</c>), whatever the name says, because browsers and copies rename and re-compress
/// files. Bytes with no magic are CSV text, unless the name promises a container the bytes are not
/// (<c>.gz</c>, <c>.parquet</c>: a damaged or mislabelled file) or they are a zip archive (an <c>.xlsx</c> workbook).
/// </summary>
public static class ContainerDetector
{
    /// <summary>How many leading bytes <see cref="Detect"/> wants (fewer is fine for a shorter file).</summary>
    public const int MagicLength = 4;

    /// <summary>The container of a file that starts with <paramref name="head"/>, or <see cref="ImportException"/>.</summary>
    public static ContainerKind Detect(ReadOnlySpan<byte> head, string fileName)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return ContainerKind.GzipCsv;
        if (head.StartsWith("PAR1"u8)) return ContainerKind.Parquet;
        if (head.StartsWith("PK\u0003\u0004"u8))
            throw new ImportException(fileName, "is a zip archive or an Excel workbook (.xlsx), not CSV, gzip or Parquet: extract the CSV, or save the sheet as \"CSV UTF-8 (Comma delimited)\"");
        if (fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".gzip", StringComparison.OrdinalIgnoreCase))
            throw new ImportException(fileName, "is named as gzip but does not start with gzip's magic bytes (1F 8B): the file is damaged or not gzip; download it again");
        if (fileName.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            throw new ImportException(fileName, "is named as Parquet but does not start with Parquet's magic bytes (PAR1): the file is damaged or not Parquet; download it again");
        return ContainerKind.Csv;
    }
}
