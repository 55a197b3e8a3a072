using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Assistant;

/// <summary>How much of the model each user and the whole app may use, and how long an answer may take (section <c>Assistant</c>).</summary>
public sealed class AssistantOptions : IValidatableObject
{
    public const string Section = "Assistant";

    /// <summary>Questions one user may ask per minute; the next one is refused with the wait.</summary>
    [Range(1, 600)] public int QuestionsPerMinute { get; set; } = 6;

    /// <summary>Questions one user may ask per hour.</summary>
    [Range(1, 10_000)] public int QuestionsPerHour { get; set; } = 60;

    /// <summary>Answers generated at once across all users; the rest wait in line and see their position.</summary>
    [Range(1, 100)] public int MaxConcurrent { get; set; } = 5;

    /// <summary>The longest one answer may take, tools included, before it is stopped with a message.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Retries when Ollama cannot be reached (connection failures only, before any text arrived).</summary>
    [Range(0, 10)] public int MaxRetries { get; set; } = 3;

    /// <summary>Model round trips per answer (tool calls and their follow-ups); small, so a looping model stops.</summary>
    [Range(1, 10)] public int MaxToolIterations { get; set; } = 4;

    /// <summary>
    /// How long the model may take to name a specialist when the routing rules are unsure; after it, the rules' best
    /// guess answers. Short: a classification is a few tokens, and a cold model load should not hold up the answer twice.
    /// </summary>
    public TimeSpan RouteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Earlier messages of the conversation sent along with a question.</summary>
    [Range(0, 50)] public int HistoryMessages { get; set; } = 8;

    /// <summary>An OTLP endpoint (e.g. http://localhost:4317) for traces of model and tool calls; none: tracing is off.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Timeout < TimeSpan.FromSeconds(5) || Timeout > TimeSpan.FromHours(1))
            yield return new ValidationResult($"{Section}:Timeout must be between 00:00:05 and 01:00:00 (was {Timeout}).", [nameof(Timeout)]);
        if (RouteTimeout < TimeSpan.FromMilliseconds(100) || RouteTimeout > TimeSpan.FromMinutes(2))
            yield return new ValidationResult($"{Section}:RouteTimeout must be between 00:00:00.1 and 00:02:00 (was {RouteTimeout}).", [nameof(RouteTimeout)]);
        if (OtlpEndpoint is { IsAbsoluteUri: false } || OtlpEndpoint is { Scheme: not ("http" or "https") })
            yield return new ValidationResult($"{Section}:OtlpEndpoint must be an absolute http(s) URL (was {OtlpEndpoint}).", [nameof(OtlpEndpoint)]);
    }
}
