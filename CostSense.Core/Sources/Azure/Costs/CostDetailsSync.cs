using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports;
using CostSense.Core.Imports.Formats;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Sources.Azure.Costs;

/// <summary>
/// The costs step over cost details, for the EA and MCA billing scopes of <c>CostSense:Azure:CostDetailsScopes</c> (which
/// then replace the per-subscription queries: a billing scope holds its subscriptions, and reading both would count them
/// twice). For each month to read (<see cref="CostMonthPlan"/>, per billing scope) an amortized-cost report is generated
/// and its CSV files downloaded; when every month of every scope is in, they are imported as one run through
/// <see cref="CostImporter"/>, whose source-and-month replacement applies (source <c>import:export:costdetails:{scope}</c>),
/// which removes the demo tenant, and which refuses the whole run on a bad row. The months' <see cref="AzureCostMonth"/> rows are
/// recorded after the import commits.
/// </summary>
public sealed class CostDetailsSync(AzureConnection connection, CostDetailsReport reports, CostImporter importer,
    IDbContextFactory<CostSenseDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The dataset read: amortized, so EffectiveCost spreads commitments as the dashboard expects (BilledCost follows the toolkit's rules).</summary>
    public const string Metric = "AmortizedCost";

    /// <summary>The export key (and so the store source) of a billing scope's cost details.</summary>
    public static string ExportKey(string scope) => $"costdetails:{scope.ToLowerInvariant()}";

    public async Task<AzureStepOutcome> RunAsync(AzureSyncContext context, CancellationToken ct)
    {
        var options = connection.Options;
        var now = time.GetUtcNow();
        var scopes = options.CostDetailsScopeList;
        List<AzureCostMonth> known;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            known = await db.AzureCostMonths.AsNoTracking().Where(m => scopes.Contains(m.Scope)).ToListAsync(ct);
        var plan = scopes.SelectMany(s => CostMonthPlan.MonthsToRead(now, options.CostMonths, options.OpenMonthRefresh, known.Where(k => k.Scope == s))
            .Select(m => (Scope: s, Month: m))).ToList();
        if (plan.Count == 0)
            return new AzureStepOutcome(0, "Costs are up to date: every closed month is in the store and the open month was read less than " +
                $"{options.OpenMonthRefresh.TotalHours:0.#} hours ago.");

        var folder = Path.Combine(Path.GetTempPath(), "costsense-costdetails-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var files = new List<ImportFile>();
            var read = 0;
            foreach (var (scope, month) in plan)
            {
                context.Progress.Report($"Costs: cost details of {scope} {month:yyyy-MM} ({++read} of {plan.Count} months)");
                var blobs = await reports.GenerateAsync(scope, Metric, month, CostMonthPlan.LastDay(month, now), context.Progress, ct);
                var part = 0;
                foreach (var blob in blobs)
                {
                    var path = Path.Combine(folder, $"{files.Count:D4}.csv");
                    await reports.DownloadAsync(blob, path, ct);
                    var name = $"cost details {scope} {month:yyyy-MM}" + (blobs.Count > 1 ? $" part {++part}" : "");
                    files.Add(new ImportFile(name, _ => Task.FromResult<Stream>(File.OpenRead(path)), new FormatHint(Metric, null), ExportKey(scope)));
                }
            }

            var summaries = files.Count == 0 ? [] : await importer.ImportRunAsync(Actor.System, files, ct);
            var fetchedAt = time.GetUtcNow();
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                foreach (var group in plan.GroupBy(p => p.Scope))
                {
                    var months = group.Select(p => p.Month).ToList();
                    await db.AzureCostMonths.Where(m => m.Scope == group.Key && months.Contains(m.Month)).ExecuteDeleteAsync(ct);
                    db.AzureCostMonths.AddRange(group.Select(p => new AzureCostMonth
                    {
                        Scope = p.Scope,
                        Month = p.Month,
                        FetchedAt = fetchedAt,
                        Closed = CostMonthPlan.IsClosed(p.Month, fetchedAt),
                        Rows = (int)summaries.Where(s => s.FirstDay is { } f && f.Year == p.Month.Year && f.Month == p.Month.Month).Sum(s => s.Rows),
                    }));
                }
                await db.SaveChangesAsync(ct);
            }
            var rows = summaries.Sum(s => s.Rows);
            return new AzureStepOutcome((int)rows, $"{rows:N0} cost detail rows imported from {files.Count} file{(files.Count == 1 ? "" : "s")}: " +
                $"{plan.Count} month{(plan.Count == 1 ? "" : "s")} of {scopes.Count} billing scope{(scopes.Count == 1 ? "" : "s")}.");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
