using Microsoft.Extensions.Logging;

namespace CostSense.Core.Assistant;

/// <summary>
/// Asks the Ollama server about itself (<c>/api/version</c>, then <c>/api/tags</c>) and says what is wrong in words a
/// user can act on, with the command that fixes it. Answers are kept a few seconds so every open panel does not poll.
/// </summary>
public sealed class OllamaStatusProbe(OllamaConnection ollama, TimeProvider time, ILogger<OllamaStatusProbe> log)
{
    public const string StartCommand = "docker compose -f docker-compose.azure.yml up -d ollama";
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(4);
    private OllamaStatus? _last;

    public string PullCommand => $"ollama pull {ollama.Options.Model}";

    public async Task<OllamaStatus> CheckAsync(bool refresh, CancellationToken ct)
    {
        if (!refresh && Volatile.Read(ref _last) is { } last && time.GetUtcNow() - last.CheckedAt < Fresh) return last;
        var status = await ProbeAsync(ct);
        Volatile.Write(ref _last, status);
        return status;
    }

    /// <summary>Remembers what an answer just learned (the server went away, the model is gone) so the panel shows it at once.</summary>
    public void Report(OllamaStatus status) => Volatile.Write(ref _last, status);

    public OllamaStatus Unreachable() => Status(OllamaState.Unreachable, null,
        $"The assistant cannot reach Ollama at {ollama.Options.DisplayUrl()}. Start it, then check again.", StartCommand);

    public OllamaStatus ModelMissing(string? version) => Status(OllamaState.ModelMissing, version,
        $"Ollama is running, but the model {ollama.Options.Model} is not pulled yet. Pull it (about 2 GB), then check again.", PullCommand);

    private async Task<OllamaStatus> ProbeAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        string? version;
        try
        {
            version = (await ollama.Api.GetVersionAsync(timeout.Token))?.ToString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogInformation("Ollama is not reachable at {BaseUrl}: {Error}", ollama.Options.DisplayUrl(), e.Message);
            return Unreachable();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Ollama at {BaseUrl} answered /api/version unexpectedly", ollama.Options.DisplayUrl());
            return Status(OllamaState.Error, null, $"Ollama at {ollama.Options.DisplayUrl()} answered unexpectedly: {e.Message}", StartCommand);
        }
        try
        {
            var models = await ollama.Api.ListLocalModelsAsync(timeout.Token);
            return models.Any(m => IsConfiguredModel(m.Name, ollama.Options.Model))
                ? Status(OllamaState.Ready, version, $"Ollama {version} is running with {ollama.Options.Model}.", null)
                : ModelMissing(version);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Ollama at {BaseUrl} could not list its models", ollama.Options.DisplayUrl());
            return Status(OllamaState.Error, version, $"Ollama {version} did not list its models: {e.Message}", StartCommand);
        }
    }

    /// <summary>"llama3.2" names "llama3.2:latest": a name without a tag means the latest tag.</summary>
    public static bool IsConfiguredModel(string? name, string configured)
    {
        if (string.IsNullOrEmpty(name)) return false;
        if (string.Equals(name, configured, StringComparison.OrdinalIgnoreCase)) return true;
        return !configured.Contains(':') && string.Equals(name, configured + ":latest", StringComparison.OrdinalIgnoreCase);
    }

    private OllamaStatus Status(OllamaState state, string? version, string message, string? fix) =>
        new(state, ollama.Options.Model, ollama.Options.DisplayUrl(), version, message, fix, time.GetUtcNow());
}
