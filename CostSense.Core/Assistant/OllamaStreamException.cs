namespace CostSense.Core.Assistant;

/// <summary>Ollama reported an error inside a stream it had started with 200 (the model runner crashed, ran out of memory…).</summary>
public sealed class OllamaStreamException(string message) : IOException(message);
