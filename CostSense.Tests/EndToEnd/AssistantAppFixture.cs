using CostSense.Tests.Assistant.FakeOllama;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.EndToEnd;

/// <summary>The app with its Ollama:BaseUrl at a fake Ollama server the tests script.</summary>
public sealed class AssistantAppFixture : WebAppFixture
{
    public FakeOllamaServer Ollama { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        Ollama = await FakeOllamaServer.StartAsync(CancellationToken.None);
        await base.InitializeAsync();
    }

    protected override TestAppOptions Options => base.Options with
    {
        Settings = new Dictionary<string, string?>
        {
            ["Ollama:BaseUrl"] = Ollama.BaseUrl.ToString(),
            ["Assistant:QuestionsPerMinute"] = "600",
        },
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Ollama.DisposeAsync();
    }
}
