namespace CostSense.Core.Data.Entities;

/// <summary>
/// What became of one Cost Management export run read from the export container: which export and billing month it
/// belongs to, which run (its manifest's runId and submitted time), and whether it was imported, skipped or refused.
/// The latest imported run per export and month is what the container reader compares new runs with, so a run is
/// imported once and an older run never replaces a newer one.
/// </summary>
public sealed class ExportRunImport
{
    public long Id { get; set; }

    /// <summary>The export (its resource id, lower-cased: scope and name), as <c>ExportManifest.ExportKey</c>.</summary>
    public required string ExportKey { get; set; }

    /// <summary>The first day of the billing month the run covers.</summary>
    public DateOnly Month { get; set; }

    public required string RunId { get; set; }
    public DateTimeOffset SubmittedTime { get; set; }
    public required string ManifestPath { get; set; }

    /// <summary>The export's dataset and version ("FocusCost 1.0r2", "ActualCost 2021-10-01").</summary>
    public string? Dataset { get; set; }

    public ExportRunOutcome Outcome { get; set; }

    /// <summary>Rows imported (the files' rows before daily grain); 0 when skipped or refused.</summary>
    public long Rows { get; set; }

    /// <summary>Why a run was skipped or refused, or the import's one-line summary.</summary>
    public string? Message { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }

    /// <summary>Who started the read: "schedule" or the user who pressed Import now.</summary>
    public string? ProcessedBy { get; set; }
}

/// <summary>What the container reader did with a run.</summary>
public enum ExportRunOutcome
{
    Imported,
    Skipped,
    Refused,
}
