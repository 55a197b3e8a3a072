using Azure;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Azure;
using CostSense.Core.Sources.Azure.Advisor;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Azure.Advisor;

/// <summary>
/// The Advisor step against the fake Azure over https, through the real REST pipeline, on SQLite and PostgreSQL: every page
/// of every subscription is read, ids stored lower case, missing savings stay null, a failure keeps the old rows and a
/// second run gives the same rows.
/// </summary>
public abstract class AdvisorStepTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeTenant Tenant()
    {
        var tenant = new FakeTenant();
        tenant.Subscriptions.AddRange([new("AAAAAAAA-0000-0000-0000-000000000001", "Production"), new("aaaaaaaa-0000-0000-0000-000000000002", "Development")]);
        string[] sizes = ["Standard_D4s_v5", "Standard_D8s_v5", "Standard_E4s_v5", "Standard_B2ms", "Standard_D16s_v5"];
        for (var i = 0; i < 9; i++)
            tenant.Vms.Add(new FakeVm(tenant.Subscriptions[i % 2].Id, i % 2 == 0 ? "RG-App" : "rg-Data", $"VM-{i:00}", sizes[i % sizes.Length], "westeurope"));
        return tenant;
    }

    private async Task<(FakeAzureServer Azure, CoreHost Host)> StartAsync(FakeTenant tenant, Action<IEndpointRouteBuilder>? map = null)
    {
        var azure = await FakeAzureServer.StartAsync(map ?? (app => FakeAdvisor.Map(app, tenant)), Ct);
        try
        {
            var host = await CoreHost.StartAsync(Kind, Now, azure.Settings(tenant.Subscriptions.Select(s => s.Id)), services: s => s.AddSingleton(azure.Setup));
            return (azure, host);
        }
        catch
        {
            await azure.DisposeAsync();
            throw;
        }
    }

    private static AdvisorStep Step(CoreHost host) => host.Get<IEnumerable<IAzureSyncStep>>().OfType<AdvisorStep>().Single();

    private static AzureSyncContext Context(FakeTenant tenant) =>
        new(tenant.Subscriptions.Select(s => new AzureSubscription(s.Id.ToLowerInvariant(), s.DisplayName)).ToList(), Now, new Progress<string>());

    private static async Task<List<AdvisorRecommendation>> StoredAsync(CoreHost host)
    {
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        return (await db.AdvisorRecommendations.AsNoTracking().ToListAsync(Ct)).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task EveryPageOfEverySubscription_IsStored_WithTheCostFilterSent()
    {
        var tenant = Tenant();
        var (azure, host) = await StartAsync(tenant);
        await using var _ = azure;
        await using var __ = host;
        var expected = FakeAdvisor.For(tenant).Where(r => r.Category == "Cost").ToList();

        var outcome = await Step(host).RunAsync(Context(tenant), Ct);

        var stored = await StoredAsync(host);
        Assert.Equal(expected.Count, outcome.Items);
        Assert.Equal(expected.Select(r => r.Id).Order(StringComparer.Ordinal), stored.Select(a => a.Id));
        // Two items a page: each subscription's list took several requests, every one asking for cost only.
        var advisorRequests = azure.Requests.Where(r => r.Path.EndsWith("/providers/Microsoft.Advisor/recommendations", StringComparison.Ordinal)).ToList();
        foreach (var s in tenant.Subscriptions)
        {
            var count = expected.Count(r => r.SubscriptionId == s.Id);
            Assert.Equal((count + 1) / 2, advisorRequests.Count(r => r.Path.Contains(s.Id, StringComparison.OrdinalIgnoreCase)));
        }
        Assert.All(advisorRequests, r => Assert.Contains("api-version=" + AdvisorStep.ApiVersion, r.PathAndQuery));
        Assert.All(advisorRequests, r => Assert.Contains("$filter=Category eq 'Cost'", Uri.UnescapeDataString(r.PathAndQuery)));
        Assert.DoesNotContain(stored, a => a.Problem.Contains("Availability zones"));
    }

    [Fact]
    public async Task IdsAreLowerCase_AndTheImpactedResourceComesFromMetadataOrTheIdPrefix()
    {
        var tenant = Tenant();
        var (azure, host) = await StartAsync(tenant);
        await using var _ = azure;
        await using var __ = host;

        await Step(host).RunAsync(Context(tenant), Ct);

        var stored = await StoredAsync(host);
        Assert.All(stored, a => Assert.Equal(a.ResourceId.ToLowerInvariant(), a.ResourceId));
        Assert.All(stored, a => Assert.Equal(a.SubscriptionId.ToLowerInvariant(), a.SubscriptionId));
        // VM-02 has no resourceMetadata: its resource is the id's part before /providers/Microsoft.Advisor/recommendations/.
        var noMetadata = Assert.Single(stored, a => a.ImpactedValue == "VM-02");
        Assert.Equal(tenant.Vms[2].Id.ToLowerInvariant(), noMetadata.ResourceId);
        var withMetadata = Assert.Single(stored, a => a.ImpactedValue == "VM-00");
        Assert.Equal(tenant.Vms[0].Id.ToLowerInvariant(), withMetadata.ResourceId);
        // A reservation is about the subscription.
        var reservation = Assert.Single(stored, a => a.RecommendationTypeId == FakeAdvisor.VmReservedInstance && a.SubscriptionId == tenant.Subscriptions[0].Id.ToLowerInvariant());
        Assert.Equal($"/subscriptions/{tenant.Subscriptions[0].Id.ToLowerInvariant()}", reservation.ResourceId);
        Assert.Equal(("P3Y", 88.1m, 1057.2m, "Standard_D4s_v5"), (reservation.Term, reservation.MonthlySavings, reservation.AnnualSavings, reservation.TargetSku));
    }

    [Fact]
    public async Task MissingSavingsAndSkus_StayNull_NeverZero()
    {
        var tenant = Tenant();
        var (azure, host) = await StartAsync(tenant);
        await using var _ = azure;
        await using var __ = host;

        var outcome = await Step(host).RunAsync(Context(tenant), Ct);

        var stored = await StoredAsync(host);
        var missing = Assert.Single(stored, a => a.ImpactedValue == "VM-02");
        Assert.Null(missing.MonthlySavings); // sent as ""
        Assert.Null(missing.AnnualSavings); // not sent
        Assert.Null(missing.CurrentSku);
        Assert.Null(missing.TargetSku);
        Assert.Null(missing.Currency);
        var given = Assert.Single(stored, a => a.ImpactedValue == "VM-00");
        Assert.Equal((41.9m, 502.8m, "USD", "Standard_D4s_v5", "Standard_D2s_v5"), (given.MonthlySavings, given.AnnualSavings, given.Currency, given.CurrentSku, given.TargetSku));
        var shutdown = Assert.Single(stored, a => a.ImpactedValue == "VM-01");
        Assert.Equal(("Shutdown", 120.45m), (shutdown.TargetSku, shutdown.MonthlySavings));
        Assert.Equal(("Right-size or shutdown underutilized virtual machines", "High"), (given.Problem, given.Impact));
        Assert.Equal(DateTimeOffset.Parse("2026-11-19T06:12:33.5474537Z", System.Globalization.CultureInfo.InvariantCulture), given.LastUpdated);
        Assert.Contains("without a saving given", outcome.Summary);
    }

    [Fact]
    public async Task UnparsableSavings_AreNullToo()
    {
        var tenant = Tenant();
        var vm = tenant.Vms[0];
        var odd = FakeAdvisor.LowUsage(vm, "odd", "Standard_D2s_v5", "about forty", "  ");
        var (azure, host) = await StartAsync(tenant, app => FakeAdvisor.Map(app, tenant, [odd]));
        await using var _ = azure;
        await using var __ = host;

        await Step(host).RunAsync(Context(tenant), Ct);

        var stored = Assert.Single(await StoredAsync(host));
        Assert.Equal((null, null), (stored.MonthlySavings, stored.AnnualSavings));
        Assert.Equal("Standard_D2s_v5", stored.TargetSku);
    }

    [Fact]
    public async Task AFailureOnTheSecondSubscription_KeepsEveryOldRow()
    {
        var tenant = Tenant();
        var items = FakeAdvisor.For(tenant).ToList();
        var fail = false;
        var (azure, host) = await StartAsync(tenant, app =>
        {
            // The second subscription answers 403 once the test says so; the first still answers.
            ((IApplicationBuilder)app).Use(async (context, next) =>
            {
                if (fail && context.Request.Path.Value!.Contains(tenant.Subscriptions[1].Id, StringComparison.OrdinalIgnoreCase))
                {
                    await FakeAzureServer.Error(context, 403, "AuthorizationFailed", "The client does not have authorization to perform action 'Microsoft.Advisor/recommendations/read'.");
                    return;
                }
                await next(context);
            });
            FakeAdvisor.Map(app, tenant, items);
        });
        await using var _ = azure;
        await using var __ = host;
        await Step(host).RunAsync(Context(tenant), Ct);
        var before = await StoredAsync(host);
        Assert.NotEmpty(before);

        // Advisor changed its mind on the first subscription, but the second cannot be read: nothing is replaced.
        items.Clear();
        fail = true;
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => Step(host).RunAsync(Context(tenant), Ct));

        Assert.Equal(403, e.Status);
        Assert.Equal(before.Select(Key), (await StoredAsync(host)).Select(Key));
    }

    [Fact]
    public async Task RunTwice_GivesTheSameRows()
    {
        var tenant = Tenant();
        var (azure, host) = await StartAsync(tenant);
        await using var _ = azure;
        await using var __ = host;

        await Step(host).RunAsync(Context(tenant), Ct);
        var first = (await StoredAsync(host)).Select(Key).ToList();
        await Step(host).RunAsync(Context(tenant), Ct);
        var second = (await StoredAsync(host)).Select(Key).ToList();

        Assert.Equal(first, second);
        Assert.Equal(FakeAdvisor.For(tenant).Count(r => r.Category == "Cost"), second.Count);
    }

    [Fact]
    public async Task ASubscriptionNoLongerInScope_KeepsItsRows_WhileTheSyncedOnesAreReplaced()
    {
        var tenant = Tenant();
        var (azure, host) = await StartAsync(tenant);
        await using var _ = azure;
        await using var __ = host;
        await Step(host).RunAsync(Context(tenant), Ct);
        var second = tenant.Subscriptions[1].Id.ToLowerInvariant();
        var secondRows = (await StoredAsync(host)).Where(a => a.SubscriptionId == second).Select(Key).ToList();

        var onlyFirst = new AzureSyncContext([new AzureSubscription(tenant.Subscriptions[0].Id.ToLowerInvariant(), "Production")], Now, new Progress<string>());
        await Step(host).RunAsync(onlyFirst, Ct);

        Assert.Equal(secondRows, (await StoredAsync(host)).Where(a => a.SubscriptionId == second).Select(Key));
    }

    private static string Key(AdvisorRecommendation a) =>
        $"{a.Id}|{a.ResourceId}|{a.SubscriptionId}|{a.RecommendationTypeId}|{a.CurrentSku}|{a.TargetSku}|{a.MonthlySavings}|{a.AnnualSavings}|{a.Term}|{a.Problem}";
}

public sealed class SqliteAdvisorStepTests : AdvisorStepTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresAdvisorStepTests : AdvisorStepTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
