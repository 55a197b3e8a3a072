using Microsoft.AspNetCore.DataProtection;

namespace CostSense.Web.Startup;

/// <summary>
/// Makes sure the store holds the data-protection key ring (sign-in cookies, anti-forgery tokens, stored secrets) before
/// the app serves. It runs among the start-up steps, under the store-startup lease: of several instances starting
/// together on an empty store, the first creates the key and the others, one after another, find it, where each would
/// otherwise create a key of its own on its first request (harmless, as each reads the others' when it meets them, but
/// a key ring that grows with every cold start of a farm).
/// </summary>
internal sealed class KeyRingStartup(IDataProtectionProvider protection) : IStoreStartupStep
{
    public Task RunAsync(CancellationToken ct)
    {
        // Protecting anything loads the key ring, creating its first key when the store has none.
        protection.CreateProtector("CostSense.Startup.KeyRing").Protect([0]);
        return Task.CompletedTask;
    }
}
