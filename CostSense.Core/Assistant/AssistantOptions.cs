using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Assistant;

/// <summary>How much of the model each user and the whole app may use (section <c>Assistant</c>).</summary>
public sealed class AssistantOptions
{
    public const string Section = "Assistant";

    /// <summary>Questions one user may ask per minute; the next one is refused with the wait.</summary>
    [Range(1, 600)] public int QuestionsPerMinute { get; set; } = 6;

    /// <summary>Questions one user may ask per hour.</summary>
    [Range(1, 10_000)] public int QuestionsPerHour { get; set; } = 60;
}
