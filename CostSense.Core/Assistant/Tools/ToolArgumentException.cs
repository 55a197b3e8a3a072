namespace CostSense.Core.Assistant.Tools;

/// <summary>A tool argument the model got wrong; the message goes back to the model so it can correct itself.</summary>
public sealed class ToolArgumentException(string message) : ArgumentException(message);
