using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CostSense.Core.Costs;

/// <summary>
/// The importer's one-pass write on PostgreSQL. <see cref="ReplaceSourcesAsync(Func{CancellationToken, Task{IReadOnlyList{SourceWrite}}}, Func{CostSenseDbContext, CancellationToken, Task}?, Func{CostSenseDbContext, CancellationToken, Task}?, Action{ImportBatch}, Func{IReadOnlyList{StoreWrite}, AuditEntry}, CancellationToken)"/>
/// needs each source's months before it writes, so the importer reads a file twice (check, then write). Here the rows
/// are written as they are read, and what they replace is deleted after: the transaction is what keeps a malformed file
/// (its last row as much as its first) from leaving anything behind, so the file is still checked whole before anything
/// is committed, and read once. Why a method of its own rather than the per-source write: the per-source write deletes
/// first and needs the period up front; this one tells the new rows from the old by their batch (each source's batch
/// is inserted before its first row), deletes the old ones of the months the file covers once it has read them all,
/// and then does what the per-source write does after its rows (rollups of the touched days, month versions, batch totals).
/// </summary>
public sealed partial class CostStore
{
    /// <summary>
    /// Writes <paramref name="produce"/>'s rows (each with its source) in one transaction: <paramref name="first"/> runs
    /// before any row, <paramref name="check"/> once every row is in (given each source's months as consecutive ranges;
    /// it may refuse the write by throwing), then each source's earlier rows of those months go, the rollups and month
    /// versions of those days follow, <paramref name="last"/> runs, and the batches (one per source and range, stamped by
    /// <paramref name="describe"/>) and <paramref name="audit"/>'s entry commit with the rows. An exception anywhere,
    /// a malformed row included, rolls everything back. A retried transaction calls <paramref name="produce"/> again.
    /// PostgreSQL only (binary COPY).
    /// </summary>
    internal async Task<IReadOnlyList<StoreWrite>> ImportInOnePassAsync(
        Func<CancellationToken, IAsyncEnumerable<(string Source, CostRecord Row)>> produce,
        Func<CostSenseDbContext, CancellationToken, Task>? first,
        Func<IReadOnlyList<(string Source, DateOnly Start, DateOnly End)>, CancellationToken, Task> check,
        Func<CostSenseDbContext, CancellationToken, Task>? last,
        Action<ImportBatch> describe, Func<IReadOnlyList<StoreWrite>, AuditEntry> audit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql()) throw new InvalidOperationException("The one-pass import writes with PostgreSQL's binary COPY.");
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            if (first is not null) await first(db, c);

            var batches = await CopyRowsAsync(db, produce(c), c);
            // No rows (a header-only file): nothing to replace, and nothing of `first` is kept.
            if (batches.Count == 0) return (IReadOnlyList<StoreWrite>)[];
            var spans = batches.SelectMany(b => b.Value.Ranges().Select(r => (Source: b.Key, r.Start, r.End)))
                .OrderBy(s => s.Source, StringComparer.Ordinal).ThenBy(s => s.Start).ToList();
            await check(spans, c);

            var results = new List<StoreWrite>(spans.Count);
            var started = new HashSet<string>(StringComparer.Ordinal);
            var written = batches.Values.Select(b => b.Batch.Id).ToHashSet();
            foreach (var (source, start, end) in spans)
            {
                var rowsOf = batches[source];
                var batch = rowsOf.Batch;
                if (!started.Add(source))
                {
                    // A source whose months are not consecutive gets a batch per range, as the per-source write gives it.
                    batch = new ImportBatch { Source = source, PeriodStart = start, PeriodEnd = end, ImportedAt = rowsOf.Batch.ImportedAt };
                    db.ImportBatches.Add(batch);
                    await db.SaveChangesAsync(c);
                    var from = rowsOf.Batch.Id;
                    var to = batch.Id;
                    written.Add(to);
                    await db.CostRecords.Where(r => r.ImportBatchId == from && r.ChargePeriodStart >= start && r.ChargePeriodStart < end)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.ImportBatchId, to), c);
                }
                // What the source held before is found by its earlier batches (every row a store write makes carries
                // one), through the batch index: the new rows, millions of them, are never visited.
                var keep = written.ToList();
                var earlier = await db.ImportBatches.Where(b => b.Source == source && !keep.Contains(b.Id)).Select(b => (long?)b.Id).ToListAsync(c);
                var deleted = 0;
                foreach (var chunk in earlier.Chunk(500))
                    deleted += await db.CostRecords
                        .Where(r => chunk.Contains(r.ImportBatchId) && r.Source == source && r.ChargePeriodStart >= start && r.ChargePeriodStart < end)
                        .ExecuteDeleteAsync(c);
                var tally = rowsOf.Of(start, end);
                batch.PeriodStart = start;
                batch.PeriodEnd = end;
                batch.RowCount = checked((int)tally.Rows);
                batch.BilledCost = tally.Billed;
                batch.EffectiveCost = tally.Effective;
                batch.Currency = tally.Currencies.Count == 1 ? tally.Currencies.Single() : null;
                describe(batch);
                db.Entry(batch).State = EntityState.Modified;
                await RebuildRollupsAsync(db, start, end, c);
                await PeriodVersions.BumpMonthsAsync(db, start, end, c);
                log.LogInformation("Replaced {Source} {Start:yyyy-MM-dd}..{End:yyyy-MM-dd} in one pass: {Deleted} rows out, {Count} rows in",
                    source, start, end.AddDays(-1), deleted, batch.RowCount);
                results.Add(new StoreWrite(batch, deleted));
            }
            await db.SaveChangesAsync(c);
            if (last is not null) await last(db, c);
            db.AuditEntries.Add(audit(results));
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return (IReadOnlyList<StoreWrite>)results;
        }, ct);
    }

    /// <summary>
    /// COPYs the rows into the cost table as they come, each under its source's batch (inserted, between two COPYs,
    /// before the source's first row), and tallies them per source and month.
    /// </summary>
    private async Task<Dictionary<string, SourceRows>> CopyRowsAsync(CostSenseDbContext db, IAsyncEnumerable<(string Source, CostRecord Row)> rows,
        CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var copy = CostRecordCopy.For(db);
        var batches = new Dictionary<string, SourceRows>(StringComparer.Ordinal);
        // A partitioned cost table takes only rows of months it has: a month met for the first time is attached between
        // two COPYs (a few times a file at most), as the store's other writes attach theirs before they write.
        var months = await CostPartitions.IsPartitionedAsync(db, ct) ? await CostPartitions.PartitionsAsync(db, ct) : null;
        NpgsqlBinaryImporter? importer = null;
        SourceRows? current = null;
        try
        {
            await foreach (var (source, row) in rows.WithCancellation(ct))
            {
                var newSource = current is null || !string.Equals(current.Batch.Source, source, StringComparison.Ordinal);
                var newMonth = months is not null && !months.Contains(CostPartitions.PartitionName(row.ChargePeriodStart));
                if (newSource || newMonth)
                {
                    if (importer is not null)
                    {
                        await importer.CompleteAsync(ct);
                        await importer.DisposeAsync();
                        importer = null;
                    }
                    if (newMonth)
                    {
                        var first = FirstOfMonth(row.ChargePeriodStart);
                        await CostPartitions.EnsureMonthsAsync(db, first, first.AddMonths(1), ct);
                        months!.Add(CostPartitions.PartitionName(first));
                    }
                    if (!batches.TryGetValue(source, out current))
                    {
                        var month = FirstOfMonth(row.ChargePeriodStart);
                        var batch = new ImportBatch { Source = source, PeriodStart = month, PeriodEnd = month.AddMonths(1), ImportedAt = time.GetUtcNow() };
                        db.ImportBatches.Add(batch);
                        await db.SaveChangesAsync(ct);
                        batches[source] = current = new SourceRows(batch);
                    }
                    importer = await connection.BeginBinaryImportAsync(copy.Command, ct);
                }
                row.Source = source;
                row.ImportBatchId = current!.Batch.Id;
                row.BillingCurrency = row.BillingCurrency.Trim().ToUpperInvariant();
                current.Add(row);
                copy.Write(importer!, row);
            }
            if (importer is not null) await importer.CompleteAsync(ct);
        }
        finally
        {
            if (importer is not null) await importer.DisposeAsync();
        }
        return batches;
    }

    /// <summary>One source's batch and, per month, the rows written under it.</summary>
    private sealed class SourceRows(ImportBatch batch)
    {
        private readonly SortedDictionary<DateOnly, MonthTally> _months = [];
        private DateOnly _lastMonth;
        private MonthTally? _last;

        public ImportBatch Batch { get; } = batch;

        public void Add(CostRecord row)
        {
            var month = FirstOfMonth(row.ChargePeriodStart);
            if (_last is null || month != _lastMonth)
            {
                if (!_months.TryGetValue(month, out _last)) _months[month] = _last = new MonthTally();
                _lastMonth = month;
            }
            _last.Rows++;
            _last.Billed += row.BilledCost;
            _last.Effective += row.EffectiveCost;
            if (_last.Currencies.Count == 0 || !_last.Currencies.Contains(row.BillingCurrency)) _last.Currencies.Add(row.BillingCurrency);
        }

        /// <summary>The months written, as [start, end) ranges of consecutive months.</summary>
        public IEnumerable<(DateOnly Start, DateOnly End)> Ranges()
        {
            DateOnly? start = null, end = null;
            foreach (var month in _months.Keys)
            {
                if (start is not null && month == end) { end = month.AddMonths(1); continue; }
                if (start is { } s && end is { } e) yield return (s, e);
                (start, end) = (month, month.AddMonths(1));
            }
            if (start is { } s2 && end is { } e2) yield return (s2, e2);
        }

        public MonthTally Of(DateOnly start, DateOnly end)
        {
            var sum = new MonthTally();
            foreach (var (month, t) in _months)
            {
                if (month < start || month >= end) continue;
                sum.Rows += t.Rows;
                sum.Billed += t.Billed;
                sum.Effective += t.Effective;
                sum.Currencies.UnionWith(t.Currencies);
            }
            return sum;
        }
    }

    private sealed class MonthTally
    {
        public long Rows;
        public decimal Billed;
        public decimal Effective;
        public readonly HashSet<string> Currencies = new(StringComparer.OrdinalIgnoreCase);
    }
}
