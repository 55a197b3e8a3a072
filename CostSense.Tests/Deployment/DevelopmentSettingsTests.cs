using CostSense.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Deployment;

public class DevelopmentSettingsTests
{
    [Fact]
    public async Task InDevelopment_TheAppReadsAppSettingsDevelopmentJsonFromTheRepositoryRoot()
    {
        await using var app = TestApp.Start(new TestAppOptions { Environment = "Development" });

        var config = app.Services.GetRequiredService<IConfiguration>();

        // The root file shortens the cache expiry for developers; the app's own appsettings.json says 24 h.
        Assert.Equal("01:00:00", config["CostSense:Cache:Expiry"]);
        Assert.Equal("True", config["DetailedErrors"], ignoreCase: true);
    }
}
