namespace CostSense.Tests.Infrastructure;

/// <summary>One in-process app shared by a test class; a derived fixture may name settings of its own.</summary>
public class TestAppFixture : IAsyncLifetime
{
    public TestApp Instance { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync() => Instance = await TestApp.StartAsync(Settings);

    public async ValueTask DisposeAsync() => await Instance.DisposeAsync();
}
