using CostSense.Core.Assistant;

namespace CostSense.Tests.Assistant;

/// <summary>Tool calls llama3.2 writes as text are read back; ordinary answers are not mistaken for them.</summary>
public sealed class TextToolCallTests
{
    [Theory]
    [InlineData("{\"name\": \"get_vm_recommendations\", \"parameters\": {\"resourceGroup\": \"rg-prod-api\", \"top\": 3}}")]
    [InlineData("```json\n{\"name\": \"get_vm_recommendations\", \"parameters\": {\"resourceGroup\": \"rg-prod-api\", \"top\": 3}}\n```")]
    [InlineData("<|python_tag|>{\"name\": \"get_vm_recommendations\", \"arguments\": {\"resourceGroup\": \"rg-prod-api\", \"top\": 3}}")]
    [InlineData("{\"type\": \"function\", \"function\": {\"name\": \"get_vm_recommendations\", \"arguments\": \"{\\\"resourceGroup\\\": \\\"rg-prod-api\\\", \\\"top\\\": 3}\"}}")]
    [InlineData("[{\"name\": \"get_vm_recommendations\", \"parameters\": {\"resourceGroup\": \"rg-prod-api\", \"top\": 3}}]")]
    public void ReadsTheCallInEachShapeTheModelWrites(string text)
    {
        Assert.True(TextToolCall.TryParse(text, out var name, out var args));

        Assert.Equal("get_vm_recommendations", name);
        Assert.Equal("rg-prod-api", args["resourceGroup"]);
        Assert.Equal(3L, Assert.IsType<long>(args["top"]));
    }

    [Theory]
    [InlineData("Your top cost driver is Virtual Machines at $4,210.55.")]
    [InlineData("{not json at all")]
    [InlineData("{\"total\": \"$1,077.26\"}")]
    [InlineData("```\naz vm deallocate -g rg -n vm\n```")]
    public void LeavesOrdinaryTextAlone(string text) => Assert.False(TextToolCall.TryParse(text, out _, out _));

    [Fact]
    public void TheBuffer_StreamsProseAtOnce_AndHoldsBackWhatOpensLikeJsonUntilTheTurnEnds()
    {
        var prose = new TurnBuffer(toolsOn: true);
        Assert.Equal("", prose.Add("  "));
        Assert.Equal("  The", prose.Add("The"));
        Assert.Equal(" total", prose.Add(" total"));
        Assert.Equal("", prose.EndTurn());

        var call = new TurnBuffer(toolsOn: true);
        Assert.Equal("", call.Add("``"));
        Assert.Equal("", call.Add("`json\n{\"name\":"));
        Assert.True(call.IsHolding);
        Assert.Equal("", call.Add(" \"get_anomalies\"}\n```"));
        Assert.Equal("```json\n{\"name\": \"get_anomalies\"}\n```", call.EndTurn());

        var noTools = new TurnBuffer(toolsOn: false);
        Assert.Equal("{", noTools.Add("{"));
    }
}
