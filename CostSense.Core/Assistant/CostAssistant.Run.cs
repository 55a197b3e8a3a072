using System.Text;
using System.Threading.Channels;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Assistant;

public sealed partial class CostAssistant
{
    /// <summary>How often a tool call written as text is run and the model asked again, per answer.</summary>
    private const int MaxTextToolRounds = 3;

    private async Task RunAsync(Actor actor, Guid? conversationId, string question, ChannelWriter<AssistantEvent> events, CancellationToken ct)
    {
        var o = options.Value;
        var answer = new StringBuilder();
        SpecialistKind? specialist = null;
        ToolGuard? guard = null;
        AnswerFailed? failed = null;
        Conversation? conversation = null;
        using var deadline = new CancellationTokenSource(o.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var token = linked.Token;

        void Emit(AssistantEvent e) => events.TryWrite(e);
        void Text(string text)
        {
            if (text.Length == 0) return;
            answer.Append(text);
            Emit(new TextDelta(text));
        }
        void Tools()
        {
            if (guard is null) return;
            foreach (var call in guard.TakeNew()) Emit(new ToolCalled(call));
        }

        try
        {
            actor.Demand(Permission.Read);
            question = question.Trim();
            if (question.Length == 0 || question.Length > MaxQuestionLength)
            {
                Emit(new AnswerFailed(AssistantProblem.InvalidQuestion, $"Ask a question of 1 to {MaxQuestionLength:N0} characters."));
                return;
            }
            if (rateLimiter.TryAsk(actor) is { IsAllowed: false } limit)
            {
                Emit(new AnswerFailed(AssistantProblem.RateLimited, limit.Message));
                return;
            }

            try
            {
                conversation = await OpenConversationAsync(actor, conversationId, question, token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The assistant could not store a conversation");
                Emit(new AnswerFailed(AssistantProblem.StoreUnavailable, "The database is not available, so the conversation cannot be saved or answered from your data. The Data page shows the store's state; ask again once it is back."));
                return;
            }
            if (conversationId is not null && conversation is null && actor.IsPerson)
            {
                Emit(new AnswerFailed(AssistantProblem.InvalidQuestion, "That conversation does not exist, or it is not yours. Start a new chat."));
                return;
            }
            var history = HistoryOf(conversation);
            Emit(new ConversationOpened(conversation?.Id ?? Guid.Empty, conversation?.Title ?? question));
            if (conversation is not null)
                await conversations.AppendAsync(actor, conversation.Id, new ConversationMessage { Role = "user", Content = question }, token);

            using var slot = queue.Enter();
            while (!slot.IsGranted)
            {
                var change = slot.NextChange;
                Emit(new Queued(slot.Position));
                await change.WaitAsync(token);
            }

            specialist = await RouteAsync(question, token);
            Emit(new Routed(specialist.Value));
            guard = new ToolGuard(specialists.ToolsOf(specialist.Value));
            await AnswerAsync(specialist.Value, guard, history, question, Text, Tools, token);
            Tools();
            Emit(new AnswerCompleted(answer.ToString()));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            log.LogInformation("The user stopped an answer after {Chars} characters", answer.Length);
        }
        catch (Exception e)
        {
            failed = AssistantErrors.Describe(e, probe, ollama.Options, o, answerTimedOut: deadline.IsCancellationRequested && !ct.IsCancellationRequested);
            log.LogWarning(e, "The assistant could not answer: {Problem}", failed.Problem);
            Tools();
            Emit(failed);
        }
        finally
        {
            events.TryComplete();
            await SaveAnswerAsync(actor, conversation, answer.ToString(), specialist, guard, failed, stopped: ct.IsCancellationRequested);
        }
    }

    private async Task<Conversation?> OpenConversationAsync(Actor actor, Guid? id, string question, CancellationToken ct)
    {
        if (!actor.IsPerson) return null; // the shared guest reads, but keeps no conversations
        if (id is { } existing) return await conversations.GetAsync(actor, existing, ct);
        return await conversations.StartAsync(actor, question, ct);
    }

    /// <summary>
    /// Keeps what the user saw: the (partial) answer, marked when it was stopped, or why there was none. A stop does
    /// not cancel the save.
    /// </summary>
    private async Task SaveAnswerAsync(Actor actor, Conversation? conversation, string text, SpecialistKind? specialist, ToolGuard? guard,
        AnswerFailed? failed, bool stopped)
    {
        if (conversation is null || (text.Length == 0 && failed is null && guard is null)) return;
        var content = failed is not null ? Join(text, FailedMark + failed.Message) : stopped ? Join(text, StoppedMark) : text;
        try
        {
            await conversations.AppendAsync(actor, conversation.Id, new ConversationMessage
            {
                Role = "assistant",
                Content = content,
                Specialist = specialist?.DisplayName(),
                ToolCalls = guard is { Called.Count: > 0 } ? string.Join("\n", guard.Called.Select(c => c.Display)) : null,
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "The assistant's answer could not be stored in conversation {Conversation}", conversation.Id);
        }
    }

    /// <summary>How a stored answer says it was stopped, or why it failed; neither is sent back to the model.</summary>
    internal const string StoppedMark = "*(stopped)*";
    internal const string FailedMark = "⚠ ";
    private const string Separator = "\n\n";

    private static string Join(string text, string mark) => text.Length > 0 ? text + Separator + mark : mark;

    /// <summary>The answer as the model should remember it: without the marks the user sees.</summary>
    private static string Unmarked(string content)
    {
        var failed = content.IndexOf(FailedMark, StringComparison.Ordinal);
        if (failed == 0 || (failed > 0 && content.AsSpan(0, failed).EndsWith(Separator))) content = content[..failed];
        return content.EndsWith(StoppedMark, StringComparison.Ordinal) ? content[..^StoppedMark.Length] : content.TrimEnd();
    }

    /// <summary>Rules first; when they are unsure, a one-word question to the model; when that fails, the rules' best guess.</summary>
    private async Task<SpecialistKind> RouteAsync(string question, CancellationToken ct)
    {
        var decision = QuestionRouter.Route(question);
        if (decision.IsSure) return decision.Specialist;
        try
        {
            using var quick = CancellationTokenSource.CreateLinkedTokenSource(ct);
            quick.CancelAfter(TimeSpan.FromSeconds(30));
            var options = ollama.NewChatOptions();
            options.Temperature = 0;
            options.MaxOutputTokens = 5;
            var reply = await ((IChatClient)ollama.Api).GetResponseAsync(
                [new ChatMessage(ChatRole.System, QuestionRouter.ModelChoicePrompt), new ChatMessage(ChatRole.User, question)], options, quick.Token);
            var choice = QuestionRouter.ParseModelChoice(reply.Text) ?? decision.Specialist;
            log.LogInformation("Routed by the model ({Reason}): {Specialist}", decision.Reason, choice);
            return choice;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogInformation("The model could not route ({Error}); the rules' guess stands: {Specialist}", e.Message, decision.Specialist);
            return decision.Specialist;
        }
    }
}
