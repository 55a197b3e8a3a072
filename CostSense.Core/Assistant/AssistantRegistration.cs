using CostSense.Core.Assistant.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Core.Assistant;

internal static class AssistantRegistration
{
    /// <summary>
    /// The cost assistant: one Ollama connection, the specialists' tools, the queue, and the orchestrator with its
    /// collaborators (limits, conversations, router, answer turn, failure wording).
    /// </summary>
    public static IServiceCollection AddCostAssistant(this IServiceCollection services) => services
        .AddSingleton<OllamaConnection>()
        .AddSingleton<OllamaStatusProbe>()
        .AddSingleton<AssistantQueue>()
        .AddSingleton<RecommendationRows>()
        .AddSingleton<CostAnalystTools>()
        .AddSingleton<ComputeOptimizerTools>()
        .AddSingleton<StorageOptimizerTools>()
        .AddSingleton<FinOpsAdvisorTools>()
        .AddSingleton<SpecialistCatalog>()
        .AddSingleton<QuickAnswers>()
        .AddSingleton<AnswerLimits>()
        .AddSingleton<AssistantConversations>()
        .AddSingleton<SpecialistRouter>()
        .AddSingleton<AnswerTurn>()
        .AddSingleton<AnswerFailures>()
        .AddSingleton<ICostAssistant, CostAssistant>();
}
