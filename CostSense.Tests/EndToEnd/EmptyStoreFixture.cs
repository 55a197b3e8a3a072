using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.EndToEnd;

/// <summary>The app over an empty store that stays empty until someone asks for the demo tenant.</summary>
public sealed class EmptyStoreFixture : WebAppFixture
{
    protected override TestAppOptions Options => base.Options with { DemoData = false };
}
