namespace CostSense.Core.Sources.Azure;

/// <summary>Azure kept answering 429 and the wait it asks for goes past what a sync may wait: the step stops and says when to try again.</summary>
public sealed class AzureThrottledException(string what, DateTimeOffset retryAt, Exception? inner = null)
    : Exception($"Azure is throttling {what} (429 Too Many Requests); it may be asked again at {retryAt:yyyy-MM-dd HH:mm:ss} UTC.", inner)
{
    public string What { get; } = what;

    /// <summary>The earliest time every throttling header allows the next request.</summary>
    public DateTimeOffset RetryAt { get; } = retryAt;
}
