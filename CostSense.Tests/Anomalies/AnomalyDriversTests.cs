using CostSense.Core.Anomalies;
using CostSense.Core.Data.Entities;

namespace CostSense.Tests.Anomalies;

/// <summary>Drivers name the resources whose own change makes up the excess, in their own units, and the summary line reads like an analyst's note.</summary>
public sealed class AnomalyDriversTests
{
    private static readonly DateOnly Day = new(2026, 11, 17); // a Tuesday
    private static readonly DateOnly BaselineFrom = Day.AddDays(-28);

    private static IEnumerable<DriverRow> Rows(string name, string meter, decimal price, string unit, Func<DateOnly, decimal> quantity)
    {
        for (var d = BaselineFrom; d <= Day; d = d.AddDays(1))
        {
            var q = quantity(d);
            if (q > 0) yield return new DriverRow(d, $"/subscriptions/s/resourceGroups/rg/providers/x/{name}", name, meter, "Virtual Machines", q * price, q, unit);
        }
    }

    [Fact]
    public void TheResourceThatMoved_LeadsWithItsShare_AndSaysWhatChangedInItsUnits()
    {
        var rows = Rows("vm-worker-07", "Standard_D8s_v3", 0.384m, "Hours", d => d == Day ? 24 : 8)
            .Concat(Rows("vm-web-01", "Standard_D2s_v3", 0.096m, "Hours", d => d == Day ? 29 : 24)) // 5 hours more
            .Concat(Rows("st-logs", "Hot LRS Data Stored", 0.02m, "GB/Month", _ => 100)) // unchanged
            .ToList();

        var drivers = AnomalyDrivers.Compute(rows, BaselineFrom, Day, Day, "USD", new AnomalyOptions());

        var main = drivers[0];
        Assert.Equal(("vm-worker-07", "Standard_D8s_v3"), (main.ResourceName, main.Meter));
        Assert.Equal((3.07m, 9.22m), (main.Expected, main.Actual));
        Assert.Equal(Math.Round(6.144m / (6.144m + 0.48m) * 100m, 1), main.SharePercent);
        Assert.Equal("24 h instead of 8 h", main.Detail);
        // 92.8% is past the 80% the list stops at: the others are not listed.
        Assert.Single(drivers);

        var run = new AnomalyRun(AnomalyKind.Spike, Day, Day, rows.Where(r => r.Date == Day).Sum(r => r.Cost) - 6.624m, rows.Where(r => r.Date == Day).Sum(r => r.Cost));
        Assert.Equal("+$6.62 on 2026-11-17: 93% from vm-worker-07, Standard_D8s_v3, 24 h instead of 8 h", AnomalySummary.Line(run, drivers, "USD"));
    }

    [Fact]
    public void APriceDrop_IsNamedByItsUnitPrice()
    {
        var drop = Day.AddDays(-6);
        var rows = Enumerable.Range(0, 35).Select(i => BaselineFrom.AddDays(i)).Where(d => d <= Day)
            .Select(d => new DriverRow(d, "asp", "asp-web-prod", "P1v3", "Azure App Service", 96 * (d >= drop ? 0.0845m : 0.169m), 96, "Hours")).ToList();

        var main = Assert.Single(AnomalyDrivers.Compute(rows, drop.AddDays(-28), drop, Day, "USD", new AnomalyOptions()));

        Assert.Equal(100m, main.SharePercent);
        Assert.True(main.Excess < 0);
        Assert.Equal("$0.0845 per h instead of $0.1690", main.Detail);
    }
}
