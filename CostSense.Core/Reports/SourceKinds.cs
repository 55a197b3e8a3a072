using CostSense.Core.Data.Entities;

namespace CostSense.Core.Reports;

/// <summary>What a cost row's source is, in a reader's words.</summary>
public static class SourceKinds
{
    /// <summary>"Demo tenant" for the generated tenant, "Azure" for a live sync, "Imported cost exports" for files and export runs.</summary>
    public static string Describe(string source) =>
        source == KnownSources.Demo ? "Demo tenant"
        : source.StartsWith(KnownSources.AzurePrefix, StringComparison.Ordinal) ? "Azure"
        : "Imported cost exports";
}
