using System.Diagnostics;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// The import at enterprise scale: writes a FocusCost CSV of <see cref="ScaleSize.ImportRows"/> rows (<see cref="FocusCsv"/>),
/// imports it through <see cref="CostImporter"/> into a store of its own, and loads the same file with <c>psql \copy</c>
/// into a table of the file's columns on the same server (<see cref="PsqlCopy"/>; PostgreSQL only). Figures: rows per
/// second beside psql's (target ≥ 70% of it) and the process's peak working set during the import (target ≤ 300 MB);
/// at full size the same again at four times the rows, to show the memory flat. Throws when the imported totals or row
/// count differ from the file's, so the figure can never come from a broken import.
/// </summary>
public static class ScaleImport
{
    private const double TargetShare = 0.70;
    private const double TargetPeakMb = 300;

    public static async Task RunAsync(ScaleSize size, string? postgres, ScaleReport report, CancellationToken ct)
    {
        var header = FocusCsv.Header();
        var once = await MeasureAsync(size, size.ImportRows, header, postgres, report, ct);
        Add(report, once, postgres is not null, "");
        if (size != ScaleSize.Full) return;

        var four = await MeasureAsync(size, size.ImportRows * 4, header, postgres, report, ct);
        Add(report, four, postgres is not null, " at 4×");
        var flat = four.PeakMb <= TargetPeakMb && four.PeakMb <= once.PeakMb * 1.15;
        report.Add(new ScaleFigure($"Import peak working set, {once.Rows:N0} → {four.Rows:N0} rows", "flat at 4×",
            $"{once.PeakMb:N0} MB → {four.PeakMb:N0} MB", null, postgres is null ? null : flat,
            flat ? null : $"{four.PeakMb - once.PeakMb:+#,0;-#,0} MB at four times the rows"));
    }

    private static void Add(ScaleReport report, Measured m, bool postgres, string suffix)
    {
        var rate = m.Rows / m.Seconds;
        double? share = m.Psql is { } p ? rate / (m.Rows / p.Seconds) : null;
        report.Add(new ScaleFigure($"Import of a FOCUS CSV ({m.Rows:N0} rows){suffix}", "≥ 70% of psql \\copy rows/s",
            $"{rate:N0} rows/s ({m.Seconds:N1} s{(share is { } s ? $", {s:P0} of psql's" : "")})",
            m.Psql is { } b ? $"psql \\copy {m.Rows / b.Seconds:N0} rows/s ({b.Seconds:N1} s)" : null,
            postgres && share is { } met ? met >= TargetShare : null,
            m.Phases + (m.PsqlMissing is { } why ? $"; {why}" : "")));
        report.Add(new ScaleFigure($"Import peak working set ({m.Rows:N0} rows){suffix}", "≤ 300 MB", $"{m.PeakMb:N0} MB",
            m.Psql is { } q ? $"psql's own RSS {q.PeakKb / 1024:N0} MB" : null, postgres ? m.PeakMb <= TargetPeakMb : null,
            $"{m.StartMb:N0} MB before the import; {m.AllocatedMb:N0} MB allocated"));
    }

    private static async Task<Measured> MeasureAsync(ScaleSize size, int rows, IReadOnlyList<string> header, string? postgres, ScaleReport report,
        CancellationToken ct)
    {
        await using var store = await ScaleStore.StartAsync($"import_{size.Name}", size, postgres, ct);
        var file = Path.Combine(store.Folder, "focus-2026-10.csv");
        var writing = Stopwatch.StartNew();
        var (billed, effective) = await FocusCsv.WriteAsync(file, header, rows, ct);
        report.Say($"  import: {rows:N0} rows, {header.Count} columns, {new FileInfo(file).Length / 1_048_576.0:N0} MB written in {writing.Elapsed.TotalSeconds:N0} s");

        var importer = store.Services.GetRequiredService<CostImporter>();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var phases = new ImportPhaseClock();
        var startMb = Environment.WorkingSet / 1_048_576.0;
        var allocated = GC.GetTotalAllocatedBytes();
        FileImportSummary summary;
        double seconds, peakMb;
        using (var peak = new PeakWorkingSet())
        {
            var timer = Stopwatch.StartNew();
            summary = await importer.ImportFileAsync(Actor.System, ImportFile.FromPath(file), phases, ct);
            seconds = timer.Elapsed.TotalSeconds;
            peakMb = peak.PeakBytes / 1_048_576.0;
            phases.End(timer.Elapsed);
        }
        var allocatedMb = (GC.GetTotalAllocatedBytes() - allocated) / 1_048_576.0;

        // The figure stands only if the import is right: every row in, and the totals the file's to the cent.
        var total = summary.Totals.Single();
        if (summary.Rows != rows || total.BilledCost != billed || total.EffectiveCost != effective)
            throw new InvalidOperationException($"The import read {summary.Rows:N0} rows totalling {total.BilledCost}/{total.EffectiveCost}; the file has {rows:N0} totalling {billed}/{effective}.");
        await using (var db = await store.Services.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(ct))
        {
            var stored = await db.CostRecords.Where(r => r.Source.StartsWith(CostImporter.SourcePrefix))
                .GroupBy(r => 1).Select(g => new { Rows = g.LongCount(), Billed = g.Sum(r => r.BilledCost), Effective = g.Sum(r => r.EffectiveCost) })
                .SingleAsync(ct);
            if (stored.Rows != rows || stored.Billed != billed || stored.Effective != effective)
                throw new InvalidOperationException($"The store holds {stored.Rows:N0} imported rows totalling {stored.Billed}/{stored.Effective}; the file has {rows:N0} totalling {billed}/{effective}.");
        }

        (double Seconds, double PeakKb)? psql = null;
        string? missing = null;
        if (postgres is not null) psql = await PsqlCopy.RunAsync(file, header, postgres, why => missing = why, ct);
        File.Delete(file);
        return new Measured(rows, seconds, peakMb, startMb, allocatedMb, phases.ToString(), psql, missing);
    }

    private sealed record Measured(int Rows, double Seconds, double PeakMb, double StartMb, double AllocatedMb, string Phases,
        (double Seconds, double PeakKb)? Psql, string? PsqlMissing);
}
