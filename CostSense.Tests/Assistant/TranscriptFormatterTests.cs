using CostSense.Core.Conversations;
using CostSense.Core.Data.Entities;
using Microsoft.Extensions.AI;

namespace CostSense.Tests.Assistant;

/// <summary>A stored answer says it was stopped or why it failed; the model is sent the earlier turns without those marks.</summary>
public sealed class TranscriptFormatterTests
{
    private static ConversationMessage User(string text) => new() { Role = "user", Content = text };
    private static ConversationMessage Answer(string text) => new() { Role = "assistant", Content = text };

    [Theory]
    [InlineData("Hello there", null, false, "Hello there")]
    [InlineData("Hello there", null, true, "Hello there\n\n*(stopped)*")]
    [InlineData("", null, true, "*(stopped)*")]
    [InlineData("Hello there", "Ollama went away.", false, "Hello there\n\n⚠ Ollama went away.")]
    [InlineData("", "Ollama went away.", true, "⚠ Ollama went away.")]
    public void AStoredAnswer_IsMarkedWhenStoppedOrFailed(string text, string? failure, bool stopped, string stored) =>
        Assert.Equal(stored, TranscriptFormatter.StoredAnswer(text, failure, stopped));

    [Fact]
    public void TheModel_GetsTheLastTurns_WithoutTheMarks_AndWithoutAnswersThatWereOnlyAFailure()
    {
        var history = TranscriptFormatter.ForModel(
        [
            User("too old"),
            User("Hi"),
            Answer(TranscriptFormatter.StoredAnswer("Hello there", "Ollama went away.", stopped: false)),
            User("Again?"),
            Answer(TranscriptFormatter.StoredAnswer("", "Ollama went away.", stopped: false)),
            User("And now?"),
            Answer(TranscriptFormatter.StoredAnswer("Half an answer", null, stopped: true)),
        ], take: 6);

        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.User, ChatRole.User, ChatRole.Assistant], history.Select(m => m.Role));
        Assert.Equal(["Hi", "Hello there", "Again?", "And now?", "Half an answer"], history.Select(m => m.Text));
    }

    [Fact]
    public void ALongEarlierMessage_IsCut()
    {
        var message = Assert.Single(TranscriptFormatter.ForModel([User(new string('x', TranscriptFormatter.MaxHistoryChars + 10))], take: 8));

        Assert.Equal(new string('x', TranscriptFormatter.MaxHistoryChars) + "…", message.Text);
    }
}
