using MudBlazor;

namespace CostSense.Web.Components.Layout;

/// <summary>The one theme, shared by the app layout and the sign-in pages.</summary>
public static class AppTheme
{
    public static MudTheme Value { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#0b5cad", Secondary = "#00897b", AppbarBackground = "#0b3d6e" },
    };
}
