using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Advisor;
using CostSense.Core.Recommendations.CostOnly;

namespace CostSense.Tests.Components;

/// <summary>Hand-made recommendations with round numbers, so a test can say exactly what should appear.</summary>
public static class RecommendationSamples
{
    public static Recommendation Vm(string name, decimal savings, RecommendationStatus status = RecommendationStatus.Open,
        RecommendationAction action = RecommendationAction.Resize, RecommendationCategory category = RecommendationCategory.Rightsize) => new()
    {
        Id = "rec-" + name,
        ResourceId = "/subscriptions/sub-1/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/" + name,
        ResourceName = name,
        SubscriptionId = "sub-1",
        ResourceGroup = "rg-app",
        Region = "westeurope",
        Kind = RecommendationKind.Compute,
        Category = category,
        Action = action,
        Current = "Standard_D8s_v5",
        Target = "Standard_D4s_v5",
        CurrentMonthlyCost = 280m,
        ProjectedMonthlyCost = 280m - savings,
        MonthlySavings = savings,
        AnnualSavings = savings * 12,
        Confidence = 4,
        EffortHours = 2,
        Rationale = $"CPU P95 of {name} stayed under 12% for 30 days.",
        Command = $"az vm resize --resource-group rg-app --name {name} --size Standard_D4s_v5",
        CpuP95 = 12,
        MemoryP95 = 35,
        LookbackDays = 30,
        Status = status,
    };

    public static Recommendation Account(string name, decimal savings) => new()
    {
        Id = "rec-" + name,
        ResourceId = "/subscriptions/sub-1/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/" + name,
        ResourceName = name,
        SubscriptionId = "sub-1",
        ResourceGroup = "rg-data",
        Region = "westeurope",
        Kind = RecommendationKind.Storage,
        Category = RecommendationCategory.AccessTier,
        Action = RecommendationAction.ChangeAccessTier,
        Current = "Hot",
        Target = "Cool",
        CurrentMonthlyCost = 100m,
        ProjectedMonthlyCost = 100m - savings,
        MonthlySavings = savings,
        AnnualSavings = savings * 12,
        Confidence = 3,
        EffortHours = 1,
        Rationale = "Read less than once a month.",
        Command = $"az storage account update --name {name} --access-tier Cool",
    };

    public static SavingsSummary Summary(IReadOnlyList<PlanStep>? plan = null) => new(
        "USD", OpenMonthlySavings: 1234.5m, OpenAnnualSavings: 14814m,
        [new CategorySavings(RecommendationCategory.Rightsize, 3, 1000m, 12000m, 6), new CategorySavings(RecommendationCategory.AccessTier, 2, 234.5m, 2814m, 2),
         new CategorySavings(RecommendationCategory.Performance, 1, -150m, -1800m, 1)],
        PerformanceRisks: 1, PerformanceRiskMonthlyCost: 150m, AcceptedMonthlySavings: 300m, RealizedMonthlySavings: 420m,
        OpenEffortHours: 8, HourlyRate: 100m, ImplementationCost: 800m, RoiPercent: 1751.75, PaybackMonths: 0.648, plan ?? []);
}

/// <summary>An in-memory <see cref="IRecommendationService"/> that filters a little, pages, and records the changes asked of it.</summary>
public sealed class FakeRecommendationService : IRecommendationService
{
    public List<Recommendation> Items { get; } = [];
    public SavingsSummary Summary { get; set; } = RecommendationSamples.Summary();
    public List<RecommendationEvent> History { get; } = [];
    public List<UtilizationPoint> Utilization { get; } = [];
    public Exception? Failure { get; set; }
    public List<RecommendationQuery> Queries { get; } = [];
    public List<(Actor Actor, IReadOnlyCollection<string> Ids, StatusChange Change)> Changes { get; } = [];

    public Task<RecommendationPage> QueryAsync(RecommendationQuery query, CancellationToken ct)
    {
        Fail();
        Queries.Add(query);
        var rows = Filter(query).ToList();
        var page = rows.Skip(query.Skip).Take(query.Take).ToList();
        return Task.FromResult(new RecommendationPage(page, rows.Count, rows.Sum(r => r.MonthlySavings))
        {
            HasAdvisorData = HasAdvisorData,
            Advisor = Opinions.Where(o => page.Any(r => r.Id == o.Key)).ToDictionary(),
            MetricsSources = MetricsSources.Where(m => page.Any(r => r.ResourceId == m.Key)).ToDictionary(),
        });
    }

    /// <summary>Whether the store the pages see holds Advisor data (the Advisor column and filter show only then).</summary>
    public bool HasAdvisorData { get; set; }

    /// <summary>Advisor's opinion by recommendation id, as the service would compare them.</summary>
    public Dictionary<string, AdvisorOpinion> Opinions { get; } = [];

    /// <summary>Where each VM's metrics came from, by resource id.</summary>
    public Dictionary<string, MetricsSource> MetricsSources { get; } = [];

    /// <summary>Advisor's recommendations on resources without a CostSense one.</summary>
    public List<AdvisorRecommendation> AdvisorOnly { get; } = [];

    public List<RecommendationQuery> AdvisorOnlyQueries { get; } = [];

    public Task<AdvisorOnlyPage> AdvisorOnlyAsync(RecommendationQuery query, CancellationToken ct)
    {
        Fail();
        AdvisorOnlyQueries.Add(query);
        var rows = AdvisorOnly.Where(a => query.Search is null || a.ResourceId.Contains(query.Search, StringComparison.OrdinalIgnoreCase)).ToList();
        return Task.FromResult(new AdvisorOnlyPage(rows.Skip(query.Skip).Take(query.Take).ToList(), rows.Count));
    }

    public Task<Recommendation?> GetAsync(string id, CancellationToken ct) => Task.FromResult(Items.FirstOrDefault(r => r.Id == id));

    public Task<IReadOnlyList<RecommendationEvent>> HistoryAsync(string id, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RecommendationEvent>>(History.Where(e => e.RecommendationId == id).ToList());

    public Task<IReadOnlyList<UtilizationPoint>> UtilizationAsync(string resourceId, CancellationToken ct) => Task.FromResult<IReadOnlyList<UtilizationPoint>>(Utilization);

    public List<RecommendationQuery> CsvQueries { get; } = [];

    public async Task WriteCsvAsync(RecommendationQuery query, TextWriter writer, CancellationToken ct)
    {
        CsvQueries.Add(query);
        foreach (var r in Filter(query)) await writer.WriteLineAsync($"{r.ResourceName},{r.MonthlySavings:0.##}");
    }

    public List<string?> SummaryScopes { get; } = [];

    public Task<SavingsSummary> SummaryAsync(string? subscriptionId, CancellationToken ct)
    {
        SummaryScopes.Add(subscriptionId);
        Fail();
        return Task.FromResult(Summary);
    }

    public Task<IReadOnlyList<Recommendation>> TopAsync(int count, string? subscriptionId, CancellationToken ct)
    {
        Fail();
        return Task.FromResult<IReadOnlyList<Recommendation>>(Items.Where(r => r.Status == RecommendationStatus.Open && (subscriptionId is null || r.SubscriptionId == subscriptionId)).OrderByDescending(r => r.MonthlySavings).Take(count).ToList());
    }

    public Task<int> ChangeStatusAsync(Actor actor, IReadOnlyCollection<string> ids, StatusChange change, CancellationToken ct)
    {
        actor.Demand(Permission.ActOnRecommendations);
        Changes.Add((actor, ids, change));
        foreach (var r in Items.Where(r => ids.Contains(r.Id))) r.Status = change.To;
        return Task.FromResult(ids.Count);
    }

    public Task<RecomputeResult> RecomputeAsync(CancellationToken ct) => throw new NotSupportedException("Not used by the pages.");

    private IEnumerable<Recommendation> Filter(RecommendationQuery q) => Items
        .Where(r => r.Kind == q.Kind)
        .Where(r => q.Status is null || r.Status == q.Status)
        .Where(r => q.Action is null || r.Action == q.Action)
        .Where(r => q.MinMonthlySavings is null || r.MonthlySavings >= q.MinMonthlySavings)
        .Where(r => q.Search is null || r.ResourceName.Contains(q.Search, StringComparison.OrdinalIgnoreCase))
        .Where(r => q.Advisor is null
            || (q.Advisor != AdvisorFilter.AdvisorOnly && Opinions.TryGetValue(r.Id, out var o) && o.Verdict == (q.Advisor == AdvisorFilter.Agrees ? AdvisorVerdict.Agrees : AdvisorVerdict.Differs)))
        .OrderByDescending(r => r.MonthlySavings);

    private void Fail()
    {
        if (Failure is not null) throw Failure;
    }
}
