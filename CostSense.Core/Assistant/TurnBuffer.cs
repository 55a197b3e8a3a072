using System.Text;

namespace CostSense.Core.Assistant;

/// <summary>
/// Holds back the start of each assistant turn while tools are on: a turn that opens like JSON may be a tool call
/// written as text and is kept whole until the turn ends; any other turn is released as it streams.
/// </summary>
public sealed class TurnBuffer(bool toolsOn)
{
    private readonly StringBuilder _held = new();
    private State _state = toolsOn ? State.Undecided : State.Streaming;

    private enum State { Undecided, Holding, Streaming }

    public bool IsHolding => _state == State.Holding;

    /// <summary>Adds text; returns what can be shown now (possibly empty).</summary>
    public string Add(string text)
    {
        if (_state == State.Streaming) return text;
        _held.Append(text);
        if (_state == State.Undecided)
        {
            var start = _held.ToString();
            if (!TextToolCall.CanDecide(start)) return "";
            _state = TextToolCall.MayBeToolCall(start) ? State.Holding : State.Streaming;
            if (_state == State.Streaming) return Release();
        }
        return "";
    }

    /// <summary>Ends the turn: what was held back, for the caller to parse as a call or show.</summary>
    public string EndTurn()
    {
        var held = Release();
        _state = toolsOn ? State.Undecided : State.Streaming;
        return held;
    }

    private string Release()
    {
        var text = _held.ToString();
        _held.Clear();
        return text;
    }
}
