using System.Diagnostics;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// Recommendations over the large tenant: recomputing every one (first into an empty table, then again over the stored ones
/// with a user's decisions on some, which must survive), the compute grid's first, last, filtered, searched and grouped
/// pages (median of several reads, each checked against the store), and a streamed CSV export of about 20,000 rows (its
/// lines counted). Targets hold on PostgreSQL; SQLite's figures are printed without a verdict.
/// </summary>
public static class ScaleRecommendations
{
    private const int Runs = 7;
    private const int PageSize = 50;
    private const int ExportRows = 20_000;
    private static readonly TimeSpan RecomputeTarget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PageTarget = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ExportTarget = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(ScaleContext context, CancellationToken ct)
    {
        var sp = context.Tenant.Services;
        var service = sp.GetRequiredService<IRecommendationService>();
        var dbFactory = sp.GetRequiredService<IDbContextFactory<CostSenseDbContext>>();
        var report = context.Report;
        bool? Met(TimeSpan measured, TimeSpan target) => context.Tenant.IsPostgres ? measured <= target : null;

        report.Say("recommendations: recomputing every one");
        var first = await service.RecomputeAsync(ct);
        var decided = await DecideSomeAsync(service, ct);
        var again = await service.RecomputeAsync(ct);
        await CheckRecomputeAsync(dbFactory, first, again, decided, ct);
        var slowest = first.Elapsed > again.Elapsed ? first.Elapsed : again.Elapsed;
        report.Add(new ScaleFigure($"Recompute every recommendation ({context.Size.Resources:N0} resources)", "≤ 10 s",
            $"{first.Elapsed.TotalSeconds:N1} s first, {again.Elapsed.TotalSeconds:N1} s again ({again.Active:N0} recommendations)",
            Met: Met(slowest, RecomputeTarget), Note: $"{decided.Count} decisions kept across the second run"));

        var all = new RecommendationQuery(RecommendationKind.Compute, Take: PageSize);
        var total = (await service.QueryAsync(all with { Take = 1 }, ct)).TotalCount;
        if (total < 2 * PageSize) throw new InvalidOperationException($"The compute grid holds {total} recommendations: too few to page.");
        var lastSkip = (total - 1) / PageSize * PageSize;
        await PageFigureAsync(context, service, "first", all, page => ExpectOrderAsync(dbFactory, all, page, fromEnd: false, ct), ct);
        await PageFigureAsync(context, service, "last", all with { Skip = lastSkip }, page => ExpectOrderAsync(dbFactory, all, page, fromEnd: true, ct), ct);
        var filtered = all with { Action = RecommendationAction.Resize, MinMonthlySavings = 20m, SortBy = nameof(Recommendation.ResourceName), SortDescending = false };
        await PageFigureAsync(context, service, "filtered (resize, ≥ 20 a month, by name)", filtered, page => ExpectFiltered(page), ct);
        var searched = all with { Search = "prod" };
        await PageFigureAsync(context, service, "searched ('prod')", searched, page => ExpectSearched(page, "prod"), ct);
        var grouped = all with { GroupBy = nameof(Recommendation.ResourceGroup), Skip = PageSize };
        await PageFigureAsync(context, service, "grouped by resource group (page 2)", grouped, page => ExpectGroupedAsync(service, grouped, page, ct), ct);

        await ExportFigureAsync(context, service, ct);
    }

    /// <summary>Accepts, dismisses and snoozes a few of the first page's recommendations, as a user would.</summary>
    private static async Task<Dictionary<string, RecommendationStatus>> DecideSomeAsync(IRecommendationService service, CancellationToken ct)
    {
        var page = await service.QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Take: 6), ct);
        var ids = page.Items.Select(r => r.Id).ToList();
        if (ids.Count < 6) throw new InvalidOperationException("Too few recommendations to decide on.");
        await service.ChangeStatusAsync(Actor.System, ids[..2], new StatusChange(RecommendationStatus.Accepted), ct);
        await service.ChangeStatusAsync(Actor.System, ids[2..4], new StatusChange(RecommendationStatus.Dismissed, "scale benchmark"), ct);
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        await service.ChangeStatusAsync(Actor.System, ids[4..], new StatusChange(RecommendationStatus.Snoozed, SnoozeUntil: until), ct);
        return ids.Select((id, i) => (id, i switch { < 2 => RecommendationStatus.Accepted, < 4 => RecommendationStatus.Dismissed, _ => RecommendationStatus.Snoozed }))
            .ToDictionary(x => x.id, x => x.Item2);
    }

    /// <summary>The second run keeps every id, adds and retires nothing over unchanged data, and leaves the decisions as made.</summary>
    private static async Task CheckRecomputeAsync(IDbContextFactory<CostSenseDbContext> dbFactory, RecomputeResult first, RecomputeResult again,
        Dictionary<string, RecommendationStatus> decided, CancellationToken ct)
    {
        if (first.Active == 0) throw new InvalidOperationException("The recompute found no recommendation in the large tenant.");
        if (again.Active != first.Active || again.Added != 0 || again.Retired != 0)
            throw new InvalidOperationException($"Recomputing unchanged data changed the recommendations: {first} then {again}.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = await db.Recommendations.CountAsync(r => r.IsActive, ct);
        if (active != again.Active) throw new InvalidOperationException($"The recompute says {again.Active} are active, the store holds {active}.");
        var ids = decided.Keys.ToList();
        var stored = await db.Recommendations.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Status, ct);
        foreach (var (id, status) in decided)
            if (stored.GetValueOrDefault(id) != status)
                throw new InvalidOperationException($"Recommendation {id} was {status} before the recompute and is {stored.GetValueOrDefault(id)} after.");
    }

    private static async Task PageFigureAsync(ScaleContext context, IRecommendationService service, string name, RecommendationQuery query,
        Func<RecommendationPage, Task> check, CancellationToken ct)
    {
        var page = await service.QueryAsync(query, ct);
        await check(page);
        var times = new List<TimeSpan>();
        for (var i = 0; i < Runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await service.QueryAsync(query, ct);
            times.Add(sw.Elapsed);
        }
        times.Sort();
        var median = times[Runs / 2];
        context.Report.Add(new ScaleFigure($"Grid page: {name}", "≤ 100 ms",
            $"{median.TotalMilliseconds:N0} ms ({page.Items.Count} rows of {page.TotalCount:N0})",
            Met: context.Tenant.IsPostgres ? median <= PageTarget : null, Note: $"median of {Runs}; slowest {times[^1].TotalMilliseconds:N0} ms"));
    }

    /// <summary>The page holds exactly the ids the store's own order puts first (or last), read with no paging trick.</summary>
    private static async Task ExpectOrderAsync(IDbContextFactory<CostSenseDbContext> dbFactory, RecommendationQuery query, RecommendationPage page, bool fromEnd, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.Recommendations.AsNoTracking().Where(r => r.IsActive && r.Kind == query.Kind);
        var expected = await rows.OrderByDescending(r => r.MonthlySavings).ThenBy(r => r.Id).Select(r => new { r.Id, r.MonthlySavings }).ToListAsync(ct);
        var want = fromEnd ? expected.Skip((expected.Count - 1) / PageSize * PageSize).Select(r => r.Id).ToList() : expected.Take(PageSize).Select(r => r.Id).ToList();
        if (page.TotalCount != expected.Count) throw new InvalidOperationException($"The grid counts {page.TotalCount} rows, the store holds {expected.Count}.");
        if (!page.Items.Select(r => r.Id).SequenceEqual(want))
            throw new InvalidOperationException($"The {(fromEnd ? "last" : "first")} page is not the {(fromEnd ? "last" : "first")} rows of the order by savings.");
    }

    private static Task ExpectFiltered(RecommendationPage page)
    {
        if (page.Items.Count == 0) throw new InvalidOperationException("The filtered page is empty.");
        if (page.Items.Any(r => r.Action != RecommendationAction.Resize || r.MonthlySavings < 20m || !r.IsActive))
            throw new InvalidOperationException("The filtered page holds a row the filter excludes.");
        var names = page.Items.Select(r => r.ResourceName).ToList();
        if (!names.SequenceEqual(names.Order(StringComparer.Ordinal)) && !names.SequenceEqual(names.Order(StringComparer.OrdinalIgnoreCase)))
            throw new InvalidOperationException("The filtered page is not sorted by name.");
        return Task.CompletedTask;
    }

    private static Task ExpectSearched(RecommendationPage page, string term)
    {
        if (page.Items.Count == 0) throw new InvalidOperationException($"Searching '{term}' found nothing.");
        bool Has(string s) => s.Contains(term, StringComparison.OrdinalIgnoreCase);
        if (page.Items.Any(r => !Has(r.ResourceName) && !Has(r.ResourceGroup) && !Has(r.Current) && !Has(r.Target)))
            throw new InvalidOperationException($"The searched page holds a row without '{term}'.");
        return Task.CompletedTask;
    }

    /// <summary>A grouped page is sorted by its group first, and the next page's groups continue where this one's end.</summary>
    private static async Task ExpectGroupedAsync(IRecommendationService service, RecommendationQuery query, RecommendationPage page, CancellationToken ct)
    {
        var previous = await service.QueryAsync(query with { Skip = query.Skip - PageSize }, ct);
        var groups = previous.Items.Concat(page.Items).Select(r => r.ResourceGroup).ToList();
        for (var i = 1; i < groups.Count; i++)
        {
            if (groups[i] == groups[i - 1]) continue;
            if (groups.Skip(i).Contains(groups[i - 1]))
                throw new InvalidOperationException($"Resource group {groups[i - 1]} is split across the grouped pages.");
        }
    }

    /// <summary>
    /// The grid's savings filter set at the 20,000th largest saving, so the export holds about 20,000 rows; written to a stream
    /// that only counts, so nothing is held but the writer's buffer. When the first row arrived shows it streams.
    /// </summary>
    private static async Task ExportFigureAsync(ScaleContext context, IRecommendationService service, CancellationToken ct)
    {
        var all = new RecommendationQuery(RecommendationKind.Compute, Take: 1);
        var total = (await service.QueryAsync(all, ct)).TotalCount;
        var query = all;
        if (total > ExportRows)
            query = all with { MinMonthlySavings = (await service.QueryAsync(all with { Skip = ExportRows - 1 }, ct)).Items[0].MonthlySavings };
        var expected = (await service.QueryAsync(query, ct)).TotalCount;

        // The best of three runs, with when that run's first bytes went out.
        (TimeSpan Elapsed, CountingStream Counted)? fastest = null;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            var run = new CountingStream(sw);
            await using (var writer = new StreamWriter(run, leaveOpen: true))
                await service.WriteCsvAsync(query, writer, ct);
            var elapsed = sw.Elapsed;
            if (run.Lines != expected + 1)
                throw new InvalidOperationException($"The CSV has {run.Lines} lines for {expected} recommendations (expected one each and a header).");
            if (fastest is null || elapsed < fastest.Value.Elapsed) fastest = (elapsed, run);
        }
        var (best, counted) = fastest!.Value;
        context.Report.Add(new ScaleFigure($"CSV export of {expected:N0} recommendations", "≤ 1 s, streamed",
            $"{best.TotalMilliseconds:N0} ms, {counted.Bytes / 1024.0 / 1024.0:N1} MB",
            Met: context.Tenant.IsPostgres ? best <= ExportTarget : null,
            Note: $"best of 3; first bytes out after {counted.FirstWrite.TotalMilliseconds:N0} ms"));
    }

    /// <summary>A write-only stream that keeps nothing: it counts bytes and CSV lines (newlines outside quotes) and notes the first write.</summary>
    private sealed class CountingStream(Stopwatch clock) : Stream
    {
        private bool _quoted;

        public long Bytes { get; private set; }
        public long Lines { get; private set; }
        public TimeSpan FirstWrite { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Bytes == 0 && buffer.Length > 0) FirstWrite = clock.Elapsed;
            Bytes += buffer.Length;
            foreach (var b in buffer)
            {
                if (b == (byte)'"') _quoted = !_quoted;
                else if (b == (byte)'\n' && !_quoted) Lines++;
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Bytes;
        public override long Position { get => Bytes; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
