using Bunit;
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
}
