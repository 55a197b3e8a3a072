using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CostSense.Core.Access;
using CostSense.Core.Assistant.Routing;
using CostSense.Core.Data.Entities;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Assistant;

/// <summary>
/// The orchestrator: checks the user's allowance, stores the conversation, waits for a place at the model, routes the
/// question to a specialist and streams that specialist's answer. Each step is a collaborator's:
/// <see cref="AnswerLimits"/>, <see cref="AssistantConversations"/>, <see cref="SpecialistRouter"/>,
/// <see cref="AnswerTurn"/> and, when something goes wrong, <see cref="AnswerFailures"/>. The work runs apart from the
/// reader and writes events to a channel, so failures become messages, not exceptions.
/// </summary>
public sealed class CostAssistant(
    AnswerLimits limits,
    AssistantConversations conversations,
    SpecialistRouter router,
    AnswerTurn answers,
    AnswerFailures failures,
    OllamaStatusProbe probe,
    QuickAnswers quick,
    ILogger<CostAssistant> log) : ICostAssistant
{
    public IReadOnlyList<string> SuggestedQuestions { get; } =
    [
        "What are my top cost drivers this month?",
        "Why did spend jump last Tuesday?",
        "Which VMs should I resize in rg-prod-api?",
        "What would reserving our steady VMs save over three years?",
        "Which storage accounts should move to a cooler tier?",
        "Were there any cost anomalies in the last 90 days?",
    ];

    public async IAsyncEnumerable<AssistantEvent> AskAsync(Actor actor, Guid? conversationId, string question, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<AssistantEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var run = RunAsync(actor, conversationId, question, new AnswerProgress(channel.Writer), ct);
        // A stop ends the stream quietly: the reader keeps what it has and the run stores the partial answer.
        await foreach (var e in channel.Reader.ReadAllAsync(CancellationToken.None))
            yield return e;
        await run;
    }

    public Task<OllamaStatus> StatusAsync(bool refresh, CancellationToken ct) => probe.CheckAsync(refresh, ct);

    public Task<QuickAnswer> QuickAsync(Actor actor, QuickAction action, CancellationToken ct)
    {
        actor.Demand(Permission.Read);
        return quick.AnswerAsync(action, ct);
    }

    public Task<IReadOnlyList<Conversation>> ConversationsAsync(Actor actor, CancellationToken ct) => conversations.ListAsync(actor, ct);

    public Task<Conversation?> OpenAsync(Actor actor, Guid conversationId, CancellationToken ct) => conversations.GetAsync(actor, conversationId, ct);

    public Task<bool> DeleteAsync(Actor actor, Guid conversationId, CancellationToken ct) => conversations.DeleteAsync(actor, conversationId, ct);

    private async Task RunAsync(Actor actor, Guid? conversationId, string question, AnswerProgress answer, CancellationToken ct)
    {
        AnswerFailed? failed = null;
        Conversation? conversation = null;
        using var deadline = limits.StartDeadline();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var token = linked.Token;

        try
        {
            actor.Demand(Permission.Read);
            question = question.Trim();
            if (limits.Refusal(actor, question) is { } refused)
            {
                answer.Emit(refused);
                return;
            }

            try
            {
                conversation = await conversations.OpenAsync(actor, conversationId, question, token);
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
            var history = conversations.HistoryOf(conversation);
            answer.Emit(new ConversationOpened(conversation?.Id ?? Guid.Empty, conversation?.Title ?? question));
            if (conversation is not null) await conversations.RecordQuestionAsync(actor, conversation, question, token);

            using var slot = await limits.WaitForTurnAsync(position => answer.Emit(new Queued(position)), token);
            var parts = await router.RouteAsync(question, token);
            answer.RoutedTo([.. parts.Select(p => p.Specialist)]);
            await answers.StreamAsync(parts, history, question, answer, token);
            answer.ReportTools();
            answer.Emit(new AnswerCompleted(answer.Text));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            log.LogInformation("The user stopped an answer after {Chars} characters", answer.Text.Length);
        }
        catch (Exception e)
        {
            failed = failures.Describe(e, answerTimedOut: deadline.IsCancellationRequested && !ct.IsCancellationRequested);
            log.LogWarning(e, "The assistant could not answer: {Problem}", failed.Problem);
            answer.ReportTools();
            answer.Emit(failed);
        }
        finally
        {
            answer.Complete();
            // A stop does not cancel the save: the conversation keeps what the user saw.
            await conversations.RecordAnswerAsync(actor, conversation, answer, failed, stopped: ct.IsCancellationRequested, CancellationToken.None);
        }
    }
}
