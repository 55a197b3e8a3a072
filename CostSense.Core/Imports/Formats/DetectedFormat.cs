namespace CostSense.Core.Imports.Formats;

/// <summary>
/// The format a header was recognised as: its family, its version as far as header and hint tell, a display name for
/// the import summary, and the optional columns the file lacks (mapped to "" or 0), so a partial file is visible as such.
/// </summary>
public sealed record DetectedFormat(CostFormatKind Kind, string Version, string Name, IReadOnlyList<string> MissingColumns);
