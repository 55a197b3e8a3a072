using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Costs;

/// <summary>
/// The only writer of cost rows. A write replaces what one source holds for a period, rebuilds the
/// rollups of the days it touched and bumps their months' versions, all in one transaction: running
/// the same import twice never doubles cost, and a failed import leaves the store as it was.
/// </summary>
public sealed partial class CostStore(IDbContextFactory<CostSenseDbContext> dbFactory, TimeProvider time, ILogger<CostStore> log)
{
    /// <summary>Replaces the rows of <paramref name="source"/> dated in [start, end) with <paramref name="rows"/>.</summary>
    public Task<ImportBatch> ReplacePeriodAsync(string source, DateOnly start, DateOnly end, IEnumerable<CostRecord> rows, CancellationToken ct)
    {
        if (end <= start) throw new ArgumentException($"The period end {end:yyyy-MM-dd} must be after its start {start:yyyy-MM-dd}.", nameof(end));
        return WriteAsync(source, start, end, wholeSource: false, rows, ct);
    }

    /// <summary>
    /// Replaces several sources' periods in one transaction (an import run): <paramref name="produce"/> is called once per
    /// attempt, before the transaction opens, so a retried write reads its rows anew (the importer re-opens its files).
    /// <paramref name="describe"/> stamps each batch (file, format, who) before it is saved; <paramref name="audit"/>'s
    /// entry commits with the rows. Either every source is replaced or none is.
    /// </summary>
    internal async Task<IReadOnlyList<StoreWrite>> ReplaceSourcesAsync(Func<CancellationToken, Task<IReadOnlyList<SourceWrite>>> produce,
        Action<ImportBatch> describe, Func<IReadOnlyList<StoreWrite>, AuditEntry> audit, CancellationToken ct) =>
        await ReplaceSourcesAsync(produce, null, null, describe, audit, ct);

    /// <summary>
    /// As <see cref="ReplaceSourcesAsync(Func{CancellationToken, Task{IReadOnlyList{SourceWrite}}}, Action{ImportBatch}, Func{IReadOnlyList{StoreWrite}, AuditEntry}, CancellationToken)"/>,
    /// with <paramref name="first"/> run inside the transaction before any source is written (the importer removes the demo
    /// tenant there, so real rows never land beside it) and <paramref name="last"/> after every source is (the importer
    /// derives the inventory the new rows tell there).
    /// </summary>
    internal async Task<IReadOnlyList<StoreWrite>> ReplaceSourcesAsync(Func<CancellationToken, Task<IReadOnlyList<SourceWrite>>> produce,
        Func<CostSenseDbContext, CancellationToken, Task>? first, Func<CostSenseDbContext, CancellationToken, Task>? last,
        Action<ImportBatch> describe, Func<IReadOnlyList<StoreWrite>, AuditEntry> audit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        ImportTimeout(db);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            var writes = await produce(c);
            await using var tx = await db.Database.BeginTransactionAsync(c);
            if (first is not null) await first(db, c);
            var results = new List<StoreWrite>(writes.Count);
            foreach (var w in writes)
                results.Add(await WriteInTransactionAsync(db, w.Source, w.Start, w.End, wholeSource: false, w.Rows, c, describe));
            if (last is not null) await last(db, c);
            db.AuditEntries.Add(audit(results));
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return (IReadOnlyList<StoreWrite>)results;
        }, ct);
    }

    /// <summary>
    /// Removes the rows batch <paramref name="batchId"/> wrote, rebuilds the rollups of their days, bumps their months'
    /// versions, marks the batch undone and adds <paramref name="audit"/>'s entry, in one transaction. Rows the batch
    /// replaced when it was written are not brought back: they were deleted then.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such batch.</exception>
    /// <exception cref="InvalidOperationException">The batch was undone already.</exception>
    internal async Task<StoreWrite> UndoBatchAsync(long batchId, string undoneBy, Func<ImportBatch, int, AuditEntry> audit, CancellationToken ct) =>
        await UndoBatchAsync(batchId, undoneBy, audit, null, ct);

    /// <summary>As the overload without <paramref name="also"/>, which runs in the same transaction once the rows are out.</summary>
    internal async Task<StoreWrite> UndoBatchAsync(long batchId, string undoneBy, Func<ImportBatch, int, AuditEntry> audit,
        Func<CostSenseDbContext, ImportBatch, CancellationToken, Task>? also, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var batch = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == batchId, c)
                ?? throw new KeyNotFoundException($"There is no import batch {batchId}.");
            if (batch.UndoneAt is not null)
                throw new InvalidOperationException($"Import batch {batchId} was undone already, at {batch.UndoneAt:yyyy-MM-dd HH:mm} UTC by {batch.UndoneBy}.");
            var rows = db.CostRecords.Where(r => r.ImportBatchId == batchId);
            var first = await rows.MinAsync(r => (DateOnly?)r.ChargePeriodStart, c);
            var last = await rows.MaxAsync(r => (DateOnly?)r.ChargePeriodStart, c);
            var deleted = await rows.ExecuteDeleteAsync(c);
            if (first is { } from && last is { } to)
            {
                await RebuildRollupsAsync(db, from, to.AddDays(1), c);
                await PeriodVersions.BumpMonthsAsync(db, from, to.AddDays(1), c);
            }
            if (also is not null) await also(db, batch, c);
            batch.UndoneAt = time.GetUtcNow();
            batch.UndoneBy = undoneBy;
            db.Entry(batch).State = EntityState.Modified;
            db.AuditEntries.Add(audit(batch, deleted));
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            log.LogInformation("Undid import batch {Batch} ({Source}): {Deleted} rows out", batchId, batch.Source, deleted);
            return new StoreWrite(batch, deleted);
        }, ct);
    }

    /// <summary>Replaces everything <paramref name="source"/> holds with <paramref name="rows"/> dated in [start, end).</summary>
    public Task<ImportBatch> ReplaceSourceAsync(string source, DateOnly start, DateOnly end, IEnumerable<CostRecord> rows, CancellationToken ct)
    {
        if (end <= start) throw new ArgumentException($"The period end {end:yyyy-MM-dd} must be after its start {start:yyyy-MM-dd}.", nameof(end));
        return WriteAsync(source, start, end, wholeSource: true, rows, ct);
    }

    private async Task<ImportBatch> WriteAsync(string source, DateOnly start, DateOnly end, bool wholeSource, IEnumerable<CostRecord> rows, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // With PostgreSQL's retrying strategy a transient failure rolls the transaction back and runs the whole
        // write again, enumerating the rows anew: sources hand in re-enumerable rows for that reason.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(c => WriteOnceAsync(db, source, start, end, wholeSource, rows, c), ct);
    }

    private async Task<ImportBatch> WriteOnceAsync(CostSenseDbContext db, string source, DateOnly start, DateOnly end, bool wholeSource,
        IEnumerable<CostRecord> rows, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var write = await WriteInTransactionAsync(db, source, start, end, wholeSource, rows.ToAsyncEnumerable(), ct);
        await tx.CommitAsync(ct);
        return write.Batch;
    }

    /// <summary>Replaces everything the source holds, inside the caller's open transaction.</summary>
    internal Task<ImportBatch> ReplaceSourceInTransactionAsync(CostSenseDbContext db, string source, DateOnly start, DateOnly end,
        IEnumerable<CostRecord> rows, CancellationToken ct) => WriteBatchInTransactionAsync(db, source, start, end, rows, ct);

    private async Task<ImportBatch> WriteBatchInTransactionAsync(CostSenseDbContext db, string source, DateOnly start, DateOnly end,
        IEnumerable<CostRecord> rows, CancellationToken ct) =>
        (await WriteInTransactionAsync(db, source, start, end, wholeSource: true, rows.ToAsyncEnumerable(), ct)).Batch;

    private async Task<StoreWrite> WriteInTransactionAsync(CostSenseDbContext db, string source, DateOnly start, DateOnly end, bool wholeSource,
        IAsyncEnumerable<CostRecord> rows, CancellationToken ct, Action<ImportBatch>? describe = null)
    {
        if (end <= start) throw new ArgumentException($"The period end {end:yyyy-MM-dd} must be after its start {start:yyyy-MM-dd}.", nameof(end));
        // The days whose rollups change: the new period, plus whatever the source held outside it.
        var touchedStart = start;
        var touchedEnd = end;
        var old = db.CostRecords.Where(r => r.Source == source);
        if (wholeSource)
        {
            var oldMin = await old.MinAsync(r => (DateOnly?)r.ChargePeriodStart, ct);
            var oldMax = await old.MaxAsync(r => (DateOnly?)r.ChargePeriodStart, ct);
            if (oldMin is { } min && oldMax is { } max)
            {
                touchedStart = Min(touchedStart, min);
                touchedEnd = Max(touchedEnd, max.AddDays(1));
            }
        }
        else
        {
            old = old.Where(r => r.ChargePeriodStart >= start && r.ChargePeriodStart < end);
        }
        // PostgreSQL: the months the rows go to exist before the COPY, and a month holding nothing but what is being
        // replaced is truncated rather than deleted row by row; the DELETE then finds only what shares a month.
        long truncated = 0;
        if (await CostPartitions.IsPartitionedAsync(db, ct))
        {
            await CostPartitions.EnsureMonthsAsync(db, start, end, ct);
            truncated = wholeSource
                ? await CostPartitions.TruncateWholeMonthsAsync(db, source, DateOnly.MinValue, DateOnly.MaxValue, ct)
                : await CostPartitions.TruncateWholeMonthsAsync(db, source, start, end, ct);
        }
        var deleted = checked((int)(truncated + await old.ExecuteDeleteAsync(ct)));

        // The batch first, so every row it writes carries its id and one import can be undone on its own.
        var batch = new ImportBatch { Source = source, PeriodStart = start, PeriodEnd = end, ImportedAt = time.GetUtcNow() };
        describe?.Invoke(batch);
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);

        var tally = new RowTally();
        async IAsyncEnumerable<CostRecord> Checked()
        {
            await foreach (var row in rows.WithCancellation(ct))
            {
                if (row.ChargePeriodStart < start || row.ChargePeriodStart >= end)
                    throw new InvalidOperationException($"Row {tally.Rows + 1} is dated {row.ChargePeriodStart:yyyy-MM-dd}, outside the period {start:yyyy-MM-dd} to {end.AddDays(-1):yyyy-MM-dd} being replaced.");
                row.Source = source;
                row.ImportBatchId = batch.Id;
                row.BillingCurrency = row.BillingCurrency.Trim().ToUpperInvariant();
                tally.Add(row);
                yield return row;
            }
        }
        await BulkInsert.InsertAsync(db, Checked(), ct);
        return await FinishSourceWriteAsync(db, batch, tally, touchedStart, touchedEnd, deleted, "", ct);
    }

    /// <summary>
    /// What ends a source's write, whichever way its rows went in (the per-source write's delete-then-insert, or the
    /// one-pass import's COPY-then-delete): the batch takes its rows' count, totals and currency (null when they bill in
    /// several) and is saved, the rollups of the touched days [touchedStart, touchedEnd) are rebuilt from the raw rows and
    /// their months' versions bumped (so cached reads of them go stale), and the write is logged. One step, so the two
    /// writes cannot drift apart in what a batch records or which days they refresh.
    /// </summary>
    private async Task<StoreWrite> FinishSourceWriteAsync(CostSenseDbContext db, ImportBatch batch, RowTally rows, DateOnly touchedStart,
        DateOnly touchedEnd, int deleted, string how, CancellationToken ct)
    {
        batch.RowCount = checked((int)rows.Rows);
        batch.BilledCost = rows.Billed;
        batch.EffectiveCost = rows.Effective;
        batch.Currency = rows.Currencies.Count == 1 ? rows.Currencies.Single() : null;
        db.Entry(batch).State = EntityState.Modified;
        await RebuildRollupsAsync(db, touchedStart, touchedEnd, ct);
        await PeriodVersions.BumpMonthsAsync(db, touchedStart, touchedEnd, ct);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Replaced {Source} {Start:yyyy-MM-dd}..{End:yyyy-MM-dd}{How}: {Deleted} rows out, {Count} rows in",
            batch.Source, batch.PeriodStart, batch.PeriodEnd.AddDays(-1), how, deleted, batch.RowCount);
        return new StoreWrite(batch, deleted);
    }

    /// <summary>What a source's rows add up to as they are written: the batch's row count, totals and currencies.</summary>
    private sealed class RowTally
    {
        public long Rows;
        public decimal Billed;
        public decimal Effective;
        public readonly HashSet<string> Currencies = new(StringComparer.OrdinalIgnoreCase);

        public void Add(CostRecord row)
        {
            Rows++;
            Billed += row.BilledCost;
            Effective += row.EffectiveCost;
            Currencies.Add(row.BillingCurrency);
        }

        public void Add(RowTally other)
        {
            Rows += other.Rows;
            Billed += other.Billed;
            Effective += other.Effective;
            Currencies.UnionWith(other.Currencies);
        }
    }

    /// <summary>
    /// Removes every row <paramref name="source"/> holds inside the caller's transaction, with the rollups and month
    /// versions of the days it covered; returns how many rows left.
    /// </summary>
    internal static async Task<int> RemoveSourceInTransactionAsync(CostSenseDbContext db, string source, CancellationToken ct)
    {
        var rows = db.CostRecords.Where(r => r.Source == source);
        var min = await rows.MinAsync(r => (DateOnly?)r.ChargePeriodStart, ct);
        var max = await rows.MaxAsync(r => (DateOnly?)r.ChargePeriodStart, ct);
        if (min is null || max is null) return 0;
        var deleted = await rows.ExecuteDeleteAsync(ct);
        await RebuildRollupsAsync(db, min.Value, max.Value.AddDays(1), ct);
        await PeriodVersions.BumpMonthsAsync(db, min.Value, max.Value.AddDays(1), ct);
        return deleted;
    }

    /// <summary>
    /// Builds the tag rollups of a store written before they existed: when cost rows carry tags and no tag rollup does,
    /// every rollup is rebuilt once (a migration cannot, it has no JSON reader). Returns whether it did.
    /// </summary>
    public async Task<bool> EnsureTagRollupsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.DailyTagRollups.AnyAsync(ct) || !await db.CostRecords.AnyAsync(r => r.Tags != null, ct)) return false;
        var first = await db.CostRecords.MinAsync(r => r.ChargePeriodStart, ct);
        var last = await db.CostRecords.MaxAsync(r => r.ChargePeriodStart, ct);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(c);
            await RebuildRollupsAsync(db, first, last.AddDays(1), c);
            await PeriodVersions.BumpMonthsAsync(db, first, last.AddDays(1), c);
            await tx.CommitAsync(c);
        }, ct);
        log.LogInformation("Built the tag rollups of {First:yyyy-MM-dd}..{Last:yyyy-MM-dd}", first, last);
        return true;
    }

    /// <summary>
    /// Recomputes the daily rollups of [start, end) from the raw rows of every source. On PostgreSQL the cost rollups are
    /// one INSERT … SELECT … GROUP BY per month (nothing travels to the app and back; the month's partition alone is read);
    /// on SQLite, or with <paramref name="setBased"/> false, the groups are read and written back. The tag rollups always
    /// take the C# path: <see cref="CostTags.Parse"/> is the one reading of tag text (first of duplicate keys after lower
    /// casing wins, EA's brace-less form, invalid JSON counts as untagged), which jsonb_each_text does not reproduce.
    /// </summary>
    internal static async Task RebuildRollupsAsync(CostSenseDbContext db, DateOnly start, DateOnly end, CancellationToken ct, bool? setBased = null)
    {
        await db.DailyCostRollups.Where(r => r.Date >= start && r.Date < end).ExecuteDeleteAsync(ct);
        await db.DailyTagRollups.Where(r => r.Date >= start && r.Date < end).ExecuteDeleteAsync(ct);
        var inSql = setBased ?? db.Database.IsNpgsql();
        if (inSql && !db.Database.IsNpgsql()) throw new InvalidOperationException("The set-based rollup rebuild is PostgreSQL's.");
        // A month of millions of rows grouped by ten columns: with the default 4 MB of work memory PostgreSQL sorts it on
        // disk; for the rest of the caller's transaction (a write's), 64 MB keeps the groups in memory.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '64MB'", ct);

        // A month at a time keeps the grouped result small however long the period is.
        for (var from = start; from < end; from = Min(end, FirstOfMonth(from).AddMonths(1)))
        {
            var to = Min(end, FirstOfMonth(from).AddMonths(1));
            if (inSql) await InsertCostRollupsAsync(db, from, to, ct);
            else await BulkInsert.InsertAsync(db, await CostRollupsAsync(db, from, to, ct), ct);
            await BulkInsert.InsertAsync(db, await TagRollupsAsync(db, from, to, ct), ct);
        }
    }

    /// <summary>The cost rollups of [from, to) grouped in SQL and inserted by the server (PostgreSQL).</summary>
    private static Task<int> InsertCostRollupsAsync(CostSenseDbContext db, DateOnly from, DateOnly to, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "DailyCostRollups" ("Date", "ProviderName", "SubAccountId", "SubAccountName", "ResourceGroup", "ServiceName",
                "RegionId", "TagEnvironment", "TagCostCenter", "BillingCurrency", "BilledCost", "EffectiveCost", "RowCount")
            SELECT "ChargePeriodStart", "ProviderName", "SubAccountId", "SubAccountName", "ResourceGroup", "ServiceName",
                "RegionId", "TagEnvironment", "TagCostCenter", "BillingCurrency", sum("BilledCost"), sum("EffectiveCost"), count(*)::int
            FROM "CostRecords"
            WHERE "ChargePeriodStart" >= {from} AND "ChargePeriodStart" < {to}
            GROUP BY "ChargePeriodStart", "ProviderName", "SubAccountId", "SubAccountName", "ResourceGroup", "ServiceName",
                "RegionId", "TagEnvironment", "TagCostCenter", "BillingCurrency"
            """, ct);

    /// <summary>The cost rollups of [from, to) grouped in SQL and read into the app (SQLite).</summary>
    private static Task<List<DailyCostRollup>> CostRollupsAsync(CostSenseDbContext db, DateOnly from, DateOnly to, CancellationToken ct) =>
        db.CostRecords
            .Where(r => r.ChargePeriodStart >= from && r.ChargePeriodStart < to)
            .GroupBy(r => new { r.ChargePeriodStart, r.ProviderName, r.SubAccountId, r.SubAccountName, r.ResourceGroup, r.ServiceName, r.RegionId, r.TagEnvironment, r.TagCostCenter, r.BillingCurrency })
            .Select(g => new DailyCostRollup
            {
                Date = g.Key.ChargePeriodStart,
                ProviderName = g.Key.ProviderName,
                SubAccountId = g.Key.SubAccountId,
                SubAccountName = g.Key.SubAccountName,
                ResourceGroup = g.Key.ResourceGroup,
                ServiceName = g.Key.ServiceName,
                RegionId = g.Key.RegionId,
                TagEnvironment = g.Key.TagEnvironment,
                TagCostCenter = g.Key.TagCostCenter,
                BillingCurrency = g.Key.BillingCurrency,
                BilledCost = g.Sum(r => r.BilledCost),
                EffectiveCost = g.Sum(r => r.EffectiveCost),
                RowCount = g.Count(),
            })
            .ToListAsync(ct);

    /// <summary>
    /// The tag rollups of [from, to): the rows are summed per distinct tag text in SQL (few per day), and each text's
    /// tags are read once here, so any tag key can be broken down without scanning raw rows again.
    /// </summary>
    private static async Task<List<DailyTagRollup>> TagRollupsAsync(CostSenseDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var groups = await db.CostRecords
            .Where(r => r.ChargePeriodStart >= from && r.ChargePeriodStart < to && r.Tags != null)
            .GroupBy(r => new { r.ChargePeriodStart, r.ProviderName, r.SubAccountId, r.SubAccountName, r.ResourceGroup, r.Tags, r.BillingCurrency })
            .Select(g => new { g.Key.ChargePeriodStart, g.Key.ProviderName, g.Key.SubAccountId, g.Key.SubAccountName, g.Key.ResourceGroup, g.Key.Tags, g.Key.BillingCurrency, Cost = g.Sum(r => r.EffectiveCost) })
            .ToListAsync(ct);
        var parsed = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        var sums = new Dictionary<(DateOnly, string, string, string, string, string, string, string), decimal>();
        foreach (var g in groups)
        {
            if (!parsed.TryGetValue(g.Tags!, out var tags)) parsed[g.Tags!] = tags = CostTags.Parse(g.Tags);
            foreach (var (key, value) in tags)
            {
                var k = (g.ChargePeriodStart, g.ProviderName, g.SubAccountId, g.SubAccountName, g.ResourceGroup, key, value, g.BillingCurrency);
                sums[k] = sums.GetValueOrDefault(k) + g.Cost;
            }
        }
        return sums.Select(s => new DailyTagRollup
        {
            Date = s.Key.Item1, ProviderName = s.Key.Item2, SubAccountId = s.Key.Item3, SubAccountName = s.Key.Item4,
            ResourceGroup = s.Key.Item5, TagKey = s.Key.Item6, TagValue = s.Key.Item7, BillingCurrency = s.Key.Item8, EffectiveCost = s.Value,
        }).ToList();
    }

    internal static DateOnly FirstOfMonth(DateOnly d) => new(d.Year, d.Month, 1);
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
