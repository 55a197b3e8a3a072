using CostSense.Core.Assistant;

namespace CostSense.Tests.Assistant;

/// <summary>The rules route the questions analysts and managers actually ask, and say when they are unsure.</summary>
public sealed class QuestionRouterTests
{
    [Theory]
    [InlineData("Why did spend jump last Tuesday?", SpecialistKind.CostAnalyst)]
    [InlineData("What are my top cost drivers this month?", SpecialistKind.CostAnalyst)]
    [InlineData("Show me the breakdown by resource group for October", SpecialistKind.CostAnalyst)]
    [InlineData("What is the forecast to month end?", SpecialistKind.CostAnalyst)]
    [InlineData("Were there any cost anomalies in the last 90 days?", SpecialistKind.CostAnalyst)]
    [InlineData("How much did we spend in eastus2 compared with last month?", SpecialistKind.CostAnalyst)]
    [InlineData("Which subscription costs the most?", SpecialistKind.CostAnalyst)]
    [InlineData("Which VMs should I resize in rg-production?", SpecialistKind.ComputeOptimizer)]
    [InlineData("Are there idle virtual machines we could deallocate?", SpecialistKind.ComputeOptimizer)]
    [InlineData("What is the CPU utilization of vm-api-prod-03?", SpecialistKind.ComputeOptimizer)]
    [InlineData("Which machines are underutilized and could go to B-series?", SpecialistKind.ComputeOptimizer)]
    [InlineData("Which storage accounts should move to a cooler tier?", SpecialistKind.StorageOptimizer)]
    [InlineData("Do we have blobs that belong in the archive tier?", SpecialistKind.StorageOptimizer)]
    [InlineData("Should dev storage use LRS instead of RA-GRS replication?", SpecialistKind.StorageOptimizer)]
    [InlineData("Which accounts need a lifecycle policy?", SpecialistKind.StorageOptimizer)]
    [InlineData("What would reserving our steady VMs save over three years?", SpecialistKind.FinOpsAdvisor)]
    [InlineData("What is the ROI and payback of the open recommendations?", SpecialistKind.FinOpsAdvisor)]
    [InlineData("Give me a remediation plan to present to the CFO", SpecialistKind.FinOpsAdvisor)]
    [InlineData("Should we buy a savings plan or reserved instances?", SpecialistKind.FinOpsAdvisor)]
    [InlineData("How much have we realized so far?", SpecialistKind.FinOpsAdvisor)]
    [InlineData("Hello!", SpecialistKind.Orchestrator)]
    [InlineData("thanks, that helps", SpecialistKind.Orchestrator)]
    [InlineData("What can you do?", SpecialistKind.Orchestrator)]
    public void RoutesTheQuestionToTheSpecialistWhoseToolsAnswerIt(string question, SpecialistKind expected)
    {
        var decision = QuestionRouter.Route(question);

        Assert.Equal(expected, decision.Specialist);
        Assert.True(decision.IsSure, $"unsure: {decision.Reason}");
    }

    [Theory]
    [InlineData("Tell me something interesting about our tenant")]
    [InlineData("Is rg-prod-data in good shape?")]
    public void IsUnsure_WhenNoDomainWordDecides(string question)
    {
        var decision = QuestionRouter.Route(question);

        Assert.False(decision.IsSure);
        Assert.Equal(SpecialistKind.CostAnalyst, decision.Specialist);
    }

    [Fact]
    public void IsUnsure_WhenTwoSpecialistsTie()
    {
        var decision = QuestionRouter.Route("storage and VMs");

        Assert.False(decision.IsSure);
        Assert.Contains("tie", decision.Reason);
    }

    [Theory]
    [InlineData("storage", SpecialistKind.StorageOptimizer)]
    [InlineData("Compute.", SpecialistKind.ComputeOptimizer)]
    [InlineData(" finops", SpecialistKind.FinOpsAdvisor)]
    [InlineData("cost", SpecialistKind.CostAnalyst)]
    [InlineData("chat", SpecialistKind.Orchestrator)]
    [InlineData("I am not sure", null)]
    public void ReadsTheModelsOneWordChoice(string reply, SpecialistKind? expected) =>
        Assert.Equal(expected, QuestionRouter.ParseModelChoice(reply));
}
