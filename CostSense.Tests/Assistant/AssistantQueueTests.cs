using CostSense.Core.Assistant;
using Microsoft.Extensions.Options;

namespace CostSense.Tests.Assistant;

/// <summary>The line in front of the model: at most MaxConcurrent answers at once, the rest in order with their place.</summary>
public sealed class AssistantQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GrantsUpToTheLimit_ThenQueuesInOrder_AndMovesEveryoneUpWhenASlotFrees()
    {
        var queue = new AssistantQueue(Options.Create(new AssistantOptions { MaxConcurrent = 2 }));
        using var a = queue.Enter();
        using var b = queue.Enter();
        var c = queue.Enter();
        var d = queue.Enter();

        Assert.True(a.IsGranted && b.IsGranted);
        Assert.Equal((1, 2), (c.Position, d.Position));

        var dMoved = d.WaitAsync(Ct);
        a.Dispose();
        await c.WaitAsync(Ct);
        await dMoved;

        Assert.True(c.IsGranted);
        Assert.Equal(1, d.Position);
        Assert.Equal((2, 1), (queue.Running, queue.Waiting));

        c.Dispose();
        await d.WaitAsync(Ct);
        Assert.True(d.IsGranted);
        d.Dispose();
        Assert.Equal((1, 0), (queue.Running, queue.Waiting));
    }

    [Fact]
    public async Task AWaiterWhoLeaves_GivesUpItsPlace_AndTheOneBehindMovesUp()
    {
        var queue = new AssistantQueue(Options.Create(new AssistantOptions { MaxConcurrent = 1 }));
        using var running = queue.Enter();
        var leaving = queue.Enter();
        using var behind = queue.Enter();
        Assert.Equal(2, behind.Position);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var waiting = leaving.WaitAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        leaving.Dispose();

        Assert.Equal(1, behind.Position);
        Assert.Equal(1, queue.Waiting);
    }
}
