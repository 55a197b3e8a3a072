using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace CostSense.Tests.Components;

/// <summary>
/// The one bUnit setup every component test shares: MudBlazor's JS calls answered loosely, and no popover
/// provider required (the layout provides it in the app, not the component under test).
/// </summary>
public abstract class ComponentTestBase : BunitContext
{
    protected ComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);

    }

    /// <summary>Render as on a live circuit (components that wait for interactivity read this). Call after adding services.</summary>
    protected void OnLiveCircuit() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));
}
