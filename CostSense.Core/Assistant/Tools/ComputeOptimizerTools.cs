using System.ComponentModel;
using CostSense.Core.Data.Entities;
using CostSense.Core.Inventory;
using CostSense.Core.Recommendations;
using Microsoft.SemanticKernel;

namespace CostSense.Core.Assistant.Tools;

/// <summary>The compute optimizer's tools: the VM recommendations grid, one VM's utilization, compute savings.</summary>
public sealed class ComputeOptimizerTools(RecommendationRows rows, IRecommendationService recommendations, InventoryStore inventory)
{
    [KernelFunction("get_vm_recommendations"), Description("Open VM recommendations (resize, deallocate, delete, reserve, scale up) with their monthly savings, largest first, and the total.")]
    public async Task<string> GetVmRecommendationsAsync(
        [Description("Only this resource group, e.g. rg-production (optional)")] string? resourceGroup = null,
        [Description("Only one kind: rightsize, shutdown, commitment or performance (optional)")] string? category = null,
        [Description("How many rows, 1-10 (default 5)")] int? top = null,
        CancellationToken ct = default)
    {
        var c = ToolArguments.Choice(category, "category", "rightsize", "shutdown", "commitment", "performance") switch
        {
            "rightsize" => RecommendationCategory.Rightsize,
            "shutdown" => RecommendationCategory.Shutdown,
            "commitment" => RecommendationCategory.Commitment,
            "performance" => RecommendationCategory.Performance,
            _ => (RecommendationCategory?)null,
        };
        return await rows.ListAsync(RecommendationKind.Compute, c, resourceGroup, ToolArguments.Top(top, 5, 10), ct);
    }

    [KernelFunction("get_vm_utilization"), Description("One VM's size, power state and CPU and memory use (average and 95th percentile) over the lookback window.")]
    public async Task<string> GetVmUtilizationAsync(
        [Description("The VM's name, e.g. vm-web-prod-01")] string vmName,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(vmName)) throw new ToolArgumentException("vmName is required.");
        var name = vmName.Trim();
        var vm = await inventory.FindVmByNameAsync(name, ct);
        if (vm is null)
        {
            var like = await inventory.VmNamesContainingAsync(name, 8, ct);
            throw new ToolArgumentException(like.Count > 0 ? $"There is no VM '{vmName}'. Did you mean: {string.Join(", ", like)}?" : $"There is no VM '{vmName}'.");
        }
        var days = await recommendations.UtilizationAsync(vm.ResourceId, ct);
        return ToolJson.Serialize(new
        {
            vm = vm.Name, resourceGroup = vm.ResourceGroup, size = vm.Size, vCpus = vm.VCpus, memoryGiB = vm.MemoryGiB,
            powerState = vm.PowerState.ToString(), days = days.Count,
            cpuAverage = days.Count == 0 ? null : $"{days.Average(d => d.CpuAverage):0.#}%",
            cpuP95 = days.Count == 0 ? null : $"{days.Max(d => d.CpuP95):0.#}%",
            memoryAverage = days.Count == 0 ? null : $"{days.Average(d => d.MemoryAverage):0.#}%",
            memoryP95 = days.Count == 0 ? null : $"{days.Max(d => d.MemoryP95):0.#}%",
        });
    }

    [KernelFunction("get_compute_savings"), Description("Open compute savings by category (shutdown, rightsize, commitment, performance): counts, monthly and annual savings.")]
    public Task<string> GetComputeSavingsAsync(CancellationToken ct = default) => rows.SavingsAsync(RecommendationKind.Compute, ct);
}
