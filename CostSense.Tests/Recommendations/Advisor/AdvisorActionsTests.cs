using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations.Advisor;
using CostSense.Core.Recommendations.CostOnly;
using CostSense.Core.Sources.Azure;

namespace CostSense.Tests.Recommendations.Advisor;

/// <summary>Advisor's recommendations read into actions, and compared with CostSense's one at a time, on constructed rows.</summary>
public sealed class AdvisorActionsTests
{
    private const string Vm = "/subscriptions/s1/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm-1";

    public static AdvisorRecommendation Advisor(string? target, string typeId = AdvisorActions.LowUsageVm, string problem = "Right-size or shutdown underutilized virtual machines",
        string? term = null, decimal? monthly = 40m, string id = "a1", string resourceId = Vm) => new()
    {
        Id = $"{resourceId}/providers/Microsoft.Advisor/recommendations/{id}", ResourceId = resourceId, SubscriptionId = "s1",
        RecommendationTypeId = typeId, Problem = problem, Solution = problem, TargetSku = target, Term = term, MonthlySavings = monthly,
    };

    public static Recommendation Ours(RecommendationAction action, string target, string id = "r1", string resourceId = Vm) => new()
    {
        Id = id, ResourceId = resourceId, ResourceName = "vm-1", SubscriptionId = "s1", ResourceGroup = "rg", Region = "westeurope",
        Kind = RecommendationKind.Compute, Action = action, Current = "Standard_D4s_v5", Target = target, Rationale = "", Command = "",
    };

    [Theory]
    [InlineData("Standard_D2s_v5", AdvisorActionKind.Resize)]
    [InlineData("Shutdown", AdvisorActionKind.Shutdown)]
    [InlineData(null, AdvisorActionKind.ResizeOrShutdown)]
    public void LowUsageVm_ReadsItsTargetSku(string? target, AdvisorActionKind expected) =>
        Assert.Equal(expected, AdvisorActions.Of(Advisor(target)));

    [Theory]
    [InlineData(AdvisorActions.VmReservedInstance, "Buy virtual machine reserved instances to save money over pay-as-you-go costs", AdvisorActionKind.Reserve)]
    [InlineData("00000000-0000-0000-0000-000000000001", "Consider Cosmos DB reserved capacity to save over your pay-as-you-go costs", AdvisorActionKind.Reserve)]
    [InlineData("00000000-0000-0000-0000-000000000002", "Consider virtual machine scale set savings plan", AdvisorActionKind.SavingsPlan)]
    [InlineData("00000000-0000-0000-0000-000000000003", "Delete unassociated public IP addresses to save money", AdvisorActionKind.Shutdown)]
    [InlineData("00000000-0000-0000-0000-000000000004", "Use lifecycle management", AdvisorActionKind.Lifecycle)]
    [InlineData("00000000-0000-0000-0000-000000000005", "Configure automatic renewal for your expiring reservation", AdvisorActionKind.Reserve)]
    [InlineData("00000000-0000-0000-0000-000000000006", "Use Standard Storage to store Managed Disks snapshots", AdvisorActionKind.Other)]
    public void OtherTypes_AreReadFromTheirWords(string typeId, string problem, AdvisorActionKind expected) =>
        Assert.Equal(expected, AdvisorActions.Of(Advisor(null, typeId, problem)));

    [Fact]
    public void ResizeToTheSameSize_Agrees_WhateverTheCase()
    {
        var opinion = AdvisorComparison.Compare(Ours(RecommendationAction.Resize, "Standard_D2s_v5"), [Advisor("standard_d2s_v5")]);

        Assert.Equal(AdvisorVerdict.Agrees, opinion!.Verdict);
    }

    [Fact]
    public void ResizeToAnotherSize_Differs_WithBothTargets()
    {
        var opinion = AdvisorComparison.Compare(Ours(RecommendationAction.Resize, "Standard_D4s_v5"), [Advisor("Standard_D2s_v5")])!;

        Assert.Equal((AdvisorVerdict.Differs, "Standard_D2s_v5", "Standard_D4s_v5"), (opinion.Verdict, opinion.AdvisorTarget, opinion.OurTarget));
    }

    [Theory]
    [InlineData(RecommendationAction.Deallocate, "deallocated")]
    [InlineData(RecommendationAction.Delete, "deleted")]
    public void AnIdleVm_AgreesWithAdvisorsShutdown(RecommendationAction action, string target)
    {
        Assert.Equal(AdvisorVerdict.Agrees, AdvisorComparison.Compare(Ours(action, target), [Advisor("Shutdown")])!.Verdict);
        Assert.Equal(AdvisorVerdict.Agrees, AdvisorComparison.Compare(Ours(action, target), [Advisor(null)])!.Verdict);
        var resize = AdvisorComparison.Compare(Ours(action, target), [Advisor("Standard_D2s_v5")])!;
        Assert.Equal((AdvisorVerdict.Differs, "Standard_D2s_v5", target), (resize.Verdict, resize.AdvisorTarget, resize.OurTarget));
    }

    [Fact]
    public void ShutdownAgainstOurResize_Differs()
    {
        var opinion = AdvisorComparison.Compare(Ours(RecommendationAction.Resize, "Standard_D2s_v5"), [Advisor("Shutdown")])!;

        Assert.Equal((AdvisorVerdict.Differs, "shut down"), (opinion.Verdict, opinion.AdvisorTarget));
    }

    [Theory]
    [InlineData(RecommendationAction.Reserve3Year, "P3Y", AdvisorVerdict.Agrees)]
    [InlineData(RecommendationAction.Reserve3Year, null, AdvisorVerdict.Agrees)]
    [InlineData(RecommendationAction.Reserve1Year, "P3Y", AdvisorVerdict.Differs)]
    [InlineData(RecommendationAction.Reserve1Year, "P1Y", AdvisorVerdict.Agrees)]
    public void AReservation_AgreesWhenTheTermDoesOrIsNotGiven(RecommendationAction action, string? term, AdvisorVerdict expected)
    {
        var advisor = Advisor("Standard_D4s_v5", AdvisorActions.VmReservedInstance, "Buy virtual machine reserved instances to save money over pay-as-you-go costs", term);

        Assert.Equal(expected, AdvisorComparison.Compare(Ours(action, "Standard_D4s_v5 reservation"), [advisor])!.Verdict);
    }

    [Fact]
    public void OneAgreeingAmongSeveral_Agrees_AndNoneOnTheResource_IsNoOpinion()
    {
        var ours = Ours(RecommendationAction.Resize, "Standard_D2s_v5");

        Assert.Equal(AdvisorVerdict.Agrees, AdvisorComparison.Compare(ours, [Advisor("Shutdown", id: "a", monthly: 500m), Advisor("Standard_D2s_v5", id: "b", monthly: null)])!.Verdict);
        Assert.Null(AdvisorComparison.Compare(ours, []));
    }

    [Fact]
    public void TheInventorySourceTheGridsRead_IsTheOneLiveAzureWrites() =>
        Assert.Equal(AzureSources.Inventory, DataBasisReader.AzureInventorySource);
}
