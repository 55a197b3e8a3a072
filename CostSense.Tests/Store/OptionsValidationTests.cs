using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostSense.Tests.Store;

public class OptionsValidationTests
{
    [Theory]
    [InlineData("CostSense:Cache:Expiry", "00:00:00", "Expiry")]
    [InlineData("CostSense:Demo:VirtualMachines", "-1", "VirtualMachines")]
    [InlineData("CostSense:Demo:MonthsOfHistory", "99", "MonthsOfHistory")]
    [InlineData("Ollama:BaseUrl", "ftp://models.local", "Ollama:BaseUrl")]
    [InlineData("Ollama:Temperature", "3", "Temperature")]
    [InlineData("Assistant:MaxConcurrent", "0", "MaxConcurrent")]
    [InlineData("Assistant:Timeout", "00:00:01", "Assistant:Timeout")]
    [InlineData("Assistant:MaxRetries", "11", "MaxRetries")]
    [InlineData("Assistant:OtlpEndpoint", "collector:4317", "Assistant:OtlpEndpoint")]
    [InlineData("CostSense:Imports:MaxDecompressedBytes", "0", "MaxDecompressedBytes")]
    public async Task Start_WithAnInvalidSetting_FailsNamingTheSetting(string key, string value, string named)
    {
        using var host = CoreHost.Builder(Path.GetTempPath(), new Dictionary<string, string?> { [key] = value }).Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void Defaults_AreTheOldPlansSwitches_DemoOnCacheOnForADay()
    {
        using var host = CoreHost.Builder(Path.GetTempPath()).Build();

        var cache = host.Services.GetRequiredService<IOptions<CostSense.Core.Caching.CacheOptions>>().Value;
        var demo = host.Services.GetRequiredService<IOptions<CostSense.Core.Sources.Demo.DemoTenantOptions>>().Value;
        Assert.True(cache.Enabled);
        Assert.Equal(TimeSpan.FromHours(24), cache.Expiry);
        Assert.True(demo.Enabled);
        Assert.Equal((3, 8, 60, 25, 13), (demo.Subscriptions, demo.ResourceGroups, demo.VirtualMachines, demo.StorageAccounts, demo.MonthsOfHistory));
    }
}
