namespace CostSense.Core.Assistant;

/// <summary>What the probe found: ready, nothing at the address, the model not pulled, or an unexpected answer.</summary>
public enum OllamaState { Ready, Unreachable, ModelMissing, Error }

/// <summary>The Ollama server's own report (<c>/api/version</c>, <c>/api/tags</c>) and what to do about it.</summary>
public sealed record OllamaStatus(OllamaState State, string Model, string BaseUrl, string? Version, string Message, string? FixCommand, DateTimeOffset CheckedAt)
{
    public bool IsReady => State == OllamaState.Ready;
}
