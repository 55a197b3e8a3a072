using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Deployment;

public class DevelopmentSettingsTests
{
    [Fact]
    public void InDevelopment_TheAppReadsAppSettingsDevelopmentJsonFromTheRepositoryRoot()
    {
        var root = Directory.CreateTempSubdirectory("costsense-dev-").FullName;
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("CostSense:Store:SqlitePath", Path.Combine(root, "store.db"));
            b.UseSetting("CostSense:Demo:Enabled", "false");
        });

        var config = factory.Services.GetRequiredService<IConfiguration>();

        // The root file shortens the cache expiry for developers; the app's own appsettings.json says 24 h.
        Assert.Equal("01:00:00", config["CostSense:Cache:Expiry"]);
        Assert.Equal("True", config["DetailedErrors"], ignoreCase: true);
    }
}
