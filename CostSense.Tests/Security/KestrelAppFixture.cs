using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Security;

/// <summary>One app on Kestrel over https, shared by a test class, with a client signed in as the first admin.</summary>
public sealed class KestrelAppFixture : IAsyncLifetime
{
    private TestApp _app = null!;

    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await TestApp.StartAsync(new TestAppOptions { Server = AppServer.KestrelHttps });
        Client = _app.Client();
        await TestApp.SignInAsAdminAsync(Client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
