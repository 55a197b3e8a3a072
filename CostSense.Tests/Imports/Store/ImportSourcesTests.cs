using System.Text;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Imports.Store;

/// <summary>
/// What imports do to the sources beside them, on SQLite and PostgreSQL: two imports that would count a subscription's day
/// twice are refused naming both, the demo tenant leaves when real data arrives and is not generated over it, an
/// over-long cell is refused at its line, and the FOCUS columns analysts rely on are kept on every row.
/// </summary>
public abstract class ImportSourcesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Header =
        ["ChargePeriodStart", "ChargePeriodEnd", "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingCurrency", "ProviderName",
         "BillingAccountId", "BillingAccountName", "SubAccountId", "SubAccountName", "ResourceId", "ResourceName", "ChargeClass",
         "ChargeCategory", "ChargeDescription", "ChargeFrequency", "PricingQuantity", "PricingUnit", "PublisherName", "InvoiceIssuerName",
         "BillingPeriodStart", "BillingPeriodEnd", "CommitmentDiscountType", "CommitmentDiscountStatus", "SkuMeter", "InvoiceId"];

    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ImportFile Csv(string name, string text, string? exportKey = null) =>
        new(name, _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text))), null, exportKey);

    /// <summary>Daily rows of October 2026, one per day and subscription, <paramref name="cost"/> each.</summary>
    private static string Daily(int firstDay, int lastDay, decimal cost, params string[] subscriptions) =>
        GeneratedCsv.Write(Header, [.. Enumerable.Range(firstDay, lastDay - firstDay + 1).SelectMany(day => subscriptions.Select(sub =>
            new Dictionary<string, string>
            {
                ["ChargePeriodStart"] = $"2026-10-{day:00}T00:00:00Z", ["ChargePeriodEnd"] = $"2026-10-{day + 1:00}T00:00:00Z",
                ["BilledCost"] = cost.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["EffectiveCost"] = cost.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["BillingCurrency"] = "EUR", ["ProviderName"] = "Microsoft", ["BillingAccountId"] = "ba-1", ["SubAccountId"] = sub,
                ["SubAccountName"] = $"name-{sub}", ["ChargeCategory"] = "Usage",
            }))]);

    [Fact]
    public async Task SubscriptionExport_ThenBillingAccountFileHoldingIt_IsRefusedNamingBoth_AndTheStoreIsUnchanged()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var importer = host.Get<CostImporter>();
        const string export = "/subscriptions/s1/providers/microsoft.costmanagement/exports/daily";
        await importer.ImportRunAsync(Actor.System, [Csv("part_0_0001.csv", Daily(1, 10, 2m, "s1"), export)], Ct);
        var before = await ImportedStore.ReadAsync(host);

        var ex = await Assert.ThrowsAsync<ImportException>(() =>
            importer.ImportFileAsync(Actor.System, Csv("billing-account.csv", Daily(1, 5, 3m, "s1", "s2")), Ct));

        Assert.Contains("name-s1 (s1) on 2026-10-01", ex.Message);
        Assert.Contains(CostImporter.ExportSourceKey(export), ex.Message);
        Assert.Contains("part_0_0001.csv", ex.Message);
        Assert.Contains(CostImporter.SourceKey("Microsoft", "ba-1"), ex.Message);
        Assert.Equal(before, await ImportedStore.ReadAsync(host));
        Assert.Equal((10, 20m), (before.Rows, before.Billed));
    }

    [Fact]
    public async Task TwoExportsOfDifferentSubscriptions_LandSideBySide_AndALaterRunOfOneReplacesOnlyIt()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var importer = host.Get<CostImporter>();
        await importer.ImportRunAsync(Actor.System, [Csv("a.csv", Daily(1, 10, 2m, "s1"), "/subscriptions/s1/exports/daily")], Ct);
        await importer.ImportRunAsync(Actor.System, [Csv("b.csv", Daily(1, 10, 5m, "s2"), "/subscriptions/s2/exports/daily")], Ct);

        var later = await importer.ImportRunAsync(Actor.System, [Csv("a2.csv", Daily(1, 20, 2m, "s1"), "/subscriptions/s1/exports/daily")], Ct);

        Assert.Equal(10, later.Single().RowsReplaced);
        var stored = await ImportedStore.ReadAsync(host);
        Assert.Equal((20 + 10, 20 * 2m + 10 * 5m), (stored.Rows, stored.Billed));
        Assert.Equal(stored.Billed, stored.RollupBilled);
    }

    [Fact]
    public async Task FirstImport_RemovesTheDemoTenant_InItsTransaction_AndTheDemoIsNotGeneratedOverRealData()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now, demoTenant: true);
        var importer = host.Get<CostImporter>();

        var summary = await importer.ImportFileAsync(Actor.System, Csv("real.csv", Daily(1, 3, 1.25m, "s1")), Ct);

        Assert.True(summary.DemoTenantRemoved);
        await using (var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct))
        {
            Assert.False(await db.CostRecords.AnyAsync(r => r.Source == KnownSources.Demo, Ct));
            Assert.False(await db.VirtualMachines.AnyAsync(v => v.Source == KnownSources.Demo, Ct));
            Assert.False(await db.StorageAccounts.AnyAsync(a => a.Source == KnownSources.Demo, Ct));
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "demo.remove", Ct));
        }
        var stored = await ImportedStore.ReadAsync(host);
        Assert.Equal((3, 3.75m, 3, 3.75m), (stored.Rows, stored.Billed, stored.RollupRows, stored.RollupBilled));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Get<IDemoTenantService>().GenerateAsync(Actor.System, Ct));
        Assert.Contains("imported or Azure data", refused.Message);
        Assert.False(await host.Get<IDemoTenantService>().SeedOnStartAsync(Ct));
        Assert.Equal(stored, await ImportedStore.ReadAsync(host));

        var second = await importer.ImportFileAsync(Actor.System, Csv("more.csv", Daily(4, 4, 1m, "s1")), Ct);
        Assert.False(second.DemoTenantRemoved);
    }

    [Fact]
    public async Task RemovingTheDemoTenant_EmptiesItsRowsAndInventory_KeepsImports_AndIsAnalystsToDo()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now, demoTenant: true);
        var demo = host.Get<IDemoTenantService>();
        var viewer = new Actor(Actor.AnonymousViewerId, "guest", [AppRoles.Viewer]);
        await Assert.ThrowsAsync<AccessDeniedException>(() => demo.RemoveAsync(viewer, Ct));
        int demoRows;
        await using (var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct))
            demoRows = await db.CostRecords.CountAsync(r => r.Source == KnownSources.Demo, Ct);

        var removed = await demo.RemoveAsync(Actor.System, Ct);

        Assert.Equal(demoRows, removed);
        Assert.Equal(new ImportedStore(0, 0m, 0m, 0, 0m, 0m), await ImportedStore.ReadAsync(host));
        await using (var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct))
        {
            Assert.False(await db.VirtualMachines.AnyAsync(Ct));
            Assert.False(await db.DailyMetrics.AnyAsync(Ct));
            Assert.Equal("demo.remove", await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Action).LastAsync(Ct));
        }
        Assert.Equal(0, await demo.RemoveAsync(Actor.System, Ct));
    }

    [Fact]
    public async Task RefusedImport_LeavesTheDemoTenantWhole()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now, demoTenant: true);
        var before = await ImportedStore.ReadAsync(host);
        var bad = Daily(1, 3, 1m, "s1").Replace("name-s1", new string('x', 600));

        var ex = await Assert.ThrowsAsync<ImportException>(() => host.Get<CostImporter>().ImportFileAsync(Actor.System, Csv("long.csv", bad), Ct));

        Assert.Equal((2L, "SubAccountName"), (ex.Line, ex.Column));
        Assert.Contains("600 characters; the store keeps at most 512", ex.Message);
        Assert.Equal(before, await ImportedStore.ReadAsync(host));
    }

    [Fact]
    public async Task FocusColumns_AreKeptOnTheRow_AndACorrectionKeepsItsSign()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var csv = GeneratedCsv.Write(Header, new Dictionary<string, string>
        {
            ["ChargePeriodStart"] = "2026-10-07T00:00:00Z", ["ChargePeriodEnd"] = "2026-10-08T00:00:00Z", ["BilledCost"] = "-1.2345678901234",
            ["EffectiveCost"] = "-1.2345678901234", ["ListCost"] = "-1.5", ["ContractedCost"] = "-1.4", ["BillingCurrency"] = "usd",
            ["ProviderName"] = "Microsoft", ["BillingAccountId"] = "ba-9", ["BillingAccountName"] = "Contoso EA", ["SubAccountId"] = "s9",
            ["SubAccountName"] = "prod", ["ResourceId"] = "/subscriptions/s9/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm1",
            ["ResourceName"] = "vm1", ["ChargeClass"] = "Correction", ["ChargeCategory"] = "Usage", ["ChargeDescription"] = "D2s v3 refund",
            ["ChargeFrequency"] = "Usage-Based", ["PricingQuantity"] = "-3", ["PricingUnit"] = "1 Hour", ["PublisherName"] = "Microsoft",
            ["InvoiceIssuerName"] = "Microsoft", ["BillingPeriodStart"] = "2026-10-01T00:00:00Z", ["BillingPeriodEnd"] = "2026-11-01T00:00:00Z",
            ["CommitmentDiscountType"] = "Reservation", ["CommitmentDiscountStatus"] = "Used", ["SkuMeter"] = "D2s v3", ["InvoiceId"] = "G123",
        });

        await host.Get<CostImporter>().ImportFileAsync(Actor.System, Csv("focus.csv", csv), Ct);

        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var r = await db.CostRecords.SingleAsync(Ct);
        Assert.Equal((-1.2345678901234m, -1.2345678901234m, -1.5m, -1.4m, "USD"), (r.BilledCost, r.EffectiveCost, r.ListCost, r.ContractedCost, r.BillingCurrency));
        Assert.Equal(("Contoso EA", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)), (r.BillingAccountName, r.BillingPeriodStart, r.BillingPeriodEnd));
        Assert.Equal(("Correction", "D2s v3 refund", "Usage-Based"), (r.ChargeClass, r.ChargeDescription, r.ChargeFrequency));
        Assert.Equal((-3m, "1 Hour", "Microsoft", "Microsoft", "G123"), (r.PricingQuantity, r.PricingUnit, r.PublisherName, r.InvoiceIssuerName, r.InvoiceId));
        Assert.Equal(("Reservation", "Used", "D2s v3"), (r.CommitmentDiscountType, r.CommitmentDiscountStatus, r.SkuMeterName));
    }
}

public sealed class SqliteImportSourcesTests : ImportSourcesTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresImportSourcesTests : ImportSourcesTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
