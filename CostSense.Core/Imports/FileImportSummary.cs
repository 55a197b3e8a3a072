using CostSense.Core.Imports.Formats;

namespace CostSense.Core.Imports;

/// <summary>
/// What importing one file did. <see cref="Rows"/> is what the file held; <see cref="DailyRows"/> what it became once
/// hourly rows were summed to daily grain. <see cref="Sources"/>, <see cref="BatchIds"/> and <see cref="RowsReplaced"/>
/// are those of the store sources the file wrote: files of one run that share a source share its batches and their count.
/// <see cref="DemoTenantRemoved"/> says the import took the demo tenant out of the store (real data never sits beside it).
/// </summary>
public sealed record FileImportSummary(
    string FileName,
    DetectedFormat Format,
    long Rows,
    long DailyRows,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    IReadOnlyList<CurrencyTotal> Totals,
    IReadOnlyList<string> Sources,
    IReadOnlyList<long> BatchIds,
    int RowsReplaced,
    bool DemoTenantRemoved = false);
