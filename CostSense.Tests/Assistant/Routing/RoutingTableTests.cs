using CostSense.Core.Assistant;
using CostSense.Core.Assistant.Routing;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Assistant.Routing;

/// <summary>
/// The routing table (<c>routing-table.tsv</c>): 104 questions written by someone who had not read the router, with
/// typos, jargon, indirect phrasing, named resources, small talk and two-topic questions. Every one must reach an
/// acceptable specialist by the rules alone (their best guess when unsure, which is also the fallback when the model
/// cannot answer). Two held-out tables (<c>routing-holdout.tsv</c>, <c>routing-fresh.tsv</c>) were written apart and
/// first measured before their misses were read; they must stay mostly right, and the routing benchmark prints them.
/// </summary>
public sealed class RoutingTableTests
{
    private static readonly QuestionRouter Router = new();

    public static IReadOnlyList<RoutingCase> Table { get; } = Load("routing-table.tsv");

    public static TheoryData<int, string> Rows => new(Table.Select(c => (c.Line, c.Question)));

    [Theory]
    [MemberData(nameof(Rows))]
    public void EveryQuestion_ReachesAnAcceptableSpecialist(int line, string question)
    {
        var row = Table.Single(c => c.Line == line);

        var decision = Router.Route(question);

        Assert.True(row.Accepts(decision.Parts),
            $"line {line}: expected {row.ExpectedText}, got {decision.Specialists.DisplayNames()} ({decision.Reason})");
    }

    [Fact]
    public void TheTable_CoversEverySpecialist_AndTheWaysAnalystsAsk()
    {
        Assert.True(Table.Count >= 80, $"{Table.Count} rows");
        foreach (var kind in Enum.GetValues<SpecialistKind>())
            Assert.True(Table.Count(c => c.Expected.Contains(kind)) >= 10, $"{kind}: {Table.Count(c => c.Expected.Contains(kind))} rows");
        Assert.True(Table.Count(c => c.NeedsAll) >= 10);
        foreach (var kind in new[] { "typo", "jargon", "indirect", "named" })
            Assert.True(Table.Count(c => c.Kind == kind) >= 8, $"{kind}: {Table.Count(c => c.Kind == kind)} rows");
    }

    [Fact]
    public void TheRulesDecideMostQuestions_SoTheModelIsAskedOnlyWhenTheyCannotTell()
    {
        var unsure = Table.Where(c => !Router.Route(c.Question).IsSure).Select(c => c.Question).ToList();

        Assert.True(unsure.Count <= Table.Count / 5, $"{unsure.Count} of {Table.Count} unsure: {string.Join(" | ", unsure)}");
    }

    [Theory]
    [InlineData("routing-holdout.tsv")]
    [InlineData("routing-fresh.tsv")]
    public void TheHeldOutTables_AreMostlyRight(string file)
    {
        var holdout = Load(file);

        var wrong = holdout.Where(c => !c.Accepts(Router.Route(c.Question).Parts)).ToList();

        Assert.True(holdout.Count >= 40);
        Assert.True(wrong.Count <= holdout.Count / 10, $"{wrong.Count} of {holdout.Count} wrong");
    }

    private static IReadOnlyList<RoutingCase> Load(string file) =>
        RoutingCase.Parse(File.ReadAllText(Path.Combine(AppProcess.RepositoryRoot, "CostSense.Tests", "Assistant", "Routing", file)));
}
