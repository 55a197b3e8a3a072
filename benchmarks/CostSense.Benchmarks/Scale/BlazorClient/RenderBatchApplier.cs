using System.Buffers.Binary;
using System.Text;

namespace CostSense.Benchmarks.Scale.BlazorClient;

/// <summary>
/// Applies the server's render batches (the binary format blazor.web.js reads: updated components' edits over
/// reference frames, disposed components and handlers, a string table) to a tree of <see cref="DomNode"/>s, edit for edit as
/// its BrowserRenderer does, so the element ids, texts and handler ids a check or a click reads are the ones a browser
/// would hold.
/// </summary>
public sealed class RenderBatchApplier
{
    private const int FrameSize = 20;
    private const string StopPropagation = "__internal_stopPropagation_";
    private const int EditSize = 16;

    // Frame and edit types, as RenderTreeFrameType and RenderTreeEditType number them.
    private const int FrameElement = 1, FrameText = 2, FrameAttribute = 3, FrameComponent = 4, FrameRegion = 5, FrameCapture = 6, FrameMarkup = 8, FrameNamedEvent = 10;
    private const int EditPrepend = 1, EditRemove = 2, EditSetAttribute = 3, EditRemoveAttribute = 4, EditUpdateText = 5, EditStepIn = 6,
        EditStepOut = 7, EditUpdateMarkup = 8, EditPermutationEntry = 9, EditPermutationEnd = 10;

    private readonly Dictionary<int, DomContainer> _components = [];

    /// <summary>The root components' containers, in the order the server attached them.</summary>
    public List<DomContainer> Roots { get; } = [];

    /// <summary>Where the server attaches a root component (JS.AttachComponent).</summary>
    public void AttachRoot(int componentId)
    {
        var root = new DomContainer();
        Roots.Add(root);
        _components[componentId] = root;
    }

    /// <summary>Forgets every node and component.</summary>
    public void Clear()
    {
        Roots.Clear();
        _components.Clear();
    }

    public void Apply(ReadOnlySpan<byte> batch)
    {
        var reader = new Batch(batch);
        var updated = reader.Int(batch.Length - 20);
        var frames = reader.Int(batch.Length - 16) + 4;
        var disposedComponents = reader.Int(batch.Length - 12);

        for (int i = 0, count = reader.Int(updated); i < count; i++)
        {
            var diff = reader.Int(updated + 4 + i * 4);
            var componentId = reader.Int(diff);
            if (!_components.TryGetValue(componentId, out var container))
                throw new InvalidOperationException($"No element is associated with component {componentId}.");
            ApplyEdits(reader, componentId, container, diff + 4, frames);
        }
        for (int i = 0, count = reader.Int(disposedComponents); i < count; i++)
            _components.Remove(reader.Int(disposedComponents + 4 + i * 4));
    }

    private void ApplyEdits(Batch reader, int componentId, DomParent parent, int edits, int frames)
    {
        var count = reader.Int(edits);
        var depth = 0;
        List<(int From, int To)>? permutation = null;
        for (var i = 0; i < count; i++)
        {
            var edit = edits + 4 + i * EditSize;
            var sibling = reader.Int(edit + 4);
            switch (reader.Int(edit))
            {
                case EditPrepend:
                    var index = reader.Int(edit + 8);
                    InsertFrame(reader, componentId, parent, sibling, frames, index);
                    break;
                case EditRemove:
                    parent.RemoveAt(sibling);
                    break;
                case EditSetAttribute:
                    ApplyAttribute(reader, ElementAt(parent, sibling), frames + reader.Int(edit + 8) * FrameSize);
                    break;
                case EditRemoveAttribute:
                    var element = ElementAt(parent, sibling);
                    var name = reader.String(reader.Int(edit + 12)) ?? "";
                    element.Attributes.Remove(name);
                    if (name.StartsWith(StopPropagation, StringComparison.Ordinal)) element.StopsPropagation.Remove(name[StopPropagation.Length..][2..]);
                    if (name.StartsWith("on", StringComparison.Ordinal)) element.Handlers.Remove(name[2..]);
                    break;
                case EditUpdateText:
                    if (parent.ChildAt(sibling) is not DomText text) throw new InvalidOperationException("Cannot set text content on a non-text child.");
                    text.Text = reader.String(reader.Int(frames + reader.Int(edit + 8) * FrameSize + 4)) ?? "";
                    break;
                case EditUpdateMarkup:
                    parent.RemoveAt(sibling);
                    parent.Insert(sibling, new DomMarkup(reader.String(reader.Int(frames + reader.Int(edit + 8) * FrameSize + 4)) ?? ""));
                    break;
                case EditStepIn:
                    parent = parent.ChildAt(sibling) as DomParent ?? throw new InvalidOperationException("Cannot step into a leaf.");
                    depth++;
                    break;
                case EditStepOut:
                    parent = parent.Parent ?? throw new InvalidOperationException("Stepped out of the root.");
                    depth--;
                    break;
                case EditPermutationEntry:
                    (permutation ??= []).Add((sibling, reader.Int(edit + 8)));
                    break;
                case EditPermutationEnd:
                    var moved = permutation!.Select(p => (p.To, Node: parent.ChildAt(p.From))).ToList();
                    foreach (var (to, node) in moved.OrderBy(m => m.To)) parent.Children[to] = node;
                    permutation = null;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown edit type {reader.Int(edit)}.");
            }
        }
        if (depth != 0) throw new InvalidOperationException($"A component's edits ended {depth} levels deep.");
    }

    /// <summary>Inserts one frame (and its subtree) at a logical index; returns how many logical children it made.</summary>
    private int InsertFrame(Batch reader, int componentId, DomParent parent, int at, int frames, int index)
    {
        var frame = frames + index * FrameSize;
        switch (reader.Int(frame))
        {
            case FrameElement:
                var element = new DomElement(reader.String(reader.Int(frame + 8)) ?? "");
                var end = index + reader.Int(frame + 4);
                var child = index + 1;
                for (; child < end && reader.Int(frames + child * FrameSize) == FrameAttribute; child++)
                    ApplyAttribute(reader, element, frames + child * FrameSize);
                parent.Insert(at, element);
                InsertRange(reader, componentId, element, 0, frames, child, end);
                return 1;
            case FrameText:
                parent.Insert(at, new DomText(reader.String(reader.Int(frame + 4)) ?? ""));
                return 1;
            case FrameComponent:
                var container = new DomContainer();
                parent.Insert(at, container);
                _components[reader.Int(frame + 8)] = container;
                return 1;
            case FrameRegion:
                return InsertRange(reader, componentId, parent, at, frames, index + 1, index + reader.Int(frame + 4));
            case FrameMarkup:
                parent.Insert(at, new DomMarkup(reader.String(reader.Int(frame + 4)) ?? ""));
                return 1;
            case FrameCapture:
            case FrameNamedEvent:
                return 0;
            default:
                throw new InvalidOperationException($"Unexpected frame type {reader.Int(frame)} at a child position.");
        }
    }

    private int InsertRange(Batch reader, int componentId, DomParent parent, int at, int frames, int start, int endExclusive)
    {
        var first = at;
        for (var index = start; index < endExclusive; index++)
        {
            var frame = frames + index * FrameSize;
            at += InsertFrame(reader, componentId, parent, at, frames, index);
            var type = reader.Int(frame);
            if (type is FrameElement or FrameComponent or FrameRegion) index += reader.Int(frame + 4) - 1;
        }
        return at - first;
    }

    private static void ApplyAttribute(Batch reader, DomElement element, int frame)
    {
        var name = reader.String(reader.Int(frame + 4)) ?? "";
        var handler = reader.ULong(frame + 12);
        if (handler != 0)
        {
            element.Handlers[name.StartsWith("on", StringComparison.Ordinal) ? name[2..] : name] = handler;
            return;
        }
        var value = reader.String(reader.Int(frame + 8));
        if (name.StartsWith(StopPropagation, StringComparison.Ordinal))
        {
            var stopped = name[StopPropagation.Length..][2..];
            if (value is null) element.StopsPropagation.Remove(stopped);
            else element.StopsPropagation.Add(stopped);
            return;
        }
        if (name.StartsWith("__internal_", StringComparison.Ordinal)) return;
        if (value is null) element.Attributes.Remove(name);
        else element.Attributes[name] = value;
    }

    private static DomElement ElementAt(DomParent parent, int sibling) =>
        parent.ChildAt(sibling) as DomElement ?? throw new InvalidOperationException("Cannot set an attribute on a non-element child.");

    /// <summary>Little-endian reads over one batch, and its string table (LEB128-prefixed UTF-8, as BinaryWriter writes).</summary>
    private readonly ref struct Batch(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private readonly int _strings = BinaryPrimitives.ReadInt32LittleEndian(data[^4..]);

        public int Int(int at) => BinaryPrimitives.ReadInt32LittleEndian(_data.Slice(at, 4));

        public ulong ULong(int at) => BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(at, 8));

        public string? String(int index)
        {
            if (index == -1) return null;
            var at = Int(_strings + index * 4);
            int length = 0, shift = 0;
            byte b;
            do
            {
                b = _data[at++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return Encoding.UTF8.GetString(_data.Slice(at, length));
        }
    }
}
