using System.ComponentModel;
using CostSense.Core.Data.Entities;
using Microsoft.SemanticKernel;

namespace CostSense.Core.Assistant.Tools;

/// <summary>The storage optimizer's tools: the storage recommendations grid and storage savings.</summary>
public sealed class StorageOptimizerTools(RecommendationRows rows)
{
    [KernelFunction("get_storage_recommendations"), Description("Open storage recommendations (access tier, lifecycle policy, replication) with their monthly savings, largest first, and the total.")]
    public async Task<string> GetStorageRecommendationsAsync(
        [Description("Only this resource group (optional)")] string? resourceGroup = null,
        [Description("Only one kind: access_tier, lifecycle or replication (optional)")] string? category = null,
        [Description("How many rows, 1-10 (default 5)")] int? top = null,
        CancellationToken ct = default)
    {
        var c = ToolArguments.Choice(category, "category", "access_tier", "lifecycle", "replication") switch
        {
            "access_tier" => RecommendationCategory.AccessTier,
            "lifecycle" => RecommendationCategory.Lifecycle,
            "replication" => RecommendationCategory.Replication,
            _ => (RecommendationCategory?)null,
        };
        return await rows.ListAsync(RecommendationKind.Storage, c, resourceGroup, ToolArguments.Top(top, 5, 10), ct);
    }

    [KernelFunction("get_storage_savings"), Description("Open storage savings by category (access tier, lifecycle, replication): counts, monthly and annual savings.")]
    public Task<string> GetStorageSavingsAsync(CancellationToken ct = default) => rows.SavingsAsync(RecommendationKind.Storage, ct);
}
