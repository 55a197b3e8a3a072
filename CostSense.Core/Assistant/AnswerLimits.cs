using CostSense.Core.Access;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Assistant;

/// <summary>
/// How much of the one shared model a question may use (<see cref="AssistantOptions"/>): a question of sensible
/// length, within the user's own rate (<see cref="AssistantRateLimiter"/>), a place in the line of answers
/// (<see cref="AssistantQueue"/>), and a time limit for the whole answer.
/// </summary>
public sealed class AnswerLimits(AssistantRateLimiter rateLimiter, AssistantQueue queue, IOptions<AssistantOptions> options, TimeProvider time)
{
    public const int MaxQuestionLength = 4_000;

    /// <summary>Starts the answer's clock: cancelled once the answer has taken <see cref="AssistantOptions.Timeout"/>.</summary>
    public CancellationTokenSource StartDeadline() => new(options.Value.Timeout, time);

    /// <summary>Why the (trimmed) question may not be asked now, or null when it may; a question asked counts against the user's rate.</summary>
    public AnswerFailed? Refusal(Actor actor, string question)
    {
        if (question.Length == 0 || question.Length > MaxQuestionLength)
            return new AnswerFailed(AssistantProblem.InvalidQuestion, $"Ask a question of 1 to {MaxQuestionLength:N0} characters.");
        return rateLimiter.TryAsk(actor) is { IsAllowed: false } limit ? new AnswerFailed(AssistantProblem.RateLimited, limit.Message) : null;
    }

    /// <summary>
    /// Waits for a place at the model, telling <paramref name="queued"/> its place in line at first and after every move.
    /// Dispose the slot to free the place.
    /// </summary>
    public async Task<AssistantQueue.Slot> WaitForTurnAsync(Action<int> queued, CancellationToken ct)
    {
        var slot = queue.Enter();
        try
        {
            while (!slot.IsGranted)
            {
                var change = slot.NextChange;
                queued(slot.Position);
                await change.WaitAsync(ct);
            }
            return slot;
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }
}
