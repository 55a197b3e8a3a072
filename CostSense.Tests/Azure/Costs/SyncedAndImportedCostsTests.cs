using System.Globalization;
using System.Text;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Imports;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Imports;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Azure.Costs;

/// <summary>
/// A subscription's day is counted once: the costs step does not sync a month an import already counts, and an import is
/// refused for a day the sync counts; either way the message names the other and nothing of the refused write lands.
/// </summary>
public sealed class SyncedAndImportedCostsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly FakeSubscription Production = new("aaaaaaaa-0000-0000-0000-000000000001", "Production");
    private static readonly FakeVm Web = new(Production.Id, "rg-shop", "vm-web-01", "Standard_D4s_v3", "eastus");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task AMonthAnImportCounts_IsNotSynced_AndTheStepSaysWhichImport(StoreKind kind)
    {
        await using var rig = await StartAsync(kind);
        await rig.Host.Get<CostImporter>().ImportFileAsync(Actor.System, Focus("october.csv", new DateOnly(2026, 10, 3), 7.5m), Ct);
        var before = await TotalsAsync(rig.Host);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(rig.RunStepAsync);

        Assert.Contains("Production (aaaaaaaa-0000-0000-0000-000000000001) in 2026-10 is already counted by import:Microsoft:ba-1", e.Message);
        Assert.Contains("october.csv", e.Message);
        Assert.Equal(before, await TotalsAsync(rig.Host));
        Assert.Equal((1, 7.5m), before);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task AnImportOfADayTheSyncCounts_IsRefusedNamingTheSync(StoreKind kind)
    {
        await using var rig = await StartAsync(kind);
        await rig.RunStepAsync();
        var before = await TotalsAsync(rig.Host);
        Assert.True(before.Rows > 0);

        var e = await Assert.ThrowsAsync<ImportException>(() =>
            rig.Host.Get<CostImporter>().ImportFileAsync(Actor.System, Focus("october.csv", new DateOnly(2026, 10, 3), 7.5m), Ct));

        Assert.Contains($"is already counted by the live Azure sync (azure:{Production.Id})", e.Message);
        Assert.Equal(before, await TotalsAsync(rig.Host));
    }

    private static Task<CostsRig> StartAsync(StoreKind kind)
    {
        var tenant = new FakeTenant();
        tenant.Subscriptions.Add(Production);
        tenant.Vms.Add(Web);
        return CostsRig.StartAsync(kind, Now, tenant, costs => costs.AddDaily(Web, new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 19), _ => 4.608m));
    }

    /// <summary>A one-row FOCUS file of the subscription's cost on one day.</summary>
    private static ImportFile Focus(string name, DateOnly day, decimal cost)
    {
        string[] header = ["ChargePeriodStart", "ChargePeriodEnd", "BilledCost", "EffectiveCost", "BillingCurrency", "ProviderName",
            "BillingAccountId", "SubAccountId", "SubAccountName", "ChargeCategory"];
        var text = GeneratedCsv.Write(header, [new Dictionary<string, string>
        {
            ["ChargePeriodStart"] = $"{day:yyyy-MM-dd}T00:00:00Z", ["ChargePeriodEnd"] = $"{day.AddDays(1):yyyy-MM-dd}T00:00:00Z",
            ["BilledCost"] = cost.ToString(CultureInfo.InvariantCulture), ["EffectiveCost"] = cost.ToString(CultureInfo.InvariantCulture),
            ["BillingCurrency"] = "USD", ["ProviderName"] = "Microsoft", ["BillingAccountId"] = "ba-1",
            ["SubAccountId"] = Production.Id, ["SubAccountName"] = Production.DisplayName, ["ChargeCategory"] = "Usage",
        }]);
        return new ImportFile(name, _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text))), null, null);
    }

    private static async Task<(int Rows, decimal Effective)> TotalsAsync(CoreHost host)
    {
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var rows = await db.CostRecords.AsNoTracking().Select(r => r.EffectiveCost).ToListAsync(Ct);
        return (rows.Count, rows.Sum());
    }
}
