using CostSense.Core.Reports.Pdf;

namespace CostSense.Tests.Reports.Pdf;

/// <summary>The trend's y axis starts at zero and rises in round steps to just above the highest day.</summary>
public sealed class TrendChartScaleTests
{
    [Theory]
    [InlineData(0, 1, 4)]
    [InlineData(900, 250, 1000)]
    [InlineData(1234.5, 500, 1500)]
    [InlineData(17035, 5000, 20000)]
    public void Scale_IsARoundStep_AndATopAtOrAboveTheMaximum(decimal max, decimal step, decimal top)
    {
        var scale = TrendChart.Scale(max);

        Assert.Equal((step, top), scale);
        Assert.True(scale.Top >= max);
        Assert.InRange(scale.Top / scale.Step, 1, 5);
    }
}
