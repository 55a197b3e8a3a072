namespace CostSense.Tests.Account;

/// <summary>The same app with no AzureAd:ClientSecret.</summary>
public sealed class EntraAppWithoutSecretFixture : EntraAppFixture
{
    protected override bool WithClientSecret => false;
}
