using CostSense.Core.Catalog;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Demo;

namespace CostSense.Tests.Demo;

public class DemoTenantGeneratorTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly VmSizeCatalog Catalog = VmSizeCatalog.LoadEmbedded();
    private static readonly Lazy<DemoTenant> Default = new(() => new DemoTenantGenerator(Catalog).Generate(new DemoTenantOptions(), Today));
    private static readonly Lazy<List<CostRecord>> DefaultRows = new(() => Default.Value.CostRows().ToList());

    [Fact]
    public void Generate_WithDefaultOptions_HasTheConfiguredShapeAndThirteenMonths()
    {
        var t = Default.Value;

        Assert.Equal(3, t.Subscriptions.Count);
        Assert.Equal(8, t.ResourceGroups.Count);
        Assert.Equal(60, t.Vms.Count);
        Assert.Equal(25, t.Storage.Count);
        Assert.Equal(new DateOnly(2025, 11, 1), t.Start); // November 2025 to November 2026
        Assert.Equal(Today, t.End);
        Assert.Equal(t.Vms.Count, t.Vms.Select(v => v.Inventory.Name).Distinct().Count());
        Assert.Equal(t.Storage.Count, t.Storage.Select(s => s.Inventory.Name).Distinct().Count());
        Assert.All(t.Storage, s => Assert.InRange(s.Inventory.Name.Length, 3, 24));
    }

    [Fact]
    public void Generate_WithTheSameSeed_ProducesIdenticalData()
    {
        var again = new DemoTenantGenerator(Catalog).Generate(new DemoTenantOptions(), Today).CostRows().ToList();

        Assert.Equal(DefaultRows.Value.Count, again.Count);
        Assert.Equal(DefaultRows.Value.Select(Fingerprint), again.Select(Fingerprint));
    }

    [Fact]
    public void Generate_WithAnotherSeed_ProducesAnotherTenant()
    {
        var other = new DemoTenantGenerator(Catalog).Generate(new DemoTenantOptions { Seed = 7 }, Today);

        Assert.NotEqual(Default.Value.Subscriptions[0].Id, other.Subscriptions[0].Id);
        Assert.NotEqual(DefaultRows.Value.Sum(r => r.EffectiveCost), other.CostRows().Sum(r => r.EffectiveCost));
    }

    [Fact]
    public void VmComputeCost_IsTheCatalogueHourlyPriceTimesTheHoursBilled()
    {
        var vms = Default.Value.Vms.ToDictionary(v => v.Inventory.ResourceId);
        var compute = DefaultRows.Value.Where(r => r.ResourceType == "microsoft.compute/virtualmachines").ToList();

        Assert.NotEmpty(compute);
        Assert.All(compute, r =>
        {
            var vm = vms[r.ResourceId!];
            var price = Catalog.Get(vm.Inventory.Size, vm.Inventory.Region).HourlyPrice;
            Assert.Equal((decimal)vm.BilledHours(r.ChargePeriodStart), r.ConsumedQuantity);
            Assert.Equal(price * r.ConsumedQuantity!.Value, r.EffectiveCost);
            Assert.Contains(r.ConsumedQuantity.Value, new[] { 12m, 24m });
        });
    }

    [Fact]
    public void DeallocatedVms_PayOnlyForTheirDisks_AndStoppedVmsKeepPayingForCompute()
    {
        var t = Default.Value;
        var deallocated = t.Vms.Where(v => v.Inventory.PowerState == PowerState.Deallocated).ToList();
        var stopped = t.Vms.Where(v => v.Inventory.PowerState == PowerState.Stopped).ToList();
        Assert.Contains(deallocated, v => v.Inventory.PowerStateSince < Today.AddDays(-30));
        Assert.NotEmpty(stopped);

        foreach (var vm in deallocated)
        {
            var after = DefaultRows.Value.Where(r => r.ChargePeriodStart >= vm.Inventory.PowerStateSince && r.ResourceName!.StartsWith(vm.Inventory.Name, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(after);
            Assert.All(after, r => Assert.Equal("microsoft.compute/disks", r.ResourceType));
        }
        foreach (var vm in stopped)
        {
            var day = vm.Inventory.PowerStateSince.AddDays(1);
            Assert.Equal(24m, DefaultRows.Value.Single(r => r.ChargePeriodStart == day && r.ResourceId == vm.Inventory.ResourceId).ConsumedQuantity);
            Assert.Null(t.Metric(vm, day));
        }
    }

    [Fact]
    public void Weekends_CostSeventyToEightyPercentOfWeekdays()
    {
        var october = DailyTotals(new(2026, 10, 1), new(2026, 10, 28)); // four whole weeks, clear of month end
        var weekday = october.Where(d => !CostAnalytics.IsWeekend(d.Key)).Average(d => d.Value);
        var weekend = october.Where(d => CostAnalytics.IsWeekend(d.Key)).Average(d => d.Value);

        Assert.InRange(weekend / weekday, 0.70m, 0.80m);
    }

    [Fact]
    public void MonthEnd_CostsMoreThanTheSameKindOfDayEarlierInTheMonth()
    {
        var october = DailyTotals(new(2026, 10, 1), new(2026, 10, 31));
        foreach (var day in new DateOnly[] { new(2026, 10, 29), new(2026, 10, 30), new(2026, 10, 31) })
        {
            var sameKind = october.Where(d => d.Key.Day <= 28 && CostAnalytics.IsWeekend(d.Key) == CostAnalytics.IsWeekend(day)).Average(d => d.Value);
            Assert.True(october[day] > sameKind, $"{day}: {october[day]:N2} is not above {sameKind:N2}");
        }
    }

    [Fact]
    public void WorkloadProfiles_DriveMetrics_SoSomeVmsAreIdleAndSomeHot()
    {
        var t = Default.Value;
        double MeanP95(VmProfile p) => t.Vms.Where(v => v.Profile == p && v.Inventory.PowerState == PowerState.Running)
            .SelectMany(v => Enumerable.Range(0, 30).Select(i => t.Metric(v, Today.AddDays(-i)))).OfType<DailyMetric>().Average(m => m.CpuP95);

        Assert.True(MeanP95(VmProfile.Idle) < 3, "idle VMs should sit under 3% P95 CPU");
        Assert.InRange(MeanP95(VmProfile.RightSized), 35, 85);
        Assert.True(MeanP95(VmProfile.Hot) > 75, "hot VMs should run above 75% P95 CPU");
        Assert.Contains(t.Vms, v => v.Workload == "web");
        Assert.Contains(t.Vms, v => v.Workload == "database");
    }

    [Fact]
    public void Metrics_AreInternallyConsistent()
    {
        var metrics = Default.Value.Metrics().ToList();

        Assert.NotEmpty(metrics);
        Assert.All(metrics, m =>
        {
            Assert.InRange(m.CpuAverage, 0, m.CpuP95);
            Assert.InRange(m.CpuP95, m.CpuAverage, m.CpuMax);
            Assert.InRange(m.CpuMax, 0, 100);
            Assert.InRange(m.MemoryP95, m.MemoryAverage, m.MemoryMax);
            Assert.Contains(m.HoursRunning, new[] { 12.0, 24.0 });
        });
    }

    [Fact]
    public void Tenant_PaysForTheServicesOfARealTenant_AndTagsEveryRow()
    {
        var services = DefaultRows.Value.Select(r => r.ServiceName).ToHashSet();

        foreach (var s in new[] { "Virtual Machines", "Storage Accounts", "SQL Database", "Azure App Service", "Azure Kubernetes Service", "Functions",
                     "Content Delivery Network", "Application Gateway", "Virtual Network", "Azure Monitor" })
            Assert.Contains(s, services);
        Assert.All(DefaultRows.Value, r =>
        {
            Assert.False(string.IsNullOrEmpty(r.TagEnvironment));
            Assert.StartsWith("CC-", r.TagCostCenter);
            Assert.Contains("\"environment\"", r.Tags);
        });
        Assert.Equal(4, Default.Value.Storage.Select(s => s.Inventory.AccessTier).Distinct().Count());
    }

    [Fact]
    public void PlantedIncidents_StandOutAgainstTheSameResourcesOrdinaryDays()
    {
        var t = Default.Value;
        Assert.Equal(Enum.GetValues<DemoIncidentKind>().Order(), t.Incidents.Select(i => i.Kind).Distinct().Order());
        foreach (var incident in t.Incidents)
        {
            var costs = DefaultRows.Value.Where(r => r.ResourceId == incident.ResourceId && r.ServiceName == incident.ServiceName)
                .GroupBy(r => r.ChargePeriodStart).ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCost));
            // A level (a price drop) is judged on its first two weeks; a surge on all its days.
            var to = incident.To < incident.From.AddDays(13) ? incident.To : incident.From.AddDays(13);
            for (var day = incident.From; day <= to; day = day.AddDays(1))
            {
                // The same kind of day in the two weeks before the incident.
                var usual = Enumerable.Range(1, 14).Select(i => incident.From.AddDays(-i))
                    .Where(d => CostAnalytics.IsWeekend(d) == CostAnalytics.IsWeekend(day)).Average(d => costs.GetValueOrDefault(d));
                var cost = costs.GetValueOrDefault(day);
                if (incident.Factor < 1)
                    Assert.True(cost < usual * (decimal)incident.Factor * 1.3m, $"{incident.Description} on {day}: {cost:N2} vs usual {usual:N2}");
                else
                    Assert.True(cost > usual * (decimal)incident.Factor * 0.7m, $"{incident.Description} on {day}: {cost:N2} vs usual {usual:N2}");
            }
        }
    }

    private static Dictionary<DateOnly, decimal> DailyTotals(DateOnly from, DateOnly to) =>
        DefaultRows.Value.Where(r => r.ChargePeriodStart >= from && r.ChargePeriodStart <= to)
            .GroupBy(r => r.ChargePeriodStart).ToDictionary(g => g.Key, g => g.Sum(r => r.EffectiveCost));

    private static string Fingerprint(CostRecord r) =>
        $"{r.ChargePeriodStart}|{r.SubAccountId}|{r.ResourceId}|{r.SkuId}|{r.EffectiveCost}|{r.ConsumedQuantity}|{r.Tags}";
}
