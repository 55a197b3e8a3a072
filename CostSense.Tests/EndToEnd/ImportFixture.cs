using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// The app for the import tests: no demo tenant, so every figure on the dashboard comes from the files the tests upload
/// (whatever the importer does about demo rows when real data arrives).
/// </summary>
public sealed class ImportFixture : WebAppFixture
{
    protected override TestAppOptions Options => base.Options with { DemoData = false };
}
