using CostSense.Core.Assistant;
using CostSense.Web.Account;
using Microsoft.AspNetCore.Components;

namespace CostSense.Web.Components.Assistant;

public sealed partial class ChatView
{
    [Inject] private ICostAssistant Assistant { get; set; } = default!;
    [Inject] private CurrentActor Me { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<ChatView> Log { get; set; } = default!;

    /// <summary>A stored conversation to show and continue; null starts an empty chat.</summary>
    [Parameter] public Guid? ConversationId { get; set; }

    /// <summary>Raised with the conversation's id when a question starts one, and with null on "New chat".</summary>
    [Parameter] public EventCallback<Guid?> ConversationChanged { get; set; }

    /// <summary>The narrow layout of the side panel.</summary>
    [Parameter] public bool Compact { get; set; }

    // Cancels everything still running (a streaming answer included) when the component or its circuit goes away.
    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<ChatEntry> _entries = [];
    // The answer being streamed; null when none. Only the question that created it disposes it.
    private CancellationTokenSource? _answer;
    // The conversation the next question continues.
    private Guid? _conversationId;
    // The ConversationId parameter last acted on: the parameter changing, not differing, opens a conversation.
    private Guid? _requested;
    // Bumped by every reset: a load that finishes after one no longer fills the chat.
    private int _generation;
    private OllamaStatus? _status;
    private bool _checking;
    private bool _loading;
    private bool _quickRunning;
    private string? _loadError;

    private bool Busy => _answer is not null;

    protected override void OnInitialized()
    {
        // Prerendering shows the chat's frame (a stored conversation as loading); the live circuit asks the
        // model how it is, without holding up the rest.
        if (RendererInfo.IsInteractive) _ = RefreshStatusAsync(refresh: false);
        else _loading = ConversationId is not null;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive || ConversationId == _requested) return;
        _requested = ConversationId;
        // The page follows the conversation this chat has just started: nothing to open.
        if (ConversationId == _conversationId) return;
        Reset();
        if (ConversationId is { } id) await LoadAsync(id);
    }

    /// <summary>Stops any answer and empties the chat; the next question starts a new conversation.</summary>
    public async Task NewChatAsync()
    {
        Reset();
        StateHasChanged();
        await ConversationChanged.InvokeAsync(null);
    }

    private void Reset()
    {
        _answer?.Cancel();
        _answer = null;
        _entries.Clear();
        (_conversationId, _loadError, _loading) = (null, null, false);
        _generation++;
    }

    private async Task LoadAsync(Guid id)
    {
        var generation = _generation;
        _loading = true;
        try
        {
            var conversation = await Assistant.OpenAsync(await Me.GetAsync(), id, _lifetime.Token);
            if (generation != _generation) return;
            if (conversation is null)
            {
                _loadError = "This conversation does not exist, or it is not yours.";
                return;
            }
            _conversationId = id;
            _entries.AddRange(conversation.Messages.Select(ChatEntry.Stored));
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.LogWarning(ex, "Conversation {ConversationId} could not be opened.", id);
            if (generation == _generation) _loadError = "The conversation could not be opened. Try again shortly.";
        }
        finally
        {
            if (generation == _generation) _loading = false;
        }
    }

    private async Task RefreshStatusAsync(bool refresh)
    {
        _checking = true;
        try
        {
            _status = await Assistant.StatusAsync(refresh, _lifetime.Token);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            Log.LogWarning(ex, "The assistant's status could not be read.");
            _status = new OllamaStatus(OllamaState.Error, "", "", null, "The assistant's status could not be read.", null, Time.GetUtcNow());
        }
        finally
        {
            _checking = false;
        }
        StateHasChanged();
    }

    private Task CheckAgainAsync() => RefreshStatusAsync(refresh: true);

    private void Stop() => _answer?.Cancel();

    private async Task QuickAsync(QuickAction action)
    {
        var entry = ChatEntry.PendingAnswer();
        _entries.Add(ChatEntry.Question(QuickActions.Label(action)));
        _entries.Add(entry);
        _quickRunning = true;
        StateHasChanged();
        try
        {
            entry.Complete(await Assistant.QuickAsync(await Me.GetAsync(), action, _lifetime.Token));
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            Log.LogWarning(ex, "Quick answer {Action} failed.", action);
            entry.Fail("The figures could not be read: the store is not answering. Try again shortly.");
        }
        finally
        {
            _quickRunning = false;
        }
        entry.NotifyChanged();
    }

    public void Dispose()
    {
        // The circuit is gone or the panel closed for good: stop the model rather than answer nobody.
        _answer = null;
        _lifetime.Cancel();
        _lifetime.Dispose();
    }
}
