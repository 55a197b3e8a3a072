namespace CostSense.Core.Leases;

/// <summary>The jobs that claim a <see cref="JobLeases"/> lease, one name each: the rows an operator sees in JobLeases.</summary>
public static class JobNames
{
    /// <summary>The store's start-up work after migrations (roles and first admin, backfills, the demo tenant), one instance at a time.</summary>
    public const string StoreStartup = "store-startup";

    /// <summary>Generating the demo tenant into an empty store on start.</summary>
    public const string DemoSeed = "demo-seed";

    /// <summary>The alert check (detection, budgets, alerts, delivery) on its interval.</summary>
    public const string AlertCheck = "alert-check";

    /// <summary>The scheduled live Azure sync.</summary>
    public const string AzureSync = "azure-sync";

    /// <summary>The export container's scheduled read.</summary>
    public const string ExportSchedule = "export-container-schedule";

    /// <summary>Any read of the export container (the schedule's and "Import now"), one at a time across instances.</summary>
    public const string ExportRead = "export-container-read";

    /// <summary>Recomputing the recommendations: one instance computes, the others wait and then read its result.</summary>
    public const string RecommendationRecompute = "recommendation-recompute";
}
