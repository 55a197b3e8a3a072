using Microsoft.AspNetCore.DataProtection;

namespace CostSense.Web.Startup;

/// <summary>
/// Loads the data-protection key ring during start-up, under the store-startup lease, so its first key is made by one
/// instance. Two instances starting together on an empty store would otherwise each make a key and each sign cookies
/// with its own, and an instance that cached its ring before the other's key was stored rejects that instance's cookies
/// until its ring is next refreshed (hours).
/// </summary>
internal sealed class KeyRingStartup(IDataProtectionProvider protection) : IStoreStartupStep
{
    public Task RunAsync(CancellationToken ct)
    {
        // Protecting anything reads the ring from the store, and makes and stores its first key when there is none.
        protection.CreateProtector("CostSense.Startup.KeyRing").Protect([0]);
        return Task.CompletedTask;
    }
}
