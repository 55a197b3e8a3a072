using System.Globalization;
using System.Text;
using CostSense.Core.Assistant.Tools;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CostSense.Core.Assistant;

/// <summary>
/// The four specialists' tools and system prompts. Tools are Semantic Kernel plugins over the Core services, turned
/// into AI functions once and named by their plain function names ("get_vm_recommendations"), the names the
/// prompts and the panel use.
/// </summary>
public sealed class SpecialistCatalog
{
    private readonly Dictionary<SpecialistKind, IReadOnlyList<AIFunction>> _tools;

    public SpecialistCatalog(CostAnalystTools cost, ComputeOptimizerTools compute, StorageOptimizerTools storage, FinOpsAdvisorTools finops)
    {
        // A kernel function is an AI function itself; these need nothing from a kernel's services.
        static IReadOnlyList<AIFunction> Functions(object tools, string plugin) => KernelPluginFactory.CreateFromObject(tools, plugin)
            .Select(f => (AIFunction)new NamedFunction(f, f.Name)).ToList();
        _tools = new()
        {
            [SpecialistKind.Orchestrator] = [],
            [SpecialistKind.CostAnalyst] = Functions(cost, "cost"),
            [SpecialistKind.ComputeOptimizer] = Functions(compute, "compute"),
            [SpecialistKind.StorageOptimizer] = Functions(storage, "storage"),
            [SpecialistKind.FinOpsAdvisor] = Functions(finops, "finops"),
        };
    }

    public IReadOnlyList<AIFunction> ToolsOf(SpecialistKind kind) => _tools[kind];

    /// <summary>The specialist's system prompt, with the dates a question like "last Tuesday" needs.</summary>
    public static string PromptOf(SpecialistKind kind, DateOnly today, DateOnly? dataUntil)
    {
        var role = kind switch
        {
            SpecialistKind.CostAnalyst => "the cost analyst of CostSense, an Azure cost workbench. You explain spend: month to date, trends, breakdowns by service, resource group, subscription, region and tag, single days, anomalies and the forecast to month end.",
            SpecialistKind.ComputeOptimizer => "the compute optimizer of CostSense, an Azure cost workbench. You advise on virtual machines: right-sizing, deallocating idle VMs, deleting long-deallocated ones, reservations and VMs that need a bigger size.",
            SpecialistKind.StorageOptimizer => "the storage optimizer of CostSense, an Azure cost workbench. You advise on storage accounts: access tiers, lifecycle policies and replication.",
            SpecialistKind.FinOpsAdvisor => "the FinOps advisor of CostSense, an Azure cost workbench. You advise on savings, ROI, payback, reservations (1 and 3 years), the remediation plan and budgets (status this month).",
            _ => "the cost assistant of CostSense, an Azure cost workbench. You can answer questions about this tenant's spend, trends, anomalies, VM and storage recommendations, savings, reservations, ROI and payback.",
        };
        var prompt = new StringBuilder($"You are {role}\n");
        prompt.Append(CultureInfo.InvariantCulture, $"Today is {today.DayOfWeek} {today:yyyy-MM-dd}.");
        if (dataUntil is { } until) prompt.Append(CultureInfo.InvariantCulture, $" Cost data runs to {until:yyyy-MM-dd}.");
        prompt.Append(" The last two weeks: ");
        prompt.AppendJoin(", ", Enumerable.Range(1, 14).Select(i => today.AddDays(-i)).Select(d => $"{d.DayOfWeek} {d:yyyy-MM-dd}"));
        prompt.Append(".\n");
        prompt.Append(kind == SpecialistKind.Orchestrator
            ? "Reply briefly and kindly. You have no data tools in this reply: never state figures; suggest a question the user could ask instead."
            : """
              Rules:
              - Get every figure from your tools. Never invent, estimate or recompute numbers; quote amounts exactly as the tools return them (e.g. $1,077.26).
              - Call a tool whenever the question needs data. Dates are YYYY-MM-DD.
              - If a tool returns an error, correct the arguments once, or say what is missing.
              - Answer briefly: a sentence or two, then a short list or a small Markdown table. No preamble, no tool names, no JSON.
              """);
        return prompt.ToString();
    }

    /// <summary>What a specialist answering one part of a two-topic question is told, after its own prompt.</summary>
    public static string PartPrompt(string question, string part, string others) =>
        $"The user asked two things at once: \"{question}\". You answer only the part on your subject, \"{part}\"; " +
        $"the {others} answers the rest in the same reply. Do not repeat the question.\n";

    /// <summary>
    /// A kernel function offered under its own name ("get_vm_recommendations", not "compute_get_vm_recommendations").
    /// It is invoked without the caller's service provider: from one, Semantic Kernel would build a kernel of that
    /// provider's registered plugins, and these functions need none.
    /// </summary>
    private sealed class NamedFunction(AIFunction inner, string name) : DelegatingAIFunction(inner)
    {
        public override string Name => name;

        protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
            base.InvokeCoreAsync(new AIFunctionArguments(arguments) { Context = arguments.Context }, cancellationToken);
    }
}
