using Microsoft.Extensions.Options;

namespace CostSense.Core.Assistant;

/// <summary>
/// One local model serves everyone: at most <see cref="AssistantOptions.MaxConcurrent"/> answers are generated at
/// once and the rest wait in arrival order, each knowing its place in the line.
/// </summary>
public sealed class AssistantQueue(IOptions<AssistantOptions> options)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Slot> _waiting = new();
    private int _running;

    public int Running { get { lock (_gate) return _running; } }
    public int Waiting { get { lock (_gate) return _waiting.Count; } }

    /// <summary>Joins the line; the slot is granted at once when there is room. Dispose it to leave or to free the place.</summary>
    public Slot Enter()
    {
        var slot = new Slot(this);
        lock (_gate)
        {
            if (_running < options.Value.MaxConcurrent && _waiting.Count == 0)
            {
                _running++;
                slot.Grant();
            }
            else slot.Node = _waiting.AddLast(slot);
        }
        return slot;
    }

    private void Leave(Slot slot)
    {
        List<Slot> moved;
        lock (_gate)
        {
            if (slot.IsGranted) _running--;
            else if (slot.Node is { List: not null } node) _waiting.Remove(node);
            while (_running < options.Value.MaxConcurrent && _waiting.First is { } next)
            {
                _waiting.RemoveFirst();
                next.Value.Node = null;
                _running++;
                next.Value.Grant();
            }
            moved = [.. _waiting];
        }
        foreach (var waiting in moved) waiting.Moved();
    }

    private int PositionOf(Slot slot)
    {
        lock (_gate)
        {
            var position = 1;
            for (var node = _waiting.First; node is not null; node = node.Next, position++)
                if (node.Value == slot) return position;
            return 0;
        }
    }

    public sealed class Slot(AssistantQueue queue) : IDisposable
    {
        private readonly TaskCompletionSource _granted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _disposed;

        internal LinkedListNode<Slot>? Node { get; set; }
        public bool IsGranted => _granted.Task.IsCompleted;

        /// <summary>1 is next in line; 0 once granted.</summary>
        public int Position => IsGranted ? 0 : queue.PositionOf(this);

        /// <summary>
        /// Completes when the slot is granted or its place in the line changes after this was read. Read it before
        /// <see cref="Position"/>, and no change is missed in between.
        /// </summary>
        public Task NextChange => Task.WhenAny(_granted.Task, Volatile.Read(ref _moved).Task);

        public Task WaitAsync(CancellationToken ct) => NextChange.WaitAsync(ct);

        internal void Grant() => _granted.TrySetResult();
        internal void Moved() => Interlocked.Exchange(ref _moved, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) queue.Leave(this);
        }
    }
}
