using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Imports;

/// <summary>
/// Limits on what an import will read (section <c>CostSense:Imports</c>), bound and validated on start
/// (<c>ValidateDataAnnotations</c>, <c>ValidateOnStart</c>) in <c>DependencyInjection</c>.
/// </summary>
public sealed class ImportOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CostSense:Imports";

    /// <summary>
    /// The most bytes a compressed file (a <c>.csv.gz</c>) may inflate to; past it the file is refused and nothing more
    /// is inflated (a gzip bomb). Default 20 GiB: a month of a large billing account's FOCUS rows, with room.
    /// </summary>
    [Range(1L, long.MaxValue)]
    public long MaxDecompressedBytes { get; set; } = 20L * 1024 * 1024 * 1024;
}
