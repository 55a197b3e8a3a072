namespace CostSense.Core.Imports.Formats;

/// <summary>The families of cost file CostSense reads; each maps its rows into the FOCUS-shaped store its own way.</summary>
public enum CostFormatKind
{
    /// <summary>Azure Cost Management's FOCUS export (dataset <c>FocusCost</c>), with its <c>x_</c> columns.</summary>
    AzureFocusCost,

    /// <summary>FOCUS 1.0 or later from any provider (AWS, Oracle, Microsoft…), without Azure's extension columns.</summary>
    Focus,

    /// <summary>A classic Cost Management cost-details export (EA, MCA, PAYG) of actual cost: what was invoiced.</summary>
    ClassicActual,

    /// <summary>A classic Cost Management cost-details export of amortized cost: commitment purchases spread over their usage.</summary>
    ClassicAmortized,
}
