using CostSense.Core.Data;
using CostSense.Tests.Infrastructure;
using Mono.Cecil;

namespace CostSense.Tests.Architecture;

/// <summary>
/// CostSense.Core's folders in layer order: a folder may use its own namespace and the ones below it, never one above,
/// so there is no cycle between folders. A new folder fails here until it is placed in the order.
/// </summary>
public sealed class CoreLayeringTests
{
    /// <summary>Bottom to top. A sub-namespace belongs to its folder unless it is listed itself (Data.Entities is).</summary>
    public static readonly string[] BottomToTop =
    [
        "Money",            // formatting amounts; uses nothing in Core
        "Csv",              // CSV cells for downloads (formula neutralisation); uses nothing in Core
        "Caching",          // the query cache over IDistributedCache
        "Data.Entities",    // the persisted types and their enums, Identity's user included: plain classes
        "Data",             // the DbContext, one configuration per entity, migrations, period versions, bulk insert, store options
        "Leases",           // job leases in the store: background work runs on one instance of several
        "Access",           // actors, roles, permissions, and the check against the accounts in the store
        "Catalog",          // VM sizes and storage prices
        "Audit",            // the audit trail
        "Costs",            // cost rows, rollups, the dashboard and insights
        "Inventory",        // VMs, storage accounts and their metrics
        "Recommendations",  // the rules (Compute, Storage), the engine and the service
        "Conversations",    // the assistant's stored chats
        "Operations",       // what an operator sees about the store
        "Reports",          // the executive summary: the screen's figures laid out as a PDF, and its e-mail delivery
        "Anomalies",        // anomalies at every scope with their drivers, and their triage
        "Budgets",          // budgets per scope and month, their status and threshold crossings
        "Showback",         // cost by any tag key, allocation rules for shared cost, the chargeback table
        "Notifications",    // channels (webhooks, Teams, Slack, e-mail), the outbox with retries and its delivery log
        "Alerts",           // after every data change: detect anomalies, evaluate budgets, queue and deliver alerts
        "Imports",          // cost files: containers, manifests, CSV and Parquet, format detection, rows mapped into CostRecord
        "Sources.Demo",     // the demo tenant: writes costs and inventory
        "Sources.Azure",    // live Azure: inventory, metrics, costs, prices and Advisor, synced into the store
        "Assistant",        // the cost assistant and its tools: reads everything below
        "",                 // CostSense.Core itself: DependencyInjection registers everything
    ];

    private static readonly LayerRules Rules = new("CostSense.Core", BottomToTop);
    private static string CoreAssembly => typeof(CostSenseDbContext).Assembly.Location;

    [Fact]
    public void CoreTypes_ReferOnlyToTheirOwnLayerOrLowerOnes()
    {
        var report = LayerChecker.Check(CoreAssembly, Rules);

        Assert.True(report.IsClean, "Core's layering is broken (layers bottom to top: " + string.Join(", ", BottomToTop.Select((_, i) => Rules.NameOf(i))) + "):\n" + report);
    }

    [Fact]
    public void CoreSources_UseOnlyTheirOwnLayerOrLowerOnes()
    {
        var files = UsingDirectiveChecker.SourceFiles(Path.Combine(AppProcess.RepositoryRoot, "CostSense.Core")).ToList();
        Assert.NotEmpty(files);

        var report = UsingDirectiveChecker.Check(files, Rules);

        Assert.True(report.IsClean, "A using line in Core reaches up:\n" + report);
    }

    [Fact]
    public void TheAssistant_ReachesTheStoreOnlyThroughFeatureServices()
    {
        // Entities may pass through the tools as results; the DbContext and the store's plumbing may not.
        using var module = ModuleDefinition.ReadModule(CoreAssembly);
        var (assistant, data) = (Array.IndexOf(BottomToTop, "Assistant"), Array.IndexOf(BottomToTop, "Data"));
        var offenders = module.Types
            .Where(t => Rules.IsInside(t.Namespace) && Rules.IndexOf(t.Namespace) == assistant)
            .SelectMany(t => TypeReferences.Of(t).Where(r => Rules.IsInside(r.Namespace) && Rules.IndexOf(r.Namespace) == data)
                .Select(r => $"{t.FullName} -> {r.FullName}"))
            .ToList();

        Assert.True(offenders.Count == 0, "The assistant uses the store directly; go through a feature service:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void EveryLayer_HoldsCoreTypes()
    {
        // Keeps the order honest: a layer that lost its last type is taken out of the list, not left to match a future folder.
        using var module = ModuleDefinition.ReadModule(CoreAssembly);
        var used = module.Types.Where(t => Rules.IsInside(t.Namespace)).Select(t => Rules.IndexOf(t.Namespace)).OfType<int>().ToHashSet();

        var empty = Enumerable.Range(0, BottomToTop.Length).Where(i => !used.Contains(i)).Select(Rules.NameOf).ToList();
        Assert.True(empty.Count == 0, "Layers with no types: " + string.Join(", ", empty));
    }
}
