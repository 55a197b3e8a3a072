using CostSense.Core.Access;
using CostSense.Core.Assistant;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Access;

public class AssistantRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private static readonly Actor Alice = new("alice", "alice@app.test", [AppRoles.Viewer]);
    private static readonly Actor Bob = new("bob", "bob@app.test", [AppRoles.Viewer]);

    private AssistantRateLimiter Limiter(int perMinute = 3, int perHour = 5) =>
        new(Options.Create(new AssistantOptions { QuestionsPerMinute = perMinute, QuestionsPerHour = perHour }), _time);

    [Fact]
    public void PerMinute_TheQuestionOverTheLimit_IsRefusedWithTheWait_AndAllowedOnceTheMinuteHasPassed()
    {
        var limiter = Limiter();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.TryAsk(Alice).IsAllowed);
            _time.Advance(TimeSpan.FromSeconds(10));
        }
        var refused = limiter.TryAsk(Alice);
        Assert.False(refused.IsAllowed);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter); // the first question, asked 30 s ago, leaves the window in 30 s
        Assert.Contains("3 questions a minute", refused.Message);

        Assert.True(limiter.TryAsk(Bob).IsAllowed); // each user has their own allowance

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(limiter.TryAsk(Alice).IsAllowed);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAsk(Alice).IsAllowed);
    }

    [Fact]
    public void PerHour_CountsAcrossMinutes_AndRefusedQuestionsDoNotCount()
    {
        var limiter = Limiter(perMinute: 3, perHour: 5);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(limiter.TryAsk(Alice).IsAllowed);
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        var refused = limiter.TryAsk(Alice);
        Assert.False(refused.IsAllowed);
        Assert.Contains("5 questions an hour", refused.Message);
        Assert.Equal(TimeSpan.FromMinutes(55), refused.RetryAfter);

        _time.Advance(TimeSpan.FromMinutes(55));
        Assert.True(limiter.TryAsk(Alice).IsAllowed);
    }

    [Fact]
    public void Anonymous_MayNotAsk()
    {
        Assert.Throws<AccessDeniedException>(() => Limiter().TryAsk(Actor.Anonymous));
    }
}
