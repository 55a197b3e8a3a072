using System.Collections.Concurrent;
using CostSense.Core.Access;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Assistant;

/// <summary>
/// A per-user limit on questions to the assistant (one local model is shared by everyone): at most
/// <see cref="AssistantOptions.QuestionsPerMinute"/> in any minute and <see cref="AssistantOptions.QuestionsPerHour"/>
/// in any hour, counted over sliding windows of the user's own recent questions.
/// </summary>
public sealed class AssistantRateLimiter(IOptions<AssistantOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _asked = new(StringComparer.Ordinal);

    /// <summary>Counts the question when it is allowed; otherwise says how long until the next one is.</summary>
    public RateLimitDecision TryAsk(Actor actor)
    {
        actor.Demand(Permission.Read);
        var o = options.Value;
        var now = time.GetUtcNow();
        var asked = _asked.GetOrAdd(actor.Id, _ => new Queue<DateTimeOffset>());
        lock (asked)
        {
            while (asked.Count > 0 && now - asked.Peek() >= Hour) asked.Dequeue();
            var lastMinute = asked.Where(t => now - t < Minute).ToList();
            if (lastMinute.Count >= o.QuestionsPerMinute)
                return RateLimitDecision.Wait(lastMinute[^o.QuestionsPerMinute] + Minute - now, $"{o.QuestionsPerMinute} questions a minute");
            if (asked.Count >= o.QuestionsPerHour)
                return RateLimitDecision.Wait(asked.ElementAt(asked.Count - o.QuestionsPerHour) + Hour - now, $"{o.QuestionsPerHour} questions an hour");
            asked.Enqueue(now);
            return RateLimitDecision.Allowed;
        }
    }
}
