namespace CostSense.Core.Imports.Formats;

/// <summary>The <see cref="Data.Entities.CostRecord.Source"/> values imports write.</summary>
public static class ImportSources
{
    /// <summary>Rows from an imported FOCUS or Cost Management export file ("focus", as CostRecord documents).</summary>
    public const string File = "focus";
}
