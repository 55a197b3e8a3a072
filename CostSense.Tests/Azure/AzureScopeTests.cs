using Azure;
using CostSense.Core.Sources.Azure;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Azure;

/// <summary>The subscriptions a sync reads, through the real ArmClient and REST pipeline against the fake Azure over https.</summary>
public sealed class AzureScopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly FakeSubscription[] Subscriptions =
    [
        new("aaaaaaaa-0000-0000-0000-000000000001", "Production"),
        new("aaaaaaaa-0000-0000-0000-000000000002", "Development"),
        new("aaaaaaaa-0000-0000-0000-000000000003", "Sandbox"),
    ];

    [Fact]
    public async Task ConfiguredSubscriptions_AreFoundAcrossPages_WithTheirNames()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azure = await FakeAzureServer.StartAsync(app => FakeArm.MapSubscriptions(app, Subscriptions), ct);
        await using var host = await StartAsync(azure, azure.Settings([Subscriptions[2].Id, Subscriptions[0].Id.ToUpperInvariant()]));

        var resolved = await host.Get<AzureScope>().ResolveAsync(ct);

        Assert.Equal([("Production", Subscriptions[0].Id), ("Sandbox", Subscriptions[2].Id)], resolved.Select(s => (s.DisplayName, s.Id)));
        Assert.Equal(2, azure.Requests.Count(r => r.Path == "/subscriptions")); // three subscriptions, two a page
        Assert.All(azure.Requests, r => Assert.Equal("Bearer fake-token:https://management.azure.com/.default", r.Authorization));
    }

    [Fact]
    public async Task AManagementGroup_BringsItsSubscriptions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azure = await FakeAzureServer.StartAsync(app =>
        {
            FakeArm.MapSubscriptions(app, Subscriptions);
            FakeArm.MapManagementGroup(app, "contoso", Subscriptions[1..]);
        }, ct);
        await using var host = await StartAsync(azure, azure.Settings([], new Dictionary<string, string?> { ["CostSense:Azure:ManagementGroupId"] = "contoso" }));

        var resolved = await host.Get<AzureScope>().ResolveAsync(ct);

        Assert.Equal(["Development", "Sandbox"], resolved.Select(s => s.DisplayName));
        Assert.Equal("management group contoso", host.Get<AzureScope>().Describe());
    }

    [Fact]
    public async Task ASubscriptionTheIdentityCannotSee_IsNamedWithTheRoleItNeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azure = await FakeAzureServer.StartAsync(app => FakeArm.MapSubscriptions(app, Subscriptions[..1]), ct);
        const string unseen = "bbbbbbbb-0000-0000-0000-000000000009";
        await using var host = await StartAsync(azure, azure.Settings([Subscriptions[0].Id, unseen]));

        var e = await Assert.ThrowsAsync<AzureScopeException>(() => host.Get<AzureScope>().ResolveAsync(ct));

        Assert.Contains(unseen, e.Message);
        Assert.Contains("Reader role", e.Message);
    }

    [Fact]
    public async Task A401_IsWordedAsAWrongOrExpiredSecret()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azure = await FakeAzureServer.StartAsync(app =>
            app.MapGet("/subscriptions", c => FakeAzureServer.Error(c, 401, "InvalidAuthenticationToken", "The access token is invalid.")), ct);
        await using var host = await StartAsync(azure, azure.Settings([Subscriptions[0].Id]));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => host.Get<AzureScope>().ResolveAsync(ct));
        var words = AzureFailure.Describe(e, "the subscription list", "Reader", "subscription x");

        Assert.StartsWith("Azure refused the credential (401 InvalidAuthenticationToken)", words);
        Assert.Contains("CostSense:Azure:ClientSecret", words);
    }

    private static Task<CoreHost> StartAsync(FakeAzureServer azure, IDictionary<string, string?> settings) =>
        CoreHost.StartAsync(StoreKind.Sqlite, Now, settings, services: s => s.AddSingleton(azure.Setup));
}
