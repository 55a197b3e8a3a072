using System.ComponentModel.DataAnnotations;
using CostSense.Core.Imports.Blobs;

namespace CostSense.Tests.Imports.Blobs;

public sealed class ExportContainerOptionsTests
{
    private static List<string> Errors(ExportContainerOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    [Fact]
    public void Disabled_NothingIsChecked() => Assert.Empty(Errors(new ExportContainerOptions()));

    [Theory]
    [InlineData("UseDevelopmentStorage=true", null)]
    [InlineData(null, "https://costs.blob.core.windows.net")]
    public void ExactlyOneWayToConnect_IsValid(string? connectionString, string? accountUrl) =>
        Assert.Empty(Errors(new ExportContainerOptions { Enabled = true, ConnectionString = connectionString, AccountUrl = accountUrl, Container = "exports" }));

    [Theory]
    [InlineData(null, null)]
    [InlineData("UseDevelopmentStorage=true", "https://costs.blob.core.windows.net")]
    public void NeitherOrBoth_IsRefused(string? connectionString, string? accountUrl) =>
        Assert.Contains(Errors(new ExportContainerOptions { Enabled = true, ConnectionString = connectionString, AccountUrl = accountUrl, Container = "exports" }),
            e => e.Contains("exactly one of ConnectionString", StringComparison.Ordinal));

    [Fact]
    public void AnAccountUrlThatIsNotHttp_IsRefused() =>
        Assert.Contains(Errors(new ExportContainerOptions { Enabled = true, AccountUrl = "costs.blob.core.windows.net", Container = "exports" }),
            e => e.Contains("is not an http(s) URL", StringComparison.Ordinal));

    [Theory]
    [InlineData("")]
    [InlineData("ex")]
    [InlineData("Exports")]
    [InlineData("cost_exports")]
    [InlineData("-exports")]
    [InlineData("exports-")]
    [InlineData("cost--exports")]
    public void ContainerNamesAzureRefuses_AreRefused(string container) =>
        Assert.Contains(Errors(new ExportContainerOptions { Enabled = true, ConnectionString = "UseDevelopmentStorage=true", Container = container }),
            e => e.Contains("is not a container name", StringComparison.Ordinal));

    [Fact]
    public void AScheduleUnderFiveMinutes_IsRefused() =>
        Assert.Contains(Errors(new ExportContainerOptions { Enabled = true, ConnectionString = "UseDevelopmentStorage=true", Container = "exports", ScheduleInterval = TimeSpan.FromMinutes(1) }),
            e => e.Contains("ScheduleInterval", StringComparison.Ordinal));
}
