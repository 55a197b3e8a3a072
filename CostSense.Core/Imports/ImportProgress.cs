namespace CostSense.Core.Imports;

/// <summary>Where an import is: which file, whether its rows are being checked or written, and how many so far.</summary>
public sealed record ImportProgress(string FileName, ImportPhase Phase, long Rows);

/// <summary>The importer's two passes: every row is checked before any is written.</summary>
public enum ImportPhase
{
    Checking,
    Writing,
}
