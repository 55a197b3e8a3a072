using CostSense.Core.Assistant;
using CostSense.Core.Assistant.Routing;

namespace CostSense.Tests.Assistant.Routing;

/// <summary>
/// The rules' mechanics, one at a time: phrases over words, spend versus action, typos, two-topic clauses, and when
/// they are unsure. <see cref="RoutingTableTests"/> holds the questions analysts actually ask.
/// </summary>
public sealed class QuestionRouterTests
{
    private readonly QuestionRouter _router = new();

    [Theory]
    // The misses: one strong word outweighed the question, jargon matched nothing, the bill beat the verbs.
    [InlineData("what's eating the budget in prod?", SpecialistKind.CostAnalyst)]
    [InlineData("should we buy RIs?", SpecialistKind.FinOpsAdvisor)]
    [InlineData("cheapest way to cut 20% off our azure bill?", SpecialistKind.FinOpsAdvisor)]
    [InlineData("Are we over budget this month?", SpecialistKind.FinOpsAdvisor)]
    [InlineData("SP or 1yr RI for the always-on stuff?", SpecialistKind.FinOpsAdvisor)]
    [InlineData("PAYG vs reserved for our SQL boxes", SpecialistKind.FinOpsAdvisor)]
    [InlineData("egress costs up?", SpecialistKind.CostAnalyst)]
    [InlineData("MoM change by subscription", SpecialistKind.CostAnalyst)]
    [InlineData("what's the running total this month?", SpecialistKind.CostAnalyst)] // "running" is a VM's state only alone
    [InlineData("chargeback by cost center for October", SpecialistKind.CostAnalyst)]
    [InlineData("any premium SSD disks we could drop to standard?", SpecialistKind.StorageOptimizer)]
    [InlineData("Which machines are underutilized and could go to B-series?", SpecialistKind.ComputeOptimizer)]
    [InlineData("can we turn off the dev/test VMs at night?", SpecialistKind.ComputeOptimizer)]
    [InlineData("What is the CPU utilization of vm-api-prod-03?", SpecialistKind.ComputeOptimizer)]
    [InlineData("is stlogsprod01 on the right tier?", SpecialistKind.StorageOptimizer)]
    public void RoutesTheWordsAnalystsUse(string question, SpecialistKind expected)
    {
        var decision = _router.Route(question);

        Assert.Equal([expected], decision.Specialists);
        Assert.True(decision.IsSure, decision.Reason);
    }

    [Theory]
    [InlineData("how much are we spending on storage?", SpecialistKind.CostAnalyst)]
    [InlineData("why did our VM spend jump yesterday?", SpecialistKind.CostAnalyst)]
    [InlineData("how can we cut our storage costs?", SpecialistKind.StorageOptimizer)]
    [InlineData("how do we reduce the VM bill?", SpecialistKind.ComputeOptimizer)]
    [InlineData("how do we lower our Azure bill?", SpecialistKind.FinOpsAdvisor)]
    [InlineData("can we save with reservations on our VMs?", SpecialistKind.FinOpsAdvisor)]
    public void SpendIsTheCostAnalysts_ActingOnItIsTheOptimizersOrTheAdvisors(string question, SpecialistKind expected) =>
        Assert.Equal([expected], _router.Route(question).Specialists);

    [Theory]
    [InlineData("storgae accounts on the hot tier", SpecialistKind.StorageOptimizer)]
    [InlineData("any reservaton we should buy?", SpecialistKind.FinOpsAdvisor)]
    [InlineData("were there anomolies last week", SpecialistKind.CostAnalyst)]
    [InlineData("whats the 30 day trned", SpecialistKind.CostAnalyst)]
    [InlineData("cpu utlization of the sql servers", SpecialistKind.ComputeOptimizer)]
    public void ReadsANearMissAsTheWordItMisses(string question, SpecialistKind expected) =>
        Assert.Equal([expected], _router.Route(question).Specialists);

    [Theory]
    [InlineData("Is rg-prod-data in good shape?", "shave")]
    [InlineData("Is there anything the same as last time?", "save")]
    [InlineData("Is there anything the same as last time?", "three")]
    public void DoesNotReadEverydayWordsAsTypos(string question, string notThisTerm)
    {
        var decision = _router.Route(question);

        Assert.DoesNotContain(notThisTerm, decision.Reason);
        Assert.DoesNotContain(SpecialistKind.FinOpsAdvisor, decision.Candidates);
    }

    [Fact]
    public void ATwoTopicQuestion_GoesToBothSpecialists_EachWithItsOwnClauses()
    {
        var decision = _router.Route("which VMs are idle, and can we also cut our blob costs?");

        Assert.True(decision.IsSure, decision.Reason);
        Assert.Equal(
            [new RoutePart(SpecialistKind.ComputeOptimizer, "which VMs are idle"), new RoutePart(SpecialistKind.StorageOptimizer, "can we also cut our blob costs")],
            decision.Parts);
    }

    [Theory]
    [InlineData("why did costs go up and how do we bring them down?", SpecialistKind.CostAnalyst, SpecialistKind.FinOpsAdvisor)]
    [InlineData("what's our forecast for month end? also, are any budgets at risk?", SpecialistKind.CostAnalyst, SpecialistKind.FinOpsAdvisor)]
    [InlineData("Move cold blobs to archive, then tell me which VMs to deallocate", SpecialistKind.StorageOptimizer, SpecialistKind.ComputeOptimizer)]
    public void TwoTopics_AreAnsweredInTheOrderAsked(string question, SpecialistKind first, SpecialistKind second) =>
        Assert.Equal([first, second], _router.Route(question).Specialists);

    [Theory]
    [InlineData("Which VMs should I resize and what would that save?")] // "that" is the VMs: the savings are the compute optimizer's
    [InlineData("accepted vs realized savings, MTD?")] // a bare qualifier is not a question of its own
    [InlineData("Show cost by region and by subscription")] // one specialist twice is one topic
    [InlineData("Can you summarise where the money went last quarter? It's for the leadership sync.")] // the audience is not a topic
    public void OneTopicWithTwoClauses_IsOneSpecialist(string question) =>
        Assert.Single(_router.Route(question).Parts);

    [Theory]
    [InlineData("Hello!")]
    [InlineData("thanks, that helps")]
    [InlineData("What can you do?")]
    [InlineData("ok cool, bye")] // "cool" is a tier only with a storage word near it
    [InlineData("hi")]
    public void SmallTalk_IsTheOrchestrators(string question)
    {
        var decision = _router.Route(question);

        Assert.Equal([SpecialistKind.Orchestrator], decision.Specialists);
        Assert.True(decision.IsSure);
    }

    [Theory]
    [InlineData("Tell me something interesting about our tenant")]
    [InlineData("Wie hoch sind unsere Kosten?")] // another language finds no English domain word
    public void NoDomainWord_IsUnsure_AndItsGuessIsTheOrchestrator_NotAFixedSpecialist(string question)
    {
        var decision = _router.Route(question);

        Assert.False(decision.IsSure);
        Assert.Equal([SpecialistKind.Orchestrator], decision.Specialists);
        Assert.Empty(decision.Candidates);
    }

    [Theory]
    [InlineData("Is rg-prod-data in good shape?")] // one weak word each
    [InlineData("how much do our VMs cost")] // spend and VMs, neither clearly
    [InlineData("storage and VMs")] // a tie with no clause of its own
    public void CloseOrWeakScores_AreUnsure_WithTheBestGuessFirst(string question)
    {
        var decision = _router.Route(question);

        Assert.False(decision.IsSure, decision.Reason);
        Assert.Equal(decision.Candidates[0], decision.Specialist);
        Assert.Single(decision.Parts);
    }
}
