namespace CostSense.Core.Assistant;

/// <summary>Whether a question may go to the model now, and if not, when and why in words a user can act on.</summary>
public sealed record RateLimitDecision(bool IsAllowed, TimeSpan RetryAfter, string Message)
{
    public static RateLimitDecision Allowed { get; } = new(true, TimeSpan.Zero, "");

    public static RateLimitDecision Wait(TimeSpan retryAfter, string limit)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new(false, TimeSpan.FromSeconds(seconds), $"You have reached the assistant's limit of {limit}. Ask again in {seconds} s.");
    }
}
