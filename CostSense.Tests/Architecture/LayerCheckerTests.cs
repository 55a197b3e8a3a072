using Mono.Cecil;

namespace CostSense.Tests.Architecture;

/// <summary>
/// The checker itself, run over the sample types in LayerSamples.cs: it must report exactly the one upward reference
/// each sample holds, wherever in the IL it is, and nothing for references that run down.
/// </summary>
public sealed class LayerCheckerTests
{
    private const string Samples = "CostSense.Tests.Architecture.Samples";
    private static readonly Lazy<ModuleDefinition> TestModule = new(() => ModuleDefinition.ReadModule(typeof(LayerCheckerTests).Assembly.Location));

    private static LayerReport Check(string scenario, params string[] bottomToTop) =>
        LayerChecker.Check(TestModule.Value, new LayerRules($"{Samples}.{scenario}", bottomToTop));

    [Fact]
    public void References_ThatRunDown_AreAllowed()
    {
        var report = Check("Clean", "Low", "High");

        Assert.True(report.IsClean, report.ToString());
    }

    [Theory]
    [InlineData("AsyncLambdaBody", "Low.Worker", "High.Target")]
    [InlineData("StaticCallBody", "Low.Caller", "High.Tool")]
    [InlineData("GenericPropertyType", "Low.Holder", "High.Target")]
    [InlineData("GenericMethodArgument", "Low.Caller", "High.Target")]
    [InlineData("Interface", "Low.Implementation", "High.IContract")]
    [InlineData("Attribute", "Low.Annotated", "High.MarkerAttribute")]
    [InlineData("TypeOfInNestedType", "Low.Outer", "High.Target")]
    public void AnUpwardReference_IsReportedExactly_WhereverItIs(string scenario, string from, string to)
    {
        var report = Check(scenario, "Low", "High");

        var expected = new LayerViolation($"{Samples}.{scenario}.{from}", "Low", $"{Samples}.{scenario}.{to}", "High");
        Assert.Equal(new[] { expected }, report.Violations);
        Assert.Empty(report.UnlayeredNamespaces);
    }

    [Fact]
    public void TheSameReferences_AreAllowed_WhenTheOrderIsTurned()
    {
        foreach (var scenario in new[] { "AsyncLambdaBody", "StaticCallBody", "GenericPropertyType", "GenericMethodArgument", "Interface", "Attribute", "TypeOfInNestedType" })
        {
            var report = Check(scenario, "High", "Low");
            Assert.True(report.IsClean, $"{scenario}: {report}");
        }
    }

    [Fact]
    public void ANamespace_ThatNoLayerNames_IsReported()
    {
        var report = Check("Unlayered", "Low");

        Assert.Empty(report.Violations);
        Assert.Equal(new[] { $"{Samples}.Unlayered.Stray" }, report.UnlayeredNamespaces);
    }

    [Fact]
    public void ANamespace_BelongsToTheLongestLayerItStartsWith_AndTheRootOnlyToItself()
    {
        var rules = new LayerRules("App", ["Data.Entities", "Data", "Costs", ""]);

        Assert.Equal(0, rules.IndexOf("App.Data.Entities"));
        Assert.Equal(0, rules.IndexOf("App.Data.Entities.Sub"));
        Assert.Equal(1, rules.IndexOf("App.Data"));
        Assert.Equal(1, rules.IndexOf("App.Data.Migrations"));
        Assert.Equal(2, rules.IndexOf("App.Costs"));
        Assert.Null(rules.IndexOf("App.Costing"));
        Assert.Equal(3, rules.IndexOf("App"));
        Assert.Null(rules.IndexOf("App.Other"));
        Assert.False(rules.IsInside("Application.Data"));
    }

    [Fact]
    public void TheSourceCheck_ReportsAnUpwardUsing_ThatLeavesNoTraceInIl()
    {
        // A constant from above is copied into the caller's IL, so only the using line shows the reference.
        const string file = """
            using System.Text;
            using App.Data;
            using App.Costs;
            using static App.Costs.Limits;
            using Alias = App.Costs.Limits;

            namespace App.Data.Entities;

            public sealed class Row { public int Max = Limit; }
            """;
        var rules = new LayerRules("App", ["Data.Entities", "Data", "Costs"]);

        var report = UsingDirectiveChecker.Check([("Data/Entities/Row.cs", file)], rules);

        Assert.Equal(
            new[]
            {
                new LayerViolation("Data/Entities/Row.cs", "Data.Entities", "App.Costs", "Costs"),
                new LayerViolation("Data/Entities/Row.cs", "Data.Entities", "App.Costs.Limits", "Costs"),
                new LayerViolation("Data/Entities/Row.cs", "Data.Entities", "App.Costs.Limits", "Costs"),
                new LayerViolation("Data/Entities/Row.cs", "Data.Entities", "App.Data", "Data"),
            },
            report.Violations);
    }
}
