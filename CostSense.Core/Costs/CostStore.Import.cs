using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
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
/// and then ends each source as the per-source write does, through the same step (<see cref="FinishSourceWriteAsync"/>:
/// batch totals, rollups of the touched days, month versions).
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
        ImportTimeout(db);
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
                batch.PeriodStart = start;
                batch.PeriodEnd = end;
                describe(batch);
                results.Add(await FinishSourceWriteAsync(db, batch, rowsOf.Of(start, end), start, end, deleted, " in one pass", c));
            }
            if (last is not null) await last(db, c);
            db.AuditEntries.Add(audit(results));
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return (IReadOnlyList<StoreWrite>)results;
        }, ct);
    }

    /// <summary>
    /// An import's statements work on all of a file's rows at once (a month's rollups grouped from 8 million rows took
    /// 32 s here, and the 30 s default cancelled the import): they get the hour the migrations get. A query's time
    /// is bounded by the file, not by a user waiting on a page.
    /// </summary>
    private static void ImportTimeout(CostSenseDbContext db) => db.Database.SetCommandTimeout(TimeSpan.FromHours(1));

    /// <summary>
    /// COPYs the rows into the cost table as they come, each under its source's batch (inserted, between two COPYs,
    /// before the source's first row), and tallies them per source and month. On a partitioned table a month that has no
    /// partition yet is loaded as a table of its own, without indexes, and attached once every row is in
    /// (<see cref="CostPartitions.CreateLoadMonthAsync"/>): building an index once from sorted rows is far cheaper than
    /// growing it a row at a time. Rows of months that exist go through the parent, as every other write's do.
    /// </summary>
    private async Task<Dictionary<string, SourceRows>> CopyRowsAsync(CostSenseDbContext db, IAsyncEnumerable<(string Source, CostRecord Row)> rows,
        CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var copy = CostRecordCopy.For(db);
        var batches = new Dictionary<string, SourceRows>(StringComparer.Ordinal);
        var months = await CostPartitions.IsPartitionedAsync(db, ct) ? await CostPartitions.PartitionsAsync(db, ct) : null;
        var loading = new List<DateOnly>();
        // The table of the last row's month, so a row costs no partition name of its own.
        DateOnly? lastMonth = null;
        var target = copy.Table;
        await using var targets = new CopyTargets((NpgsqlConnection)db.Database.GetDbConnection(), copy);
        SourceRows? current = null;
        await foreach (var (source, row) in rows.WithCancellation(ct))
        {
            if ((current is null || !string.Equals(current.Batch.Source, source, StringComparison.Ordinal)) && !batches.TryGetValue(source, out current))
            {
                // The batch row goes in between two COPYs, so the source's rows can carry its id.
                await targets.PauseAsync(ct);
                var month = FirstOfMonth(row.ChargePeriodStart);
                var batch = new ImportBatch { Source = source, PeriodStart = month, PeriodEnd = month.AddMonths(1), ImportedAt = time.GetUtcNow() };
                db.ImportBatches.Add(batch);
                await db.SaveChangesAsync(ct);
                batches[source] = current = new SourceRows(batch);
            }
            if (months is not null && (lastMonth is not { } m || row.ChargePeriodStart < m || row.ChargePeriodStart >= m.AddMonths(1)))
            {
                var month = FirstOfMonth(row.ChargePeriodStart);
                var name = CostPartitions.PartitionName(month);
                if (!months.Contains(name))
                {
                    await targets.PauseAsync(ct);
                    await CostPartitions.CreateLoadMonthAsync(db, month, ct);
                    months.Add(name);
                    loading.Add(month);
                }
                target = loading.Contains(month) ? CostRecordCopy.Quote(name) : copy.Table;
                lastMonth = month;
            }
            row.Source = source;
            row.ImportBatchId = current.Batch.Id;
            row.BillingCurrency = row.BillingCurrency.Trim().ToUpperInvariant();
            current.Add(row);
            await targets.WriteAsync(target, row, ct);
        }
        await targets.CompleteAsync(ct);
        foreach (var month in loading) await CostPartitions.AttachLoadedMonthAsync(db, month, ct);
        return batches;
    }

    /// <summary>
    /// One binary COPY at a time (a connection runs one), switched between the tables rows go to: a row of another table
    /// than the running COPY's is held until that table has a chunk's worth, so a file whose months interleave costs a
    /// switch per chunk rather than per row, with at most a chunk per table held.
    /// </summary>
    private sealed class CopyTargets(NpgsqlConnection connection, CostRecordCopy copy) : IAsyncDisposable
    {
        private const int Chunk = 1024;
        private readonly Dictionary<string, List<CostRecord>> _held = new(StringComparer.Ordinal);
        private NpgsqlBinaryImporter? _importer;
        private string? _table;

        public async ValueTask WriteAsync(string table, CostRecord row, CancellationToken ct)
        {
            if (_importer is null) await BeginAsync(table, ct);
            if (string.Equals(table, _table, StringComparison.Ordinal))
            {
                copy.Write(_importer!, row);
                return;
            }
            if (!_held.TryGetValue(table, out var held)) _held[table] = held = new List<CostRecord>(Chunk);
            held.Add(row);
            if (held.Count < Chunk) return;
            await PauseAsync(ct);
            await BeginAsync(table, ct);
        }

        /// <summary>Completes the running COPY, if any (the held rows stay held), so the connection can run a command.</summary>
        public async ValueTask PauseAsync(CancellationToken ct)
        {
            if (_importer is null) return;
            await _importer.CompleteAsync(ct);
            await _importer.DisposeAsync();
            (_importer, _table) = (null, null);
        }

        /// <summary>Writes every held row and completes the last COPY.</summary>
        public async ValueTask CompleteAsync(CancellationToken ct)
        {
            foreach (var (table, held) in _held)
                if (held.Count > 0)
                {
                    await PauseAsync(ct);
                    await BeginAsync(table, ct);
                }
            await PauseAsync(ct);
        }

        private async ValueTask BeginAsync(string table, CancellationToken ct)
        {
            _importer = await connection.BeginBinaryImportAsync(copy.CommandInto(table), ct);
            _table = table;
            if (_held.TryGetValue(table, out var held))
            {
                foreach (var row in held) copy.Write(_importer, row);
                held.Clear();
            }
        }

        /// <summary>An unfinished COPY (a malformed row stopped the read) is cancelled; the transaction rolls back.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_importer is not null) await _importer.DisposeAsync();
        }
    }

    /// <summary>One source's batch and, per month, the rows written under it.</summary>
    private sealed class SourceRows(ImportBatch batch)
    {
        private readonly SortedDictionary<DateOnly, RowTally> _months = [];
        private DateOnly _lastMonth;
        private RowTally? _last;

        public ImportBatch Batch { get; } = batch;

        public void Add(CostRecord row)
        {
            var month = FirstOfMonth(row.ChargePeriodStart);
            if (_last is null || month != _lastMonth)
            {
                if (!_months.TryGetValue(month, out _last)) _months[month] = _last = new RowTally();
                _lastMonth = month;
            }
            _last.Add(row);
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

        /// <summary>The rows written dated in the months of [start, end).</summary>
        public RowTally Of(DateOnly start, DateOnly end)
        {
            var sum = new RowTally();
            foreach (var (month, t) in _months)
                if (month >= start && month < end) sum.Add(t);
            return sum;
        }
    }
}
