using CostSense.Core.Anomalies;
using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostSense.Tests.Anomalies;

/// <summary>The detector's thresholds are settings, checked on start: a bad one stops the app naming it.</summary>
public sealed class AnomalyOptionsTests
{
    [Theory]
    [InlineData("CostSense:Anomalies:MinFactor", "1", "MinFactor")]
    [InlineData("CostSense:Anomalies:MinExcessPerDay", "-1", "MinExcessPerDay")]
    [InlineData("CostSense:Anomalies:LookbackDays", "3", "LookbackDays")]
    [InlineData("CostSense:Anomalies:LevelShiftPersistDays", "4", "LevelShiftPersistDays")]
    [InlineData("CostSense:Anomalies:MinBaselineSamples", "12", "MinBaselineSamples")]
    [InlineData("CostSense:Anomalies:TagKeys:0", " ", "TagKeys")]
    public async Task Start_WithAnInvalidThreshold_FailsNamingIt(string key, string value, string named)
    {
        using var host = CoreHost.Builder(Path.GetTempPath(), new Dictionary<string, string?> { [key] = value }).Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void Settings_ReachTheDetector()
    {
        using var host = CoreHost.Builder(Path.GetTempPath(), new Dictionary<string, string?>
        {
            ["CostSense:Anomalies:MinFactor"] = "2.5", ["CostSense:Anomalies:TagKeys:0"] = "Team",
        }).Build();

        var o = host.Services.GetRequiredService<IOptions<AnomalyOptions>>().Value;

        Assert.Equal((2.5, 10m, 120), (o.MinFactor, o.MinExcessPerDay, o.LookbackDays));
        Assert.Equal(["Team"], o.TagKeys);
    }
}
