using CostSense.Core.Access;
using CostSense.Core.Costs;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Costs;

/// <summary>Anomalies are the incidents an analyst would name, not the tenant's weekly and monthly rhythm.</summary>
public sealed class CostAnomaliesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static IEnumerable<(string, string, string, DateOnly, decimal)> Series(DateOnly from, DateOnly to, Func<DateOnly, decimal> cost)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return ("Azure Monitor", "rg-ops", "Production", d, cost(d));
    }

    [Fact]
    public void ASpike_IsOneAnomalyWithItsExcess_WhileWeekendsAndARecurringMonthEndAreNot()
    {
        var start = new DateOnly(2026, 6, 1);
        var end = new DateOnly(2026, 9, 30);
        var spike = (From: new DateOnly(2026, 9, 8), To: new DateOnly(2026, 9, 10));
        var rows = Series(start, end, d =>
        {
            var usual = CostAnalytics.IsWeekend(d) ? 40m : 100m;
            if (d.Day > DateTime.DaysInMonth(d.Year, d.Month) - 3) usual *= 2; // month-end close, every month
            return d >= spike.From && d <= spike.To ? usual * 3 : usual;
        });

        var found = CostAnomalies.Detect(rows, new DateOnly(2026, 8, 1), end);

        var anomaly = Assert.Single(found);
        Assert.Equal((spike.From, spike.To), (anomaly.From, anomaly.To));
        Assert.Equal(300m, anomaly.Expected);
        Assert.Equal(900m, anomaly.Actual);
        Assert.Equal(600m, anomaly.Excess);
        Assert.Equal(3.0, anomaly.Factor);
    }

    [Fact]
    public void SmallSpikes_AreNotWorthALook()
    {
        var rows = Series(new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 31), d => d == new DateOnly(2026, 7, 15) ? 9m : 2m);

        Assert.Empty(CostAnomalies.Detect(rows, new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 31)));
    }

    [Fact]
    public async Task TheDemoTenantsPlantedIncidents_AreFound_AndLittleElse()
    {
        await using var host = await CoreHost.StartAsync(StoreKind.Sqlite, Now);
        await host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var incidents = host.Get<DemoTenantGenerator>().Generate(new DemoTenantOptions(), today).Incidents;

        var report = await host.Get<CostInsights>().AnomaliesAsync(today.AddDays(-120), today, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine,
            report.Anomalies.Select(a => $"{a.ServiceName} {a.ResourceGroup} {a.From}–{a.To} {a.Expected:N2} → {a.Actual:N2} ×{a.Factor}")));

        Assert.Equal("USD", report.Currency);
        foreach (var incident in incidents)
            Assert.Contains(report.Anomalies, a => a.ServiceName == incident.ServiceName && a.ResourceGroup == incident.Group.Name
                && a.From <= incident.From && a.To >= incident.To && a.Factor > 1.5);
        Assert.True(report.Anomalies.Count <= incidents.Count + 2, $"{report.Anomalies.Count} anomalies for {incidents.Count} incidents");
    }
}
