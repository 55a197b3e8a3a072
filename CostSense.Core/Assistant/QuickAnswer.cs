namespace CostSense.Core.Assistant;

/// <summary>A data answer without a model: a title, Markdown with the figures the pages show, and the tool it ran.</summary>
public sealed record QuickAnswer(string Title, string Markdown, ToolCallInfo Tool);
