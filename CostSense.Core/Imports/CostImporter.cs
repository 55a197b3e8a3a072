using System.Runtime.CompilerServices;
using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports.DerivedInventory;
using CostSense.Core.Imports.Formats;
using CostSense.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Imports;

/// <summary>
/// Imports cost files into the store through <see cref="CostStore"/>, its only writer.
/// <para>
/// <b>Nothing is lost on bad input.</b> A first pass reads and maps every row of every file; the first bad row throws
/// <see cref="ImportException"/> (file, line, column, value, reason) and nothing is written. A second pass re-opens the
/// files and writes everything in one transaction; a retried transaction re-opens them again.
/// </para>
/// <para>
/// <b>Replacement rule.</b> Each row belongs to the store source <c>import:{ProviderName}:{BillingAccountId}</c>
/// (<see cref="SourceKey"/>): ProviderName is FOCUS's (generic FOCUS files carry AWS, Oracle …), "Microsoft" for Azure
/// exports. For every source a file or run writes, what that source held in each calendar month its rows cover is
/// deleted and replaced by the rows (consecutive months in one batch; a month the file has no row in is left alone). So a re-delivered run of the
/// same export replaces the earlier one (a run for days 1–10, then one for days 1–20: the month holds the second), the
/// same file imported twice leaves the store as once, and two billing accounts or two providers never erase each other.
/// A file that spans several sources writes each; files of one run that share a source are written together.
/// </para>
/// <para>
/// <b>Daily grain.</b> Rows that differ only in their hour are summed to one row per day and dimensions.
/// </para>
/// Importing, undoing and the history need <see cref="Permission.ManageData"/> (Analyst, Admin), checked against the
/// store; imports and undos are audited in the transaction that makes them.
/// </summary>
public sealed class CostImporter(TabularFileOpener opener, CostStore store, CurrentPermissions permissions, AuditTrail audit,
    IDbContextFactory<CostSenseDbContext> dbFactory, ImportedInventory inventory)
{
    private readonly TextLimits limits = TextLimits.For<CostRecord>(dbFactory);
    private readonly bool onPostgres = IsPostgres(dbFactory);

    /// <summary>The prefix of every imported source; other sources (the demo tenant) are not the importer's to undo.</summary>
    public const string SourcePrefix = "import:";

    // Progress is reported every this many rows of a pass, and at its end.
    private const int ProgressEvery = 10_000;

    /// <summary>The store source a row of this provider and billing account belongs to (a file without a manifest).</summary>
    public static string SourceKey(string providerName, string billingAccountId) => $"{SourcePrefix}{providerName}:{billingAccountId}";

    /// <summary>The store source of an export's runs (<see cref="ImportFile.ExportKey"/>): its scope and name.</summary>
    public static string ExportSourceKey(string exportKey) => $"{SourcePrefix}export:{exportKey}";

    /// <summary>Imports one file for <paramref name="actor"/>.</summary>
    /// <exception cref="ImportException">A row or the file itself is malformed; nothing was written.</exception>
    /// <exception cref="AccessDeniedException">The actor may not import.</exception>
    public Task<FileImportSummary> ImportFileAsync(Actor actor, ImportFile file, CancellationToken ct) =>
        ImportFileAsync(actor, file, null, ct);

    /// <summary>Imports one file for <paramref name="actor"/>, reporting rows checked and written to <paramref name="progress"/>.</summary>
    /// <exception cref="ImportException">A row or the file itself is malformed; nothing was written.</exception>
    /// <exception cref="AccessDeniedException">The actor may not import.</exception>
    public async Task<FileImportSummary> ImportFileAsync(Actor actor, ImportFile file, IProgress<ImportProgress>? progress, CancellationToken ct) =>
        (await ImportRunAsync(actor, [file], progress, ct)).Single();

    /// <summary>Imports the files of one export run (or any set of files) together, in one transaction.</summary>
    /// <exception cref="ImportException">A row or a file is malformed; nothing was written.</exception>
    /// <exception cref="AccessDeniedException">The actor may not import.</exception>
    public Task<IReadOnlyList<FileImportSummary>> ImportRunAsync(Actor actor, IReadOnlyList<ImportFile> files, CancellationToken ct) =>
        ImportRunAsync(actor, files, null, ct);

    /// <summary>Imports the files of one run together, reporting rows checked and written to <paramref name="progress"/>.</summary>
    /// <exception cref="ImportException">A row or a file is malformed; nothing was written.</exception>
    /// <exception cref="AccessDeniedException">The actor may not import.</exception>
    public async Task<IReadOnlyList<FileImportSummary>> ImportRunAsync(Actor actor, IReadOnlyList<ImportFile> files,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0) throw new ArgumentException("An import needs at least one file.", nameof(files));
        actor = await permissions.DemandAsync(actor, Permission.ManageData, ct);
        if (onPostgres)
        {
            try
            {
                return await ImportInOnePassAsync(actor, files, progress, ct);
            }
            catch (SubDailyRows)
            {
                // An hourly file is summed to days before it is written, which needs its spans first: two passes.
            }
        }

        var scans = new List<FileScan>(files.Count);
        foreach (var file in files) scans.Add(await ScanAsync(file, progress, ct));

        var spans = scans.SelectMany(s => s.MonthsBySource)
            .GroupBy(m => m.Key, m => m.Value, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => MonthRanges(g.SelectMany(m => m)).Select(r => (Source: g.Key, r.Start, r.End)))
            .ToList();
        var results = new Dictionary<string, List<StoreWrite>>(StringComparer.Ordinal);
        var dailyRows = new Dictionary<FileScan, long>();
        var demoRemoved = 0;
        if (spans.Count > 0)
        {
            var runName = string.Join(", ", files.Select(f => f.Name));
            var formats = string.Join(", ", scans.Select(s => s.Format.Name).Distinct());
            var writes = await store.ReplaceSourcesAsync(
                async c =>
                {
                    await RefuseOverlapAsync(scans, spans, runName, c);
                    dailyRows.Clear();
                    return spans.Select(s => new SourceWrite(s.Source, s.Start, s.End, RowsOfAsync(scans, s, dailyRows, progress, c))).ToList();
                },
                async (db, c) => demoRemoved = await RemoveDemoTenantAsync(db, actor, c),
                async (db, c) =>
                {
                    foreach (var scan in scans) progress?.Report(new(scan.File.Name, ImportPhase.Finishing, scan.Rows));
                    await inventory.RebuildInTransactionAsync(db, c);
                },
                batch => Describe(batch, scans, actor),
                written => audit.Entry(actor, AuditActions.CostImport, runName, $"{formats}: {Written(written)}"),
                ct);
            foreach (var w in writes)
            {
                if (!results.TryGetValue(w.Batch.Source, out var list)) results[w.Batch.Source] = list = [];
                list.Add(w);
            }
        }

        return scans.Select(s =>
        {
            var sources = s.MonthsBySource.Keys.Order(StringComparer.Ordinal).ToList();
            return new FileImportSummary(s.File.Name, s.Format, s.Rows, dailyRows.GetValueOrDefault(s), s.FirstDay, s.LastDay, s.CurrencyTotals(),
                sources, sources.SelectMany(x => results[x]).Select(w => w.Batch.Id).ToList(), sources.SelectMany(x => results[x]).Sum(w => w.Deleted),
                demoRemoved > 0);
        }).ToList();
    }

    /// <summary>A batch's files, formats and importer: the files of the run whose rows are in the batch's source.</summary>
    private static void Describe(ImportBatch batch, IReadOnlyList<FileScan> scans, Actor actor)
    {
        var files = scans.Where(s => s.MonthsBySource.ContainsKey(batch.Source)).ToList();
        batch.FileName = string.Join(", ", files.Select(s => s.File.Name));
        batch.Format = string.Join(", ", files.Select(s => s.Format.Name).Distinct());
        batch.ImportedBy = actor.Name;
    }

    /// <summary>What an import wrote, for its audit entry: each batch's source, period, rows in and out, and totals.</summary>
    private static string Written(IEnumerable<StoreWrite> written) => string.Join("; ", written.Select(w =>
        $"{w.Batch.Source} {w.Batch.PeriodStart:yyyy-MM-dd}..{w.Batch.PeriodEnd.AddDays(-1):yyyy-MM-dd} batch {w.Batch.Id}, " +
        $"{w.Batch.RowCount} rows in, {w.Deleted} out, billed {w.Batch.BilledCost} effective {w.Batch.EffectiveCost} {w.Batch.Currency ?? "(several currencies)"}"));

    /// <summary>
    /// PostgreSQL: each file is read once, its rows checked, mapped and streamed into binary COPY as they are read
    /// (<see cref="CostStore.ImportInOnePassAsync"/>), parsing on one core while COPY is fed from the other. The transaction
    /// still makes a malformed row anywhere in the run refuse it whole: nothing is committed until every row was read.
    /// The overlap with other imports is checked once the months are known, before the earlier rows go. A sub-daily
    /// (hourly) file is handed back (<see cref="SubDailyRows"/>) to the two passes, which sum it to days first.
    /// </summary>
    private async Task<IReadOnlyList<FileImportSummary>> ImportInOnePassAsync(Actor actor, IReadOnlyList<ImportFile> files,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var runName = string.Join(", ", files.Select(f => f.Name));
        var scans = new List<FileScan>(files.Count);
        var demoRemoved = 0;
        var writes = await store.ImportInOnePassAsync(
            c =>
            {
                scans = new List<FileScan>(files.Count);
                return ReadAhead.Of(RowsInOnePassAsync(files, scans, progress, c), ReadAheadChunk, ReadAheadChunks, c);
            },
            async (db, c) => demoRemoved = await RemoveDemoTenantAsync(db, actor, c),
            (spans, c) => RefuseOverlapAsync(scans, spans, runName, c),
            async (db, c) => await inventory.RebuildInTransactionAsync(db, c),
            batch => Describe(batch, scans, actor),
            written => audit.Entry(actor, AuditActions.CostImport, runName,
                $"{string.Join(", ", scans.Select(s => s.Format.Name).Distinct())}: {Written(written)}"),
            ct);
        var results = writes.GroupBy(w => w.Batch.Source, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return scans.Select(s =>
        {
            var sources = s.MonthsBySource.Keys.Order(StringComparer.Ordinal).ToList();
            var mine = sources.SelectMany(x => results.GetValueOrDefault(x) ?? []).ToList();
            return new FileImportSummary(s.File.Name, s.Format, s.Rows, s.Rows, s.FirstDay, s.LastDay, s.CurrencyTotals(),
                sources, mine.Select(w => w.Batch.Id).ToList(), mine.Sum(w => w.Deleted), demoRemoved > 0);
        }).ToList();
    }

    // Rows handed from the parsing task to the COPY a chunk at a time, at most this many chunks ahead: bounded memory.
    private const int ReadAheadChunk = 1024;
    private const int ReadAheadChunks = 8;

    /// <summary>Every file's rows once, checked and mapped, with the source each belongs to; the scans fill as they go.</summary>
    private async IAsyncEnumerable<(string Source, CostRecord Row)> RowsInOnePassAsync(IReadOnlyList<ImportFile> files, List<FileScan> scans,
        IProgress<ImportProgress>? progress, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var file in files)
        {
            await using var table = await opener.OpenAsync(await file.Open(ct), file.Name, ct);
            var reader = CostFileReader.Open(table, file.Hint);
            var scan = new FileScan(file, reader.Format);
            scans.Add(scan);
            var keys = new SourceKeys();
            await foreach (var row in reader.ReadAllAsync(ct))
            {
                if (row.Details.SubDaily) throw new SubDailyRows();
                var source = Prepare(file, row, keys);
                scan.Add(source, row);
                if (scan.Rows % ProgressEvery == 0) progress?.Report(new(file.Name, ImportPhase.Writing, scan.Rows));
                yield return (source, row.Record);
            }
            progress?.Report(new(file.Name, ImportPhase.Writing, scan.Rows));
        }
        foreach (var scan in scans) progress?.Report(new(scan.File.Name, ImportPhase.Finishing, scan.Rows));
    }

    /// <summary>A file holds sub-daily rows: the one-pass write hands it back to the two passes.</summary>
    private sealed class SubDailyRows() : Exception("The file has sub-daily rows; they are summed to days in two passes.");

    /// <summary>
    /// The source of each row of one file without a string per row: a file's rows carry a few (provider, billing account)
    /// pairs, the CSV reader hands back the same string instances for them, so the last key is reused while they repeat.
    /// </summary>
    private sealed class SourceKeys
    {
        private string? _provider, _account;

        public string? Last { get; private set; }

        public string Of(string provider, string account)
        {
            if (Last is null || !string.Equals(provider, _provider, StringComparison.Ordinal) || !string.Equals(account, _account, StringComparison.Ordinal))
                (_provider, _account, Last) = (provider, account, SourceKey(provider, account));
            return Last;
        }

        public string Export(string exportKey) => Last ??= ExportSourceKey(exportKey);
    }

    private static bool IsPostgres(IDbContextFactory<CostSenseDbContext> dbFactory)
    {
        using var db = dbFactory.CreateDbContext();
        return db.Database.IsNpgsql();
    }

    /// <summary>
    /// Undoes an import batch: its rows leave the store, the rollups and month versions follow, the batch is marked undone
    /// and the undo is audited. What the batch replaced when it was written is not restored.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such batch, or not an import's.</exception>
    /// <exception cref="InvalidOperationException">The batch was undone already.</exception>
    public async Task<ImportBatch> UndoAsync(Actor actor, long batchId, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageData, ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var source = await db.ImportBatches.Where(b => b.Id == batchId).Select(b => b.Source).SingleOrDefaultAsync(ct);
            if (source is null || !source.StartsWith(SourcePrefix, StringComparison.Ordinal))
                throw new KeyNotFoundException($"There is no import batch {batchId}.");
        }
        var undone = await store.UndoBatchAsync(batchId, actor.Name,
            (b, deleted) => audit.Entry(actor, AuditActions.CostImportUndo, $"batch {b.Id}",
                $"{b.Source} {b.PeriodStart:yyyy-MM-dd}..{b.PeriodEnd.AddDays(-1):yyyy-MM-dd} from {b.FileName}: {deleted} rows out"),
            async (db, batch, c) =>
            {
                await ForgetExportRunsAsync(db, batch, c);
                await inventory.RebuildInTransactionAsync(db, c);
            }, ct);
        return undone.Batch;
    }

    /// <summary>
    /// An undone export batch forgets the runs it imported for its months, so the container's next read (or Import now)
    /// brings the export's latest run back instead of skipping it as imported already.
    /// </summary>
    private static async Task ForgetExportRunsAsync(CostSenseDbContext db, ImportBatch batch, CancellationToken ct)
    {
        var prefix = ExportSourceKey("");
        if (!batch.Source.StartsWith(prefix, StringComparison.Ordinal)) return;
        var exportKey = batch.Source[prefix.Length..];
        await db.ExportRunImports
            .Where(r => r.ExportKey == exportKey && r.Month >= batch.PeriodStart && r.Month < batch.PeriodEnd && r.Outcome == ExportRunOutcome.Imported)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>The imports, newest first: who, when, which file and format, the period, rows and totals, and whether undone.</summary>
    public async Task<IReadOnlyList<ImportBatch>> HistoryAsync(Actor actor, int take, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageData, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ImportBatches.AsNoTracking()
            .Where(b => b.Source.StartsWith(SourcePrefix))
            .OrderByDescending(b => b.Id)
            .Take(Math.Clamp(take, 1, 500))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Refuses a write that would count a subscription's day twice: when another imported source (a subscription export
    /// beside a billing-account export holding it, or an actual-cost beside an amortized-cost export), or the live Azure
    /// sync, already holds rows of the same subscription on the same day, the message names both.
    /// </summary>
    private async Task RefuseOverlapAsync(IReadOnlyList<FileScan> scans, IReadOnlyList<(string Source, DateOnly Start, DateOnly End)> spans,
        string runName, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var w in spans)
        {
            var days = scans.SelectMany(s => s.SubscriptionDays.GetValueOrDefault(w.Source) ?? [])
                .Where(d => d.Day >= w.Start && d.Day < w.End).ToHashSet();
            if (days.Count == 0) continue;
            var subscriptions = days.Select(d => d.Subscription).Distinct().ToList();
            foreach (var chunk in subscriptions.Chunk(500))
            {
                var held = await db.CostRecords.AsNoTracking()
                    .Where(r => r.Source != w.Source && (r.Source.StartsWith(SourcePrefix) || r.Source.StartsWith(KnownSources.AzurePrefix))
                        && r.ChargePeriodStart >= w.Start && r.ChargePeriodStart < w.End && chunk.Contains(r.SubAccountId))
                    .Select(r => new { r.Source, r.SubAccountId, r.SubAccountName, r.ChargePeriodStart, r.ImportBatchId })
                    .Distinct()
                    .ToListAsync(ct);
                if (held.Where(h => days.Contains((h.SubAccountId, h.ChargePeriodStart))).OrderBy(h => h.ChargePeriodStart).FirstOrDefault() is not { } clash)
                    continue;
                var file = await db.ImportBatches.Where(b => b.Id == clash.ImportBatchId).Select(b => b.FileName).SingleOrDefaultAsync(ct);
                if (clash.Source.StartsWith(KnownSources.AzurePrefix, StringComparison.Ordinal))
                    throw new ImportException(runName,
                        $"subscription {Named(clash.SubAccountName, clash.SubAccountId)} on {clash.ChargePeriodStart:yyyy-MM-dd} is already counted by the live Azure sync ({clash.Source});" +
                        $" importing it as {w.Source} would count it twice. Import only the subscriptions and months the sync does not read, or leave this subscription out of the sync's scope (CostSense:Azure)");
                throw new ImportException(runName,
                    $"subscription {Named(clash.SubAccountName, clash.SubAccountId)} on {clash.ChargePeriodStart:yyyy-MM-dd} is already counted by {clash.Source}" +
                    $" (import {clash.ImportBatchId}{(file is null ? "" : $" of {file}")}); importing it again as {w.Source} would count it twice." +
                    " Undo one of the two imports, or import only one of the two exports (a subscription's export and a billing account's export that holds it, or an actual and an amortized export of the same scope, overlap)");
            }
        }

        static string Named(string name, string id) => name.Length > 0 && name != id ? $"{name} ({id})" : id;
    }

    /// <summary>
    /// Real data and the demo tenant never mix: the first import removes the demo tenant's cost rows, inventory and
    /// metrics in its own transaction, audited. Returns the number of cost rows removed (0 when there was no demo tenant).
    /// </summary>
    private async Task<int> RemoveDemoTenantAsync(CostSenseDbContext db, Actor actor, CancellationToken ct)
    {
        if (!await db.CostRecords.AnyAsync(r => r.Source == KnownSources.Demo, ct)) return 0;
        var removed = await CostStore.RemoveSourceInTransactionAsync(db, KnownSources.Demo, ct);
        await InventoryStore.ReplaceInTransactionAsync(db, KnownSources.Demo, [], [], [], ct);
        db.AuditEntries.Add(audit.Entry(actor, AuditActions.DemoRemove, KnownSources.Demo,
            $"{removed:N0} demo cost rows and the demo inventory removed: real cost data was imported"));
        return removed;
    }

    /// <summary>The months given (firsts of months), as [start, end) ranges of consecutive months.</summary>
    private static IEnumerable<(DateOnly Start, DateOnly End)> MonthRanges(IEnumerable<DateOnly> months)
    {
        DateOnly? start = null, end = null;
        foreach (var month in months.Distinct().Order())
        {
            if (start is not null && month == end) { end = month.AddMonths(1); continue; }
            if (start is { } s && end is { } e) yield return (s, e);
            (start, end) = (month, month.AddMonths(1));
        }
        if (start is { } s2 && end is { } e2) yield return (s2, e2);
    }

    private async Task<FileScan> ScanAsync(ImportFile file, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var table = await opener.OpenAsync(await file.Open(ct), file.Name, ct);
        var reader = CostFileReader.Open(table, file.Hint);
        var scan = new FileScan(file, reader.Format);
        var keys = new SourceKeys();
        await foreach (var row in reader.ReadAllAsync(ct))
        {
            scan.Add(Prepare(file, row, keys), row);
            if (scan.Rows % ProgressEvery == 0) progress?.Report(new(file.Name, ImportPhase.Checking, scan.Rows));
        }
        progress?.Report(new(file.Name, ImportPhase.Checking, scan.Rows));
        return scan;
    }

    /// <summary>
    /// The second pass for one source and span: reads again each file holding rows of it, as it writes, so a file is never
    /// held in memory. Rows of a sub-daily (hourly) file are summed to daily grain first (memory then holds one span's
    /// daily rows). A file whose rows for the span differ from the first pass is refused and the transaction rolls back.
    /// </summary>
    private async IAsyncEnumerable<CostRecord> RowsOfAsync(IReadOnlyList<FileScan> scans, (string Source, DateOnly Start, DateOnly End) span,
        Dictionary<FileScan, long> dailyRows, IProgress<ImportProgress>? progress, [EnumeratorCancellation] CancellationToken ct)
    {
        var holding = scans.Where(s => s.TallyOf(span.Source, span.Start, span.End).Rows > 0).ToList();
        var grain = holding.Any(s => s.SubDaily) ? new DailyGrain() : null;
        foreach (var scan in holding)
        {
            await using var table = await opener.OpenAsync(await scan.File.Open(ct), scan.File.Name, ct);
            var reader = CostFileReader.Open(table, scan.File.Hint);
            var seen = default(Tally);
            var keys = new SourceKeys();
            long read = 0;
            await foreach (var row in reader.ReadAllAsync(ct))
            {
                if (++read % ProgressEvery == 0) progress?.Report(new(scan.File.Name, ImportPhase.Writing, read));
                var source = Prepare(scan.File, row, keys);
                var r = row.Record;
                if (source != span.Source || r.ChargePeriodStart < span.Start || r.ChargePeriodStart >= span.End) continue;
                seen = seen.With(r);
                if (grain is null)
                {
                    dailyRows[scan] = dailyRows.GetValueOrDefault(scan) + 1;
                    yield return r;
                }
                else if (grain.Add(r))
                {
                    dailyRows[scan] = dailyRows.GetValueOrDefault(scan) + 1;
                }
            }
            progress?.Report(new(scan.File.Name, ImportPhase.Writing, read));
            if (seen != scan.TallyOf(span.Source, span.Start, span.End))
                throw new ImportException(scan.File.Name, "the file changed between checking and writing it; nothing was written");
        }
        if (grain is null) yield break;
        foreach (var r in grain.Rows) yield return r;
    }

    /// <summary>Normalises the row's currency, refuses text longer than the store keeps (at the row's line), and names its source.</summary>
    private string Prepare(ImportFile file, ImportedCostRow row, SourceKeys keys)
    {
        var r = row.Record;
        r.BillingCurrency = r.BillingCurrency.Trim().ToUpperInvariant();
        if (limits.FirstTooLong(r) is { } tooLong)
            throw new ImportException(file.Name, $"{tooLong.Field} is {tooLong.Length:N0} characters; the store keeps at most {tooLong.Max:N0}",
                row.Line, tooLong.Field, tooLong.Value);
        return file.ExportKey is { Length: > 0 } export ? keys.Export(export) : keys.Of(r.ProviderName, r.BillingAccountId);
    }
}
