using CostSense.Core.Catalog;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Inventory;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.CostOnly;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Imports.DerivedInventory;

/// <summary>
/// Without live Azure, the inventory is what the imported cost rows tell. Rebuilds the <see cref="CostDerived.InventorySource"/>
/// inventory from the imported Microsoft rows of the recommendation window (<see cref="RecommendationOptions.LookbackDays"/>
/// days ending at the latest imported day): VMs from their compute meters (size, region, hours run, the disks named after
/// them) and storage accounts from their meters (capacity, tier, replication, transactions). It writes no metrics: cost
/// exports carry no CPU or memory, so the rules that need them stay silent instead of guessing.
/// Recommendations stay Azure-only: AWS, Oracle and other providers' rows are not read.
/// </summary>
public sealed class ImportedInventory(IDbContextFactory<CostSenseDbContext> dbFactory, IOptions<RecommendationOptions> options, VmSizeCatalog catalog)
{
    private const string Microsoft = "Microsoft";

    /// <summary>Rebuilds the cost-derived inventory in its own transaction; returns the VMs and storage accounts written.</summary>
    public async Task<(int Vms, int StorageAccounts)> RebuildAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var written = await RebuildInTransactionAsync(db, c);
            await tx.CommitAsync(c);
            return written;
        }, ct);
    }

    /// <summary>The rebuild inside the caller's open transaction (the importer's, so cost rows and inventory change together).</summary>
    public async Task<(int Vms, int StorageAccounts)> RebuildInTransactionAsync(CostSenseDbContext db, CancellationToken ct)
    {
        var imported = db.CostRecords.AsNoTracking().Where(r => r.Source.StartsWith(CostImporter.SourcePrefix) && r.ProviderName == Microsoft);
        var asOf = await imported.MaxAsync(r => (DateOnly?)r.ChargePeriodStart, ct);
        // The old inventory goes (with its metrics, the fleet rollups and the version bump) through the inventory store.
        await InventoryStore.ReplaceInTransactionAsync(db, CostDerived.InventorySource, [], [], [], ct);
        if (asOf is not { } last) return (0, 0);
        var lookback = options.Value.LookbackDays;
        var from = last.AddDays(1 - lookback);
        // Rows just copied in by this transaction are not in PostgreSQL's statistics yet: without them the planner takes
        // the month for small. Only the window's months: ANALYZE of the partitioned parent samples every month twice.
        if (db.Database.IsNpgsql()) await CostPartitions.AnalyzeAsync(db, from, last.AddDays(1), ct);

        // Before the window only what the window cannot say is read, grouped in the store: the last day each VM billed hours
        // (one deallocated all window is still known, with its size from that day's rows), and when each storage account
        // was last read or written and first billed.
        var earlier = imported.Where(r => r.ResourceId != null && r.ChargePeriodStart < from);
        var lastHours = await earlier
            .Where(r => r.ResourceId!.ToLower().Contains(CostDerived.VmMarker) && r.ConsumedUnit != null && r.ConsumedUnit.ToLower().Contains("hour"))
            .GroupBy(r => r.ResourceId!).Select(g => new { Id = g.Key, Day = g.Max(r => r.ChargePeriodStart) })
            .ToListAsync(ct);
        var accountHistory = (await earlier
            .Where(r => r.ResourceId!.ToLower().Contains(CostDerived.StorageMarker))
            .GroupBy(r => r.ResourceId!)
            .Select(g => new
            {
                Id = g.Key,
                First = g.Min(r => r.ChargePeriodStart),
                LastAccess = g.Where(r => (r.SkuMeterName ?? r.ChargeDescription)!.Contains("Operations")).Max(r => (DateOnly?)r.ChargePeriodStart),
            })
            .ToListAsync(ct)).ToDictionary(h => h.Id, h => (h.First, h.LastAccess), StringComparer.OrdinalIgnoreCase);
        // A resource another source lists (live Azure's inventory) is that source's: its inventory wins over what cost rows tell.
        var listed = (await db.VirtualMachines.Where(v => v.Source != CostDerived.InventorySource).Select(v => v.ResourceId.ToLower())
            .Concat(db.StorageAccounts.Where(a => a.Source != CostDerived.InventorySource).Select(a => a.ResourceId.ToLower()))
            .ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        bool Ours(string resourceId) => !listed.Contains(resourceId.ToLowerInvariant());

        // The window is read in one scan, disks first. Of each disk only its latest tier is kept: what a VM's disk summary
        // reads. The new inventory is written as it is built, by bulk insert a batch at a time: tens of thousands of
        // entities through the change tracker were most of a large import's peak memory.
        var disks = new DiskTiers();
        // VMs that billed hours before the window and none in it (deallocated all window) are read after it: those the
        // window holds are struck off as they come.
        var parkedIds = lastHours.Select(h => h.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var vms = new Batches<VirtualMachine>(db);
        var accounts = new Batches<StorageAccount>(db);
        await foreach (var (kind, rows) in WindowRows.ByResourceAsync(db, from, last, ct))
        {
            var id = rows[0].ResourceId;
            switch (kind)
            {
                case ResourceKind.Disk when CostDerived.IsDisk(id):
                    if (rows.Where(r => Meters.DiskTier(r.Meter) is not null).MaxBy(r => r.Day) is { } latest) disks.Add(latest.ResourceId, Meters.DiskTier(latest.Meter)!);
                    break;
                case ResourceKind.Vm when CostDerived.IsVm(id):
                    parkedIds.Remove(id);
                    if (Vm(rows, disks, from, last) is { } vm && Ours(vm.ResourceId)) await vms.AddAsync(vm, ct);
                    break;
                case ResourceKind.StorageAccount when CostDerived.IsStorageAccount(id):
                    if (Account(rows, accountHistory.TryGetValue(id, out var h) ? h : null, lookback) is { } account && Ours(account.ResourceId))
                        await accounts.AddAsync(account, ct);
                    break;
            }
        }

        var parked = new List<DerivedRow>();
        foreach (var day in lastHours.Where(h => parkedIds.Contains(h.Id)).GroupBy(h => h.Day))
            foreach (var chunk in day.Select(h => h.Id).Chunk(500))
                parked.AddRange(await Rows(earlier.Where(r => r.ChargePeriodStart == day.Key && chunk.Contains(r.ResourceId!))).ToListAsync(ct));
        foreach (var vm in parked.Where(r => CostDerived.IsVm(r.ResourceId)).GroupBy(r => r.ResourceId, StringComparer.OrdinalIgnoreCase))
            if (Vm(vm.OrderBy(r => r.Day).ToList(), disks, from, last) is { } found && Ours(found.ResourceId)) await vms.AddAsync(found, ct);
        return (await vms.FlushAsync(ct), await accounts.FlushAsync(ct));
    }

    /// <summary>
    /// Entities bulk-inserted a batch at a time; on PostgreSQL the window's read waits between its chunks for them. Counts
    /// what it wrote.
    /// </summary>
    private sealed class Batches<T>(CostSenseDbContext db) where T : class
    {
        private const int Size = 2_000;
        private readonly List<T> _batch = new(Size);
        private int _written;

        public async Task AddAsync(T entity, CancellationToken ct)
        {
            _batch.Add(entity);
            if (_batch.Count == Size) await FlushAsync(ct);
        }

        public async Task<int> FlushAsync(CancellationToken ct)
        {
            if (_batch.Count > 0) _written += await BulkInsert.InsertAsync(db, _batch, ct);
            _batch.Clear();
            return _written;
        }
    }

    private static IQueryable<DerivedRow> Rows(IQueryable<CostRecord> rows) =>
        rows.Select(r => new DerivedRow(r.ResourceId!, r.ResourceName, r.SubAccountId, r.ResourceGroup, r.RegionId, r.ChargePeriodStart,
            r.SkuMeterName ?? r.ChargeDescription, r.ChargeDescription, r.ConsumedQuantity, r.ConsumedUnit, r.TagEnvironment, r.Tags));

    /// <summary>
    /// A VM from its window's rows, or the rows of the last day before it that it billed hours (deallocated all window):
    /// running when its compute meter billed hours on the last day, else deallocated since the day after it last did.
    /// A stopped-but-not-deallocated VM bills its hours as a running one does: cost cannot tell the two apart.
    /// </summary>
    private VirtualMachine? Vm(IReadOnlyList<DerivedRow> rows, DiskTiers diskTiers,
        DateOnly from, DateOnly last)
    {
        var compute = rows.Where(r => CostDerived.IsCompute(r.Meter, r.Unit) && (r.Quantity ?? 0) > 0).ToList();
        if (compute.Count == 0) return null;
        var latest = compute[^1];
        var id = latest.ResourceId;
        var size = Meters.VmSize(latest.Meter)!;
        var region = Region(latest.Region);
        var known = catalog.Find(size, region);
        var lastRan = latest.Day;
        var firstRan = compute.Where(r => r.Day >= from).Select(r => r.Day).DefaultIfEmpty(lastRan).Min();
        var disks = diskTiers.Of(id);
        var windowRows = rows.Where(r => r.Day >= from).ToList();
        return new VirtualMachine
        {
            ResourceId = id,
            Source = CostDerived.InventorySource,
            Name = latest.Name ?? CostDerived.NameOf(id),
            SubscriptionId = Subscription(id, latest.Subscription),
            ResourceGroup = latest.ResourceGroup,
            Region = region,
            Size = size,
            VCpus = known?.VCpus ?? 0,
            MemoryGiB = known?.MemoryGiB ?? 0,
            OsType = latest.Description is null ? "unknown" : latest.Description.Contains("Windows", StringComparison.OrdinalIgnoreCase) ? "Windows" : "Linux",
            PowerState = lastRan == last ? PowerState.Running : PowerState.Deallocated,
            PowerStateSince = lastRan == last ? firstRan : lastRan.AddDays(1),
            Environment = Environment(windowRows.Count > 0 ? windowRows : rows, latest.ResourceGroup),
            DiskSizeGiB = disks.Sum(Meters.DiskSizeGiB),
            DiskSku = disks.Count == 0 ? null : string.Join(" + ", disks.Order(StringComparer.Ordinal)),
            Tags = latest.Tags,
        };
    }

    /// <summary>
    /// A storage account from its window's rows and, before the window, its first day and last billed read or write. Capacity: each day's "Data Stored" quantity is GB-months, that day's share of
    /// a month, so × days in that month is the GB held that day; averaged over the days billed. Tier and replication: the
    /// meter holding the most. Transactions: the operations meters, per day of the window. Last accessed: the last day any
    /// read or write was billed; never within the imported data, the day before its first row.
    /// </summary>
    private static StorageAccount? Account(IReadOnlyList<DerivedRow> window, (DateOnly First, DateOnly? LastAccess)? earlier, int lookback)
    {
        var stored = window.Select(r => (Row: r, Kind: Meters.DataStored(r.Meter)))
            .Where(x => x.Kind is not null && x.Row.Unit is { } u && u.Contains("GB", StringComparison.OrdinalIgnoreCase) && (x.Row.Quantity ?? 0) > 0)
            .ToList();
        if (stored.Count == 0) return null;
        var main = stored.GroupBy(x => x.Kind!.Value).OrderByDescending(g => g.Sum(x => x.Row.Quantity!.Value)).First().Key;
        var gb = stored.GroupBy(x => x.Row.Day).Sum(g => g.Sum(x => x.Row.Quantity!.Value) * DateTime.DaysInMonth(g.Key.Year, g.Key.Month))
            / stored.Select(x => x.Row.Day).Distinct().Count();
        var access = window.Where(r => (Meters.IsRead(r.Meter) || Meters.IsWrite(r.Meter)) && (r.Quantity ?? 0) > 0).Select(r => (DateOnly?)r.Day).Max() ?? earlier?.LastAccess;
        var latest = window[^1];
        var id = latest.ResourceId;
        return new StorageAccount
        {
            ResourceId = id,
            Source = CostDerived.InventorySource,
            Name = latest.Name ?? CostDerived.NameOf(id),
            SubscriptionId = Subscription(id, latest.Subscription),
            ResourceGroup = latest.ResourceGroup,
            Region = Region(latest.Region),
            AccessTier = main.Tier,
            Replication = main.Replication,
            Environment = Environment(window, latest.ResourceGroup),
            UsedCapacityGiB = (double)gb,
            ReadTransactionsPerDay = (long)Math.Round(window.Where(r => Meters.IsRead(r.Meter)).Sum(r => Meters.Transactions(r.Quantity, r.Unit)) / lookback),
            WriteTransactionsPerDay = (long)Math.Round(window.Where(r => Meters.IsWrite(r.Meter)).Sum(r => Meters.Transactions(r.Quantity, r.Unit)) / lookback),
            SecondaryReadsPerDay = 0,
            LastAccessed = access ?? (earlier?.First ?? window[0].Day).AddDays(-1),
            Tags = latest.Tags,
        };
    }

    /// <summary>The subscription's id from the resource id (FOCUS's SubAccountId is "/subscriptions/&lt;id&gt;"), else the row's.</summary>
    private static string Subscription(string resourceId, string subAccountId) =>
        CostDerived.SubscriptionOf(resourceId) is { Length: > 0 } s ? s : CostDerived.SubscriptionOf(subAccountId) is { Length: > 0 } t ? t : subAccountId;

    /// <summary>Azure's region names as the catalogue keys them: "East US" and "eastus" are both "eastus".</summary>
    private static string Region(string region) => region.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>
    /// The environment tag the rows carry most; without one, what the resource group's name says (prod, dev, test, qa, uat,
    /// staging, sandbox); otherwise unknown (null), which the rules do not take for non-production.
    /// </summary>
    private static string? Environment(IEnumerable<DerivedRow> rows, string resourceGroup)
    {
        var tagged = rows.Select(r => r.Environment).Where(e => !string.IsNullOrWhiteSpace(e))
            .GroupBy(e => e!, StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        if (tagged is not null) return tagged;
        var words = resourceGroup.ToLowerInvariant().Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w is "prod" or "prd" or "production")) return "prod";
        return words.FirstOrDefault(w => w is "dev" or "test" or "qa" or "uat" or "staging" or "stage" or "sandbox" or "nonprod");
    }
}
