using Bogus;
using CostSense.Core.Catalog;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Demo;

/// <summary>
/// Draws a demo tenant's resources with Bogus from a fixed seed. Only the topology is drawn here;
/// daily cost and metrics follow from it in <see cref="DemoTenant"/>.
/// </summary>
public sealed class DemoTenantGenerator(VmSizeCatalog catalog)
{
    private static readonly string[] SubscriptionNames =
        ["Contoso Production", "Contoso Dev/Test", "Contoso Shared Services", "Contoso Data Platform", "Contoso Sandbox"];

    private static readonly (string Name, string Env, string CostCenter, string Region, RgKind Kind)[] GroupTemplates =
    [
        ("rg-prod-web", "prod", "CC-1001", "eastus", RgKind.Web),
        ("rg-prod-api", "prod", "CC-1001", "eastus", RgKind.Api),
        ("rg-prod-data", "prod", "CC-2002", "eastus", RgKind.Data),
        ("rg-dev-apps", "dev", "CC-3003", "eastus2", RgKind.DevApps),
        ("rg-shared-network", "shared", "CC-9000", "eastus", RgKind.Network),
        ("rg-prod-aks", "prod", "CC-1001", "eastus", RgKind.Aks),
        ("rg-shared-monitoring", "shared", "CC-9000", "eastus", RgKind.Monitoring),
        ("rg-dev-sandbox", "dev", "CC-3003", "eastus2", RgKind.Sandbox),
        ("rg-prod-batch", "prod", "CC-2002", "westus2", RgKind.Batch),
        ("rg-test-qa", "test", "CC-3003", "eastus2", RgKind.DevApps),
        ("rg-prod-dr", "prod", "CC-1001", "westus2", RgKind.Web),
        ("rg-analytics", "prod", "CC-2002", "eastus2", RgKind.Analytics),
    ];

    private static readonly Dictionary<string, string[]> SizesByWorkload = new()
    {
        ["web"] = ["Standard_D2s_v3", "Standard_D4s_v3", "Standard_D8s_v3", "Standard_D4s_v5"],
        ["api"] = ["Standard_D2s_v5", "Standard_D4s_v5", "Standard_D8s_v5", "Standard_D4s_v3"],
        ["worker"] = ["Standard_F4s_v2", "Standard_F8s_v2", "Standard_F16s_v2", "Standard_F2s_v2"],
        ["database"] = ["Standard_E4s_v3", "Standard_E8s_v3", "Standard_E16s_v3", "Standard_E4s_v5"],
        ["cache"] = ["Standard_E2s_v3", "Standard_E4s_v3", "Standard_E4s_v5"],
        ["jumpbox"] = ["Standard_B2s", "Standard_B2ms", "Standard_B4ms", "Standard_B1s"],
    };

    private static readonly Dictionary<RgKind, (float Weight, string[] Workloads)> VmPlacement = new()
    {
        [RgKind.Web] = (4, ["web"]),
        [RgKind.Api] = (4, ["api"]),
        [RgKind.Data] = (3, ["database", "database", "cache"]),
        [RgKind.DevApps] = (4, ["web", "api", "worker", "database"]),
        [RgKind.Network] = (1, ["jumpbox"]),
        [RgKind.Aks] = (0, []),
        [RgKind.Monitoring] = (1, ["worker"]),
        [RgKind.Batch] = (3, ["worker"]),
        [RgKind.Sandbox] = (2, ["jumpbox", "web", "worker"]),
        [RgKind.Analytics] = (2, ["worker", "database"]),
    };

    private static readonly string[] Purposes = ["logs", "backups", "data", "static-web", "diagnostics", "archive"];
    private static readonly float[] PurposeWeights = [5, 4, 6, 2, 5, 3];
    private static readonly (string Purpose, AccessTier Tier)[] Seeded =
    [
        ("logs", AccessTier.Hot), ("backups", AccessTier.Cool), ("data", AccessTier.Hot), ("static-web", AccessTier.Hot),
        ("diagnostics", AccessTier.Hot), ("archive", AccessTier.Archive), ("backups", AccessTier.Cold),
    ];

    public DemoTenant Generate(DemoTenantOptions o, DateOnly today)
    {
        var faker = new Faker("en") { Random = new Randomizer(o.Seed) };
        var r = faker.Random;
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-(o.MonthsOfHistory - 1));

        var subscriptions = Enumerable.Range(0, o.Subscriptions)
            .Select(i => new DemoSubscription(r.Guid().ToString(), i < SubscriptionNames.Length ? SubscriptionNames[i] : $"Contoso Subscription {i + 1}"))
            .ToList();
        var groups = Enumerable.Range(0, o.ResourceGroups).Select(i =>
        {
            var t = GroupTemplates[i % GroupTemplates.Length];
            var name = i < GroupTemplates.Length ? t.Name : $"{t.Name}-{i / GroupTemplates.Length + 1:00}";
            return new DemoResourceGroup(name, SubscriptionFor(subscriptions, t.Env, i), t.Env, t.CostCenter, t.Region, t.Kind);
        }).ToList();

        var vms = DrawVms(faker, o.VirtualMachines, groups, start, today);
        var storage = DrawStorage(faker, o.StorageAccounts, groups, start, today);
        var services = ServicesFor(groups);
        var incidents = Incidents(services, vms, start, today);
        return new DemoTenant(o.Seed, start, today, $"{r.Number(10_000_000, 99_999_999)}", subscriptions, groups, vms, storage, services, incidents);
    }

    /// <summary>Bogus's WeightedRandom wants weights that add up to 1; these are relative.</summary>
    private static T Pick<T>(Randomizer r, T[] items, float[] weights)
    {
        var total = weights.Sum();
        return r.WeightedRandom(items, weights.Select(w => w / total).ToArray());
    }

    /// <summary>Production, dev/test and shared groups go to the first three subscriptions; further subscriptions take groups in turn.</summary>
    private static DemoSubscription SubscriptionFor(List<DemoSubscription> subs, string env, int groupIndex)
    {
        if (subs.Count > 3) return subs[groupIndex % subs.Count];
        var index = env switch { "prod" => 0, "dev" or "test" => 1, _ => 2 };
        return subs[index % subs.Count];
    }

    private List<DemoVm> DrawVms(Faker faker, int count, List<DemoResourceGroup> groups, DateOnly start, DateOnly today)
    {
        var r = faker.Random;
        var hosts = groups.Where(g => VmPlacement[g.Kind].Weight > 0).ToList();
        if (hosts.Count == 0) hosts = groups;
        var weights = hosts.Select(g => Math.Max(VmPlacement[g.Kind].Weight, 1f)).ToArray();
        var perName = new Dictionary<string, int>();
        var vms = new List<DemoVm>(count);
        for (var i = 0; i < count; i++)
        {
            var g = Pick(r, hosts.ToArray(), weights);
            var workloads = VmPlacement[g.Kind].Workloads;
            var workload = workloads.Length > 0 ? r.ArrayElement(workloads) : "worker";
            var nonProd = g.Environment is "dev" or "test";
            var size = catalog.Get(r.ArrayElement(SizesByWorkload[workload]), g.Region);

            var profile = workload == "jumpbox"
                ? r.WeightedRandom([VmProfile.Idle, VmProfile.Underused], [0.6f, 0.4f])
                : nonProd
                    ? r.WeightedRandom([VmProfile.Idle, VmProfile.Underused, VmProfile.RightSized, VmProfile.Hot], [0.3f, 0.45f, 0.2f, 0.05f])
                    : r.WeightedRandom([VmProfile.Idle, VmProfile.Underused, VmProfile.RightSized, VmProfile.Hot], [0.08f, 0.35f, 0.45f, 0.12f]);
            var (cpu, peak, mem) = profile switch
            {
                VmProfile.Idle => (r.Double(0.4, 1.5), r.Double(1.4, 1.8), r.Double(15, 30)),
                VmProfile.Underused => (r.Double(4, 14), r.Double(1.8, 2.6), r.Double(25, 45)),
                VmProfile.RightSized => (r.Double(28, 50), r.Double(1.4, 1.8), r.Double(50, 70)),
                _ => (r.Double(65, 80), r.Double(1.15, 1.3), r.Double(78, 92)),
            };
            if (workload is "database" or "cache") mem = Math.Min(95, mem + 15);
            var network = profile == VmProfile.Idle ? r.Double(2, 30) : workload switch
            {
                "web" => r.Double(10_000, 30_000), "api" => r.Double(8_000, 20_000), "cache" => r.Double(5_000, 15_000),
                "database" => r.Double(3_000, 8_000), "jumpbox" => r.Double(100, 600), _ => r.Double(2_000, 10_000),
            };
            var schedule = nonProd && workload != "jumpbox" && r.Bool(0.45f) ? VmSchedule.WeekdayBusinessHours : VmSchedule.AlwaysOn;
            var created = r.Bool(0.75f) ? start.AddDays(-r.Number(30, 900)) : start.AddDays(r.Number(0, Math.Max(0, today.DayNumber - start.DayNumber - 14)));

            var (state, since) = (PowerState.Running, created);
            if (nonProd && r.Bool(0.12f)) (state, since) = (PowerState.Deallocated, today.AddDays(-r.Number(5, 120)));
            else if (!nonProd && r.Bool(0.04f)) (state, since) = (PowerState.Stopped, today.AddDays(-r.Number(3, 20)));
            if (since < created) since = created;

            var env = g.Environment;
            var key = $"vm-{workload}-{env}";
            perName[key] = perName.GetValueOrDefault(key) + 1;
            var name = $"{key}-{perName[key]:00}";
            var owner = faker.Internet.Email(faker.Name.FirstName(), faker.Name.LastName(), "contoso.com").ToLowerInvariant();
            var disk = workload is "database" ? r.ArrayElement(["P20", "P30"]) : workload == "jumpbox" ? "E10" : r.ArrayElement(["P10", "P15", "E10"]);
            var tags = DemoTenant.GroupTags(g, [new("workload", workload), new("owner", owner), .. schedule == VmSchedule.WeekdayBusinessHours ? [new KeyValuePair<string, string>("schedule", "weekdays-07-19")] : Array.Empty<KeyValuePair<string, string>>()]);
            var inventory = new VirtualMachine
            {
                ResourceId = $"{g.Id}/providers/Microsoft.Compute/virtualMachines/{name}",
                Source = DemoTenant.Source, Name = name, SubscriptionId = g.Subscription.Id, ResourceGroup = g.Name, Region = g.Region,
                Size = size.Name, VCpus = size.VCpus, MemoryGiB = size.MemoryGiB, OsType = workload == "database" && r.Bool(0.3f) ? "Windows" : "Linux",
                PowerState = state, PowerStateSince = since, Workload = workload, Environment = env,
                DiskSku = disk, DiskSizeGiB = StoragePriceCatalog.DiskSizeGiB(disk), Tags = tags,
            };
            vms.Add(new DemoVm(i, inventory, size, g, workload, profile, schedule, created, cpu, peak, mem, network, disk, owner));
        }
        EnsureVariety(vms, today);
        return vms;
    }

    /// <summary>
    /// Every tenant large enough shows each situation an analyst looks for: an idle VM, a hot one, one stopped
    /// but still billed, and one deallocated for more than 30 days. Missing ones are made from the last VMs drawn.
    /// </summary>
    private static void EnsureVariety(List<DemoVm> vms, DateOnly today)
    {
        if (vms.Count < 8) return;
        var last = vms.Count - 1;
        if (!vms.Any(v => v.Profile == VmProfile.Idle && v.Inventory.PowerState == PowerState.Running))
            vms[last] = vms[last] with { Profile = VmProfile.Idle, CpuBase = 0.9, PeakRatio = 1.6, MemoryBase = 22, NetworkMiB = 12 };
        if (!vms.Any(v => v.Profile == VmProfile.Hot && v.Inventory.PowerState == PowerState.Running))
            vms[last - 1] = vms[last - 1] with { Profile = VmProfile.Hot, CpuBase = 72, PeakRatio = 1.25, MemoryBase = 86 };
        if (!vms.Any(v => v.Inventory.PowerState == PowerState.Stopped))
            SetState(vms[last - 2], PowerState.Stopped, today.AddDays(-9));
        if (!vms.Any(v => v.Inventory.PowerState == PowerState.Deallocated && v.Inventory.PowerStateSince < today.AddDays(-30)))
            SetState(vms[last - 3], PowerState.Deallocated, today.AddDays(-47));

        static void SetState(DemoVm vm, PowerState state, DateOnly since)
        {
            vm.Inventory.PowerState = state;
            vm.Inventory.PowerStateSince = since < vm.Created ? vm.Created : since;
        }
    }

    private static List<DemoStorage> DrawStorage(Faker faker, int count, List<DemoResourceGroup> groups, DateOnly start, DateOnly today)
    {
        var r = faker.Random;
        var list = new List<DemoStorage>(count);
        var perName = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            // Every purpose and tier appears once before the weights take over, so even a small tenant has logs, backups and archives.
            var purpose = i < Seeded.Length ? Seeded[i].Purpose : Pick(r, Purposes, PurposeWeights);
            var g = r.ArrayElement(groups.ToArray());
            var env = g.Environment;
            var tier = purpose switch
            {
                "logs" => r.WeightedRandom([AccessTier.Hot, AccessTier.Cool], [0.7f, 0.3f]),
                "backups" => r.WeightedRandom([AccessTier.Hot, AccessTier.Cool, AccessTier.Cold], [0.4f, 0.4f, 0.2f]),
                "data" => r.WeightedRandom([AccessTier.Hot, AccessTier.Cool], [0.85f, 0.15f]),
                "static-web" => AccessTier.Hot,
                "diagnostics" => r.WeightedRandom([AccessTier.Hot, AccessTier.Cool], [0.6f, 0.4f]),
                _ => r.WeightedRandom([AccessTier.Cool, AccessTier.Cold, AccessTier.Archive], [0.3f, 0.3f, 0.4f]),
            };
            var replication = env switch
            {
                "prod" => r.WeightedRandom([Replication.RAGRS, Replication.GRS, Replication.ZRS, Replication.LRS], [0.35f, 0.3f, 0.2f, 0.15f]),
                "dev" or "test" => r.WeightedRandom([Replication.LRS, Replication.GRS, Replication.ZRS], [0.5f, 0.3f, 0.2f]),
                _ => r.WeightedRandom([Replication.GRS, Replication.LRS], [0.5f, 0.5f]),
            };
            if (i < Seeded.Length) tier = Seeded[i].Tier;
            if (tier == AccessTier.Archive && replication == Replication.ZRS) replication = Replication.LRS;
            var (gib, reads, writes, growth) = purpose switch
            {
                "logs" => (r.Double(200, 3_000), 2_000, 400_000, r.Double(0.3, 0.6)),
                "backups" => (r.Double(500, 12_000), 500, 20_000, r.Double(0.2, 0.4)),
                "data" => (r.Double(50, 4_000), 300_000, 100_000, r.Double(0.1, 0.3)),
                "static-web" => (r.Double(1, 15), 800_000, 200, r.Double(0.05, 0.15)),
                "diagnostics" => (r.Double(20, 600), 1_000, 150_000, r.Double(0.2, 0.5)),
                _ => (r.Double(2_000, 30_000), 5, 100, r.Double(0.05, 0.2)),
            };
            var activity = r.Double(0.5, 1.5);
            var stem = new string($"st{purpose.Replace("-", "")}{env}".Take(20).ToArray());
            perName[stem] = perName.GetValueOrDefault(stem) + 1;
            var name = $"{stem}{perName[stem]:00}";
            var created = r.Bool(0.8f) ? start.AddDays(-r.Number(30, 700)) : start.AddDays(r.Number(0, Math.Max(0, today.DayNumber - start.DayNumber - 30)));
            var account = new StorageAccount
            {
                ResourceId = $"{g.Id}/providers/Microsoft.Storage/storageAccounts/{name}",
                Source = DemoTenant.Source, Name = name, SubscriptionId = g.Subscription.Id, ResourceGroup = g.Name, Region = g.Region,
                AccessTier = tier, Replication = replication, Purpose = purpose, Environment = env,
                UsedCapacityGiB = Math.Round(gib, 1),
                ReadTransactionsPerDay = (long)(reads * activity), WriteTransactionsPerDay = (long)(writes * activity),
                SecondaryReadsPerDay = replication == Replication.RAGRS && r.Bool(0.2f) ? r.Number(100, 5_000) : 0,
                LastAccessed = purpose switch
                {
                    "archive" => today.AddDays(-r.Number(60, 300)),
                    "backups" => today.AddDays(-r.Number(5, 60)),
                    _ => today.AddDays(-r.Number(0, 2)),
                },
                Tags = DemoTenant.GroupTags(g, [new("purpose", purpose)]),
            };
            // Capacity grew by `growth` a year; the history starts that much smaller, pro rata.
            var years = Math.Max(0, today.DayNumber - (created > start ? created : start).DayNumber) / 365.0;
            var atStart = account.UsedCapacityGiB / (1 + growth * years);
            list.Add(new DemoStorage(i, account, g, created, Math.Round(atStart, 1), purpose is "data" or "static-web" ? 0.6 : 0.9));
        }
        return list;
    }

    /// <summary>
    /// The incidents FinOps teams chase, placed relative to today so they fall in the anomaly lookback: debug logging left
    /// on, a viral CDN campaign, an AKS scale-out, a test VM left running around the clock, an egress surge on the hub's
    /// peering, and a price drop (a new, lower level). One whose resource the tenant lacks (a small tenant) is left out.
    /// </summary>
    private static List<DemoIncident> Incidents(List<DemoServiceResource> services, List<DemoVm> vms, DateOnly start, DateOnly today)
    {
        var list = new List<DemoIncident>();
        void Surge(DemoIncidentKind kind, Func<DemoServiceResource, bool> which, int daysAgo, int days, double factor, Func<DemoServiceResource, string> what)
        {
            var from = today.AddDays(-daysAgo);
            if (from < start || services.FirstOrDefault(which) is not { } r) return;
            var to = days == 0 ? today : from.AddDays(days - 1);
            list.Add(new DemoIncident(kind, r.Key, DemoTenant.ServiceId(r), r.Name, r.ServiceName, r.Group, from, to, factor, what(r)));
        }
        Surge(DemoIncidentKind.UsageSurge, s => s.ServiceName == "Azure Monitor", 75, 3, 3.5, _ => "Log Analytics ingestion ×3.5: debug logging left on after a release");
        Surge(DemoIncidentKind.UsageSurge, s => s.ServiceName == "Content Delivery Network", 40, 2, 2.5, _ => "CDN egress ×2.5: a marketing campaign went viral");
        Surge(DemoIncidentKind.ScaleOut, s => s.ResourceType == "microsoft.compute/virtualmachinescalesets", 60, 2, 3.0,
            r => $"{r.Name} scaled out ×3 for two days: a load test's autoscale rule was never reverted");
        Surge(DemoIncidentKind.EgressSurge, s => s.Sku == "Peering Data Transfer", 15, 3, 5.0,
            r => $"{r.Name} peering data transfer ×5: a backup job copied across the hub for three days");
        Surge(DemoIncidentKind.PriceDrop, s => s.ServiceName == "Azure App Service" && s.Group.Environment == "prod", 50, 0, 0.5,
            r => $"{r.Name} ({r.Sku}) at half its hourly price from this day on: a savings plan now covers it");
        LeftRunning(list, vms, start, today);
        return list;
    }

    /// <summary>
    /// The dearest weekday-hours VM running at the time is left on around the clock for five days, Thursday to Monday, after
    /// a test: its weekend, usually free of compute, is billed 24 hours a day.
    /// </summary>
    private static void LeftRunning(List<DemoIncident> list, List<DemoVm> vms, DateOnly start, DateOnly today)
    {
        var from = today.AddDays(-25);
        while (from.DayOfWeek != DayOfWeek.Thursday) from = from.AddDays(-1);
        var to = from.AddDays(4);
        if (from < start) return;
        var index = vms.FindIndex(v => v == vms.Where(c => c.Schedule == VmSchedule.WeekdayBusinessHours && c.Created < from.AddDays(-60)
                && (c.Inventory.PowerState == PowerState.Running || c.Inventory.PowerStateSince > to))
            .OrderByDescending(c => c.Size.HourlyPrice).ThenBy(c => c.Key).FirstOrDefault());
        if (index < 0) return;
        var vm = vms[index] = vms[index] with { LeftRunning = (from, to) };
        list.Add(new DemoIncident(DemoIncidentKind.LeftRunning, vm.Key, vm.Inventory.ResourceId, vm.Inventory.Name, "Virtual Machines", vm.Group, from, to, 24.0 / 12,
            $"{vm.Inventory.Name} ({vm.Size.Name}, weekdays 07–19) left running around the clock for five days after a test"));
    }

    /// <summary>The platform services a real tenant also pays for, placed by resource group kind.</summary>
    private static List<DemoServiceResource> ServicesFor(List<DemoResourceGroup> groups)
    {
        var list = new List<DemoServiceResource>();
        void Add(DemoResourceGroup g, string name, string service, string category, string type, string sku, string unit, decimal price,
            double weekday, double weekend, double monthEnd = 1.0, double noise = 0.0, double growth = 0.01) =>
            list.Add(new DemoServiceResource(10_000 + list.Count, name, g, service, category, type, sku, unit, price, weekday, weekend, monthEnd, noise, growth));

        foreach (var g in groups)
        {
            var env = g.Environment;
            switch (g.Kind)
            {
                case RgKind.Web:
                    Add(g, $"asp-web-{env}", "Azure App Service", "Web", "microsoft.web/serverfarms", "P1v3", "Hours", 0.169m, 24 * 4, 24 * 2, noise: 0.05);
                    Add(g, $"cdn-web-{env}", "Content Delivery Network", "Networking", "microsoft.cdn/profiles", "Standard_Microsoft", "GB", 0.081m, 900, 450, noise: 0.15, growth: 0.02);
                    Add(g, $"agw-web-{env}", "Application Gateway", "Networking", "microsoft.network/applicationgateways", "WAF_v2", "Hours", 0.443m, 24, 24);
                    Add(g, $"agw-web-{env}-cu", "Application Gateway", "Networking", "microsoft.network/applicationgateways", "WAF_v2 Capacity Unit", "CU Hours", 0.0144m, 24 * 14, 24 * 5, noise: 0.1);
                    break;
                case RgKind.Api:
                    Add(g, $"asp-api-{env}", "Azure App Service", "Web", "microsoft.web/serverfarms", "P1v3", "Hours", 0.169m, 24 * 3, 24 * 2, noise: 0.05);
                    Add(g, $"func-api-{env}", "Functions", "Compute", "microsoft.web/sites", "Consumption", "GB Seconds", 0.000016m, 1_100_000, 250_000, monthEnd: 1.3, noise: 0.2, growth: 0.03);
                    break;
                case RgKind.Data:
                    Add(g, $"sqldb-orders-{env}", "SQL Database", "Databases", "microsoft.sql/servers/databases", "GP_Gen5_4", "Hours", 1.0096m, 24, 24, monthEnd: 1.5);
                    Add(g, $"sqldb-reporting-{env}", "SQL Database", "Databases", "microsoft.sql/servers/databases", "GP_S_Gen5_4", "vCore Hours", 0.5218m, 30, 8, monthEnd: 2.0, noise: 0.15);
                    break;
                case RgKind.DevApps:
                    Add(g, $"sqldb-app-{env}", "SQL Database", "Databases", "microsoft.sql/servers/databases", "GP_S_Gen5_2", "vCore Hours", 0.5218m, 14, 1, noise: 0.2);
                    Add(g, $"asp-apps-{env}", "Azure App Service", "Web", "microsoft.web/serverfarms", "B2", "Hours", 0.075m, 24 * 2, 24 * 2);
                    break;
                case RgKind.Network:
                    Add(g, $"vnet-hub-{env}", "Virtual Network", "Networking", "microsoft.network/virtualnetworks", "Peering Data Transfer", "GB", 0.02m, 1_400, 500, noise: 0.15);
                    Add(g, $"vpngw-hub-{env}", "VPN Gateway", "Networking", "microsoft.network/virtualnetworkgateways", "VpnGw2", "Hours", 0.49m, 24, 24);
                    break;
                case RgKind.Aks:
                    Add(g, $"aks-main-{env}", "Azure Kubernetes Service", "Compute", "microsoft.containerservice/managedclusters", "Standard tier", "Hours", 0.10m, 24, 24);
                    Add(g, $"aks-main-{env}-nodepool1", "Virtual Machine Scale Sets", "Compute", "microsoft.compute/virtualmachinescalesets", "Standard_D4s_v3", "Hours", 0.192m, 24 * 6, 24 * 3, monthEnd: 1.34, growth: 0.015);
                    break;
                case RgKind.Monitoring:
                    Add(g, $"log-central-{env}", "Azure Monitor", "Management and Governance", "microsoft.operationalinsights/workspaces", "Analytics Logs", "GB", 2.30m, 28, 12, noise: 0.12, growth: 0.02);
                    break;
                case RgKind.Analytics:
                    Add(g, $"sqldb-warehouse-{env}", "SQL Database", "Databases", "microsoft.sql/servers/databases", "GP_S_Gen5_8", "vCore Hours", 0.5218m, 40, 6, monthEnd: 1.6, noise: 0.15);
                    break;
            }
        }
        return list;
    }
}
