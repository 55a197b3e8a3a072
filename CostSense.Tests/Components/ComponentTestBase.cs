using Bunit;
using CostSense.Core.Access;
using CostSense.Web.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace CostSense.Tests.Components;

/// <summary>
/// The one bUnit setup every component test shares: MudBlazor's JS calls answered loosely, and no popover
/// provider required (the layout provides it in the app, not the component under test), and the app's own
/// authorization policies over a test user who is an Analyst unless a test says otherwise.
/// </summary>
public abstract class ComponentTestBase : BunitContext
{
    protected ComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddAuthorizationBuilder().AddPermissionPolicies();
        // bUnit puts a placeholder in front of the real authorization service; the real one judges here.
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(Authentication);
        Services.AddScoped<CurrentActor>();
        Authentication.SignInAs(AppRoles.Analyst);
    }

    protected TestAuthentication Authentication { get; } = new();

    /// <summary>
    /// Stubs the dashboard's anomalies, budgets and showback cards: they load their own data from the store and have their
    /// own tests, so a test of the dashboard's cost widgets (over a fake dashboard service) need not give them one.
    /// </summary>
    protected void StubDashboardCards()
    {
        ComponentFactories.AddStub<CostSense.Web.Components.Pages.Anomalies.AnomaliesCard>();
        ComponentFactories.AddStub<CostSense.Web.Components.Pages.Budgets.BudgetStatusCard>();
        ComponentFactories.AddStub<CostSense.Web.Components.Pages.Showback.ShowbackCard>();
    }

    /// <summary>Render as on a live circuit (components that wait for interactivity read this). Call after adding services.</summary>
    protected void OnLiveCircuit() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));
}
