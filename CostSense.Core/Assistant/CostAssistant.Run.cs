using CostSense.Core.Access;
using CostSense.Core.Conversations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Assistant;

public sealed partial class CostAssistant
{
    private async Task RunAsync(Actor actor, Guid? conversationId, string question, AnswerProgress answer, CancellationToken ct)
    {
        var o = options.Value;
        AnswerFailed? failed = null;
        Conversation? conversation = null;
        using var deadline = new CancellationTokenSource(o.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var token = linked.Token;

        try
        {
            actor.Demand(Permission.Read);
            question = question.Trim();
            if (question.Length == 0 || question.Length > MaxQuestionLength)
            {
                answer.Emit(new AnswerFailed(AssistantProblem.InvalidQuestion, $"Ask a question of 1 to {MaxQuestionLength:N0} characters."));
                return;
            }
            if (rateLimiter.TryAsk(actor) is { IsAllowed: false } limit)
            {
                answer.Emit(new AnswerFailed(AssistantProblem.RateLimited, limit.Message));
                return;
            }

            try
            {
                conversation = await OpenConversationAsync(actor, conversationId, question, token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The assistant could not store a conversation");
                answer.Emit(new AnswerFailed(AssistantProblem.StoreUnavailable, "The database is not available, so the conversation cannot be saved or answered from your data. The Data page shows the store's state; ask again once it is back."));
                return;
            }
            if (conversationId is not null && conversation is null && actor.IsPerson)
            {
                answer.Emit(new AnswerFailed(AssistantProblem.InvalidQuestion, "That conversation does not exist, or it is not yours. Start a new chat."));
                return;
            }
            var history = HistoryOf(conversation);
            answer.Emit(new ConversationOpened(conversation?.Id ?? Guid.Empty, conversation?.Title ?? question));
            if (conversation is not null)
                await conversations.AppendAsync(actor, conversation.Id, new ConversationMessage { Role = "user", Content = question }, token);

            using var slot = queue.Enter();
            while (!slot.IsGranted)
            {
                var change = slot.NextChange;
                answer.Emit(new Queued(slot.Position));
                await change.WaitAsync(token);
            }

            var specialist = await router.RouteAsync(question, token);
            answer.RoutedTo(specialist);
            await answers.StreamAsync(specialist, history, question, answer, token);
            answer.ReportTools();
            answer.Emit(new AnswerCompleted(answer.Text));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            log.LogInformation("The user stopped an answer after {Chars} characters", answer.Text.Length);
        }
        catch (Exception e)
        {
            failed = AssistantErrors.Describe(e, probe, ollama.Options, o, answerTimedOut: deadline.IsCancellationRequested && !ct.IsCancellationRequested);
            log.LogWarning(e, "The assistant could not answer: {Problem}", failed.Problem);
            answer.ReportTools();
            answer.Emit(failed);
        }
        finally
        {
            answer.Complete();
            await SaveAnswerAsync(actor, conversation, answer, failed, stopped: ct.IsCancellationRequested);
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
    private async Task SaveAnswerAsync(Actor actor, Conversation? conversation, AnswerProgress answer, AnswerFailed? failed, bool stopped)
    {
        if (conversation is null || (!answer.HasText && failed is null && answer.Guard is null)) return;
        var content = TranscriptFormatter.StoredAnswer(answer.Text, failed?.Message, stopped);
        try
        {
            await conversations.AppendAsync(actor, conversation.Id, new ConversationMessage
            {
                Role = "assistant",
                Content = content,
                Specialist = answer.Specialist?.DisplayName(),
                ToolCalls = answer.Guard is { Called.Count: > 0 } guard ? string.Join("\n", guard.Called.Select(c => c.Display)) : null,
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "The assistant's answer could not be stored in conversation {Conversation}", conversation.Id);
        }
    }
}
