using System.ComponentModel.DataAnnotations;
using CostSense.Tests.Infrastructure;
using CostSense.Web.Account.Entra;
using Microsoft.Extensions.Options;

namespace CostSense.Tests.Account;

public sealed class EntraOptionsTests
{
    private const string Client = "3b9d2c1a-6e5f-4a7b-8c9d-0e1f2a3b4c5d";

    private static IReadOnlyList<string> Problems(EntraOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    [Fact]
    public void WithoutAClientId_NothingIsRequired()
    {
        var options = new EntraOptions();

        Assert.False(options.Enabled);
        Assert.Empty(Problems(options));
        Assert.Equal(("https://login.microsoftonline.com/", "/signin-oidc"), (options.Instance, options.CallbackPath));
    }

    [Theory]
    [InlineData("7c0f6a5e-2d1b-4f3a-9e8d-5b4c3a291807")]
    [InlineData("contoso.onmicrosoft.com")]
    [InlineData("costs.contoso.com")]
    public void WithAClientId_ATenantIdOrDomain_IsValid(string tenant) =>
        Assert.Empty(Problems(new EntraOptions { ClientId = Client, TenantId = tenant }));

    [Theory]
    [InlineData(null, "AzureAd:TenantId is required")]
    [InlineData("common", "AzureAd:TenantId must be one directory")]
    [InlineData("organizations", "AzureAd:TenantId must be one directory")]
    [InlineData("not a tenant.com", "AzureAd:TenantId must be one directory")]
    public void WithAClientId_AMissingOrMultiTenantTenantId_IsRefused(string? tenant, string problem) =>
        Assert.Contains(Problems(new EntraOptions { ClientId = Client, TenantId = tenant }), p => p.StartsWith(problem, StringComparison.Ordinal));

    [Theory]
    [InlineData("http://login.microsoftonline.com/")]
    [InlineData("login.microsoftonline.com")]
    [InlineData("https://login.microsoftonline.com/?x=1")]
    public void AnInstanceThatIsNotAnAbsoluteHttpsUrl_IsRefused(string instance) =>
        Assert.Contains(Problems(new EntraOptions { ClientId = Client, TenantId = "contoso.com", Instance = instance }), p => p.StartsWith("AzureAd:Instance", StringComparison.Ordinal));

    [Fact]
    public void AClientIdThatIsNotAGuid_OrACallbackOffSite_IsRefused()
    {
        var problems = Problems(new EntraOptions { ClientId = "my-app", TenantId = "contoso.com", CallbackPath = "//evil.example/cb" });

        Assert.Contains(problems, p => p.StartsWith("AzureAd:ClientId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("AzureAd:CallbackPath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithAClientIdButNoTenant_FailsNamingTheSetting()
    {
        var ex = await TestApp.FailsToStartAsync<OptionsValidationException>(new Dictionary<string, string?> { ["AzureAd:ClientId"] = Client }, builder =>
        {
            CostSense.Core.DependencyInjection.AddCostSenseCore(builder);
            CostSense.Web.WebRegistration.AddCostSenseWeb(builder);
        });

        Assert.Contains("AzureAd:TenantId", ex.Message);
    }
}
