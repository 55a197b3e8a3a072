using CostSense.Core.Assistant;

namespace CostSense.Web.Components.Assistant;

/// <summary>Asking a question: the answer's events go into one <see cref="ChatEntry"/>, whose view is throttled.</summary>
public sealed partial class ChatView
{
    private async Task AskAsync(string question)
    {
        question = question.Trim();
        // One answer at a time, and not before a stored conversation has loaded (it would start a new one).
        if (Busy || _loading || question.Length == 0 || !RendererInfo.IsInteractive) return;

        var answer = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        _answer = answer;
        var entry = ChatEntry.PendingAnswer();
        _entries.Add(ChatEntry.Question(question));
        _entries.Add(entry);
        _loadError = null;
        StateHasChanged();

        using var throttle = new RenderThrottle(Time, RenderThrottle.StreamingInterval, entry.NotifyChanged);
        try
        {
            var actor = await Me.GetAsync();
            await foreach (var e in Assistant.AskAsync(actor, _conversationId, question, answer.Token).WithCancellation(answer.Token))
            {
                // "New chat" or another conversation took over: this answer no longer has a place on screen.
                if (_answer != answer) break;
                await ApplyAsync(e, entry, throttle);
            }
            if (answer.IsCancellationRequested) entry.Stop();
            else if (entry.IsActive) entry.Complete();
        }
        catch (OperationCanceledException) when (answer.IsCancellationRequested)
        {
            entry.Stop();
        }
        catch (Exception ex)
        {
            Log.LogError(ex, "The assistant failed while answering.");
            entry.Fail("The assistant could not answer. Try again shortly.");
        }
        finally
        {
            // The last words and the final state, whatever the throttle held back.
            throttle.Flush();
            if (_answer == answer) _answer = null;
            answer.Dispose();
        }
        if (!_lifetime.IsCancellationRequested) StateHasChanged();
    }

    private async Task ApplyAsync(AssistantEvent e, ChatEntry entry, RenderThrottle throttle)
    {
        switch (e)
        {
            case ConversationOpened opened:
                await OpenedAsync(opened.ConversationId);
                return;
            case Queued queued:
                entry.Queue(queued.Position);
                break;
            case Routed routed:
                entry.RouteTo(routed.SpecialistName);
                break;
            case ToolCalled tool:
                entry.AddTool(tool.Call.Display);
                break;
            case TextDelta delta:
                entry.Append(delta.Text);
                break;
            case AnswerCompleted completed:
                entry.Complete(completed.Text);
                break;
            case AnswerFailed failed:
                entry.Fail(failed.Message, failed.FixCommand);
                // The banner should say the same as the failure, with its quick answers.
                if (failed.Problem is AssistantProblem.OllamaUnreachable or AssistantProblem.ModelMissing)
                    _ = RefreshStatusAsync(refresh: true);
                break;
        }
        throttle.Request();
    }

    private async Task OpenedAsync(Guid id)
    {
        // Guid.Empty: nothing is stored for this actor (the shared guest); each question stands alone.
        if (id == Guid.Empty || id == _conversationId) return;
        _conversationId = id;
        await ConversationChanged.InvokeAsync(id);
    }
}
