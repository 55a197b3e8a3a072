using System.Reflection;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostSense.Tests.Security;

public class LimitsTests
{
    [Theory]
    [InlineData("CostSense:Circuits:DisconnectedCircuitRetentionPeriod", "00:00:00", "DisconnectedCircuitRetentionPeriod")]
    [InlineData("CostSense:Circuits:DisconnectedCircuitMaxRetained", "-1", "DisconnectedCircuitMaxRetained")]
    [InlineData("CostSense:Circuits:MaxBufferedUnacknowledgedRenderBatches", "0", "MaxBufferedUnacknowledgedRenderBatches")]
    [InlineData("CostSense:Circuits:MaximumReceiveMessageBytes", "100000000", "MaximumReceiveMessageBytes")]
    [InlineData("CostSense:Circuits:MaximumParallelInvocationsPerClient", "0", "MaximumParallelInvocationsPerClient")]
    [InlineData("CostSense:Circuits:ClientTimeoutInterval", "00:00:10", "ClientTimeoutInterval")]
    [InlineData("CostSense:Circuits:HandshakeTimeout", "01:00:00", "HandshakeTimeout")]
    [InlineData("CostSense:Circuits:JSInteropDefaultCallTimeout", "00:00:00", "JSInteropDefaultCallTimeout")]
    [InlineData("CostSense:Requests:MaxRequestBodyBytes", "0", "MaxRequestBodyBytes")]
    [InlineData("CostSense:Requests:MaxUploadBytes", "-5", "MaxUploadBytes")]
    public async Task Start_WithAnInvalidLimit_FailsNamingTheSetting(string key, string value, string named)
    {
        // The hardening registration on a builder of its own and started directly: WebApplicationFactory can lose a
        // start-up exception to a race (its deferred host reads the app's already disposed services instead).
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { EnvironmentName = "Test" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration[key] = value;
        CostSense.Web.WebRegistration.AddCostSenseHardening(builder);

        // Kestrel's limits are read while the app is built, the others when it starts: either way it must not start.
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = builder.Build();
            await app.StartAsync(TestContext.Current.CancellationToken);
        });

        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public async Task Defaults_BoundCircuitsHubAndRequests_AndHideErrorDetailsOutsideDevelopment()
    {
        // DetailedErrors on in configuration, as a developer's settings file would have it: ignored in Test.
        await using var app = new HardenedApp(b => b.UseSetting("DetailedErrors", "true"));
        using var client = app.StartOnKestrel();
        var services = app.Factory.Services;

        var circuit = services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(3), circuit.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(100, circuit.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromSeconds(30), circuit.JSInteropDefaultCallTimeout);
        Assert.Equal(10, circuit.MaxBufferedUnacknowledgedRenderBatches);
        Assert.False(circuit.DetailedErrors);

        // What Blazor's own hub ends up with, after SignalR merged the hub-wide settings into it.
        var hub = BlazorHubOptions(services);
        Assert.Equal(32 * 1024, hub.MaximumReceiveMessageSize);
        Assert.Equal(1, hub.MaximumParallelInvocationsPerClient);
        Assert.Equal(TimeSpan.FromSeconds(30), hub.ClientTimeoutInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), hub.HandshakeTimeout);
        Assert.NotEqual(true, hub.EnableDetailedErrors);

        // The options the running Kestrel server was built from.
        var kestrel = services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        Assert.False(kestrel.AddServerHeader);
        Assert.Equal(1024 * 1024, kestrel.Limits.MaxRequestBodySize);
        Assert.Equal(100L * 1024 * 1024, services.GetRequiredService<IOptions<FormOptions>>().Value.MultipartBodyLengthLimit);
    }

    [Fact]
    public async Task Settings_OverrideTheLimits()
    {
        await using var app = new HardenedApp(b =>
        {
            b.UseSetting("CostSense:Circuits:DisconnectedCircuitMaxRetained", "7");
            b.UseSetting("CostSense:Circuits:MaximumReceiveMessageBytes", "65536");
            b.UseSetting("CostSense:Requests:MaxUploadBytes", "2097152");
        });
        var services = app.Factory.Services;

        Assert.Equal(7, services.GetRequiredService<IOptions<CircuitOptions>>().Value.DisconnectedCircuitMaxRetained);
        Assert.Equal(65536, BlazorHubOptions(services).MaximumReceiveMessageSize);
        Assert.Equal(2097152, services.GetRequiredService<IOptions<FormOptions>>().Value.MultipartBodyLengthLimit);
    }

    /// <summary>HubOptions&lt;ComponentHub&gt;: the hub type is internal to Blazor, so it is found by name.</summary>
    private static HubOptions BlazorHubOptions(IServiceProvider services)
    {
        var hub = typeof(CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub)));
        return (HubOptions)options.GetType().GetProperty(nameof(IOptions<HubOptions>.Value), BindingFlags.Public | BindingFlags.Instance)!.GetValue(options)!;
    }
}
