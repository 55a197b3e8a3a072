using CostSense.Core.Access;
using CostSense.Core.Audit;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Inventory;
using CostSense.Core.Leases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Sources.Demo;

/// <summary>Writes the demo tenant into the store through the same writers every other source uses.</summary>
public sealed class DemoTenantService(
    DemoTenantGenerator generator, CostStore costs, IDbContextFactory<CostSenseDbContext> dbFactory,
    AuditTrail audit, CurrentPermissions permissions, JobLeases leases, IOptions<DemoTenantOptions> options, TimeProvider time, ILogger<DemoTenantService> log)
    : IDemoTenantService, IDisposable
{
    // One generation at a time: a second click waits for the first and then regenerates the same tenant.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Instances starting together on an empty store generate the tenant once: each waits for the
    /// <see cref="JobNames.DemoSeed"/> lease and looks at the store only while holding it, so the second finds the first's
    /// tenant (current, so it is left alone) instead of an empty store.
    /// </summary>
    public async Task<bool> SeedOnStartAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled) return false;
        await using var lease = await leases.ClaimAsync(JobNames.DemoSeed, ct);
        using var seed = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        ct = seed.Token;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // A live Azure inventory without cost yet (its cost step failed) is real data too.
            if (await HoldsRealDataAsync(db, ct)) return false;
            if (await db.CostRecords.AnyAsync(ct))
            {
                // Data of any other source is the user's: leave it alone. A demo-only store from an earlier
                // day is regenerated so that "month to date" means this month.
                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                if (await db.CostRecords.AnyAsync(r => r.Source != DemoTenant.Source, ct)) return false;
                if (await db.DailyCostRollups.MaxAsync(r => (DateOnly?)r.Date, ct) >= today) return false;
                log.LogInformation("The demo tenant ends before today ({Today:yyyy-MM-dd}): regenerating it", today);
            }
        }
        await GenerateAsync(Actor.System, ct);
        return true;
    }

    public async Task<DemoTenantSummary> GenerateAsync(Actor actor, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageData, ct);
        await _gate.WaitAsync(ct);
        try
        {
            await RefuseOverRealDataAsync(ct);
            var o = options.Value;
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var started = time.GetTimestamp();
            var tenant = generator.Generate(o, today);

            // Inventory, cost and the audit entry are one unit: a failure anywhere leaves the previous tenant whole.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var (metricRows, batch) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(c);
                var metrics = await InventoryStore.ReplaceInTransactionAsync(db, DemoTenant.Source, tenant.Vms.Select(v => v.Inventory).ToList(),
                    tenant.Storage.Select(s => s.Inventory).ToList(), tenant.Metrics(), c);
                var written = await costs.ReplaceSourceInTransactionAsync(db, DemoTenant.Source, tenant.Start, tenant.End.AddDays(1), tenant.CostRows(), c);
                db.AuditEntries.Add(audit.Entry(actor, AuditActions.DemoGenerate, $"seed {o.Seed}",
                    $"{written.RowCount:N0} cost rows, {metrics:N0} metric rows, {tenant.Start:yyyy-MM-dd}..{tenant.End:yyyy-MM-dd}, {tenant.Vms.Count} VMs, {tenant.Storage.Count} storage accounts"));
                await db.SaveChangesAsync(c);
                await tx.CommitAsync(c);
                return (metrics, written);
            }, ct);

            log.LogInformation("Demo tenant generated in {Elapsed}: {Vms} VMs, {Accounts} storage accounts, {Rows} cost rows, {Metrics} metric rows, {Start:yyyy-MM-dd}..{End:yyyy-MM-dd}",
                time.GetElapsedTime(started), tenant.Vms.Count, tenant.Storage.Count, batch.RowCount, metricRows, tenant.Start, tenant.End);
            return new DemoTenantSummary(tenant.Subscriptions.Count, tenant.ResourceGroups.Count, tenant.Vms.Count, tenant.Storage.Count,
                batch.RowCount, metricRows, tenant.Start, tenant.End, batch.EffectiveCost, DemoTenant.Currency);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> RemoveAsync(Actor actor, CancellationToken ct)
    {
        actor = await permissions.DemandAsync(actor, Permission.ManageData, ct);
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
            {
                db.ChangeTracker.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(c);
                var removed = await CostStore.RemoveSourceInTransactionAsync(db, DemoTenant.Source, c);
                await InventoryStore.ReplaceInTransactionAsync(db, DemoTenant.Source, [], [], [], c);
                db.AuditEntries.Add(audit.Entry(actor, AuditActions.DemoRemove, DemoTenant.Source, $"{removed:N0} demo cost rows and the demo inventory removed"));
                await db.SaveChangesAsync(c);
                await tx.CommitAsync(c);
                return removed;
            }, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Real data and the demo tenant never mix: once an import is in, the demo is not generated beside it.
    private async Task RefuseOverRealDataAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await HoldsRealDataAsync(db, ct))
            throw new InvalidOperationException(
                "The store holds imported or Azure data, so the demo tenant is not generated beside it (no figure may mix demo and real rows). Undo the imports on the Import page (and switch live Azure off) first to see the demo again.");
    }

    // Cost rows of another source, or an inventory of one (live Azure writes its inventory before its costs).
    private static async Task<bool> HoldsRealDataAsync(CostSenseDbContext db, CancellationToken ct) =>
        await db.CostRecords.AnyAsync(r => r.Source != DemoTenant.Source, ct)
        || await db.VirtualMachines.AnyAsync(v => v.Source != DemoTenant.Source, ct)
        || await db.StorageAccounts.AnyAsync(a => a.Source != DemoTenant.Source, ct);

    public void Dispose() => _gate.Dispose();
}
