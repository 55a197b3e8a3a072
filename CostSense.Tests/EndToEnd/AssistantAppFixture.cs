using CostSense.Tests.Assistant.FakeOllama;
using Microsoft.AspNetCore.Hosting;

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

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Ollama:BaseUrl", Ollama.BaseUrl.ToString());
        builder.UseSetting("Assistant:QuestionsPerMinute", "600");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Ollama.DisposeAsync();
    }
}
