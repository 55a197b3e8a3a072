using System.Text;

namespace CostSense.Benchmarks.Scale.BlazorClient;

/// <summary>
/// The circuit client's page: the nodes blazor.web.js would have built from the render batches, as its logical tree
/// (a child component or a markup block is one logical child holding its own children; regions are flattened), with
/// each element's attributes and event handler ids. Only what a check or a click needs: no layout, no markup parsing.
/// </summary>
public abstract class DomNode
{
    public DomParent? Parent { get; internal set; }

    internal abstract void AppendText(StringBuilder text);
}

public sealed class DomText(string text) : DomNode
{
    public string Text { get; set; } = text;

    internal override void AppendText(StringBuilder text) => text.Append(Text);
}

/// <summary>A block of static markup, kept as its source; its text is the source without its tags.</summary>
public sealed class DomMarkup(string html) : DomNode
{
    public string Html { get; } = html;

    internal override void AppendText(StringBuilder text)
    {
        var inTag = false;
        foreach (var c in Html)
        {
            if (c == '<') inTag = true;
            else if (c == '>') inTag = false;
            else if (!inTag) text.Append(c);
        }
    }
}

public abstract class DomParent : DomNode
{
    public List<DomNode> Children { get; } = [];

    public void Insert(int index, DomNode child)
    {
        if (index < 0 || index > Children.Count) throw new InvalidOperationException($"Cannot insert at {index} of {Children.Count} children.");
        child.Parent = this;
        Children.Insert(index, child);
    }

    public DomNode ChildAt(int index) =>
        index >= 0 && index < Children.Count ? Children[index] : throw new InvalidOperationException($"No child {index} of {Children.Count}.");

    public void RemoveAt(int index)
    {
        ChildAt(index).Parent = null;
        Children.RemoveAt(index);
    }

    internal override void AppendText(StringBuilder text)
    {
        foreach (var child in Children) child.AppendText(text);
    }

    public string TextContent()
    {
        var text = new StringBuilder();
        AppendText(text);
        return text.ToString();
    }

    /// <summary>Elements under this one in document order.</summary>
    public IEnumerable<DomElement> Descendants()
    {
        var stack = new Stack<DomNode>();
        for (var i = Children.Count - 1; i >= 0; i--) stack.Push(Children[i]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is DomElement element) yield return element;
            if (node is DomParent parent)
                for (var i = parent.Children.Count - 1; i >= 0; i--) stack.Push(parent.Children[i]);
        }
    }
}

/// <summary>A component's place or a root component's: one logical child of its parent.</summary>
public sealed class DomContainer : DomParent;

public sealed class DomElement(string name) : DomParent
{
    public string Name { get; } = name;
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Event name (without "on") to the handler id the renderer gave it.</summary>
    public Dictionary<string, ulong> Handlers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Events whose propagation this element stops (@onclick:stopPropagation).</summary>
    public HashSet<string> StopsPropagation { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Attribute(string attribute) => Attributes.GetValueOrDefault(attribute);

    public bool HasClass(string name) =>
        Attributes.TryGetValue("class", out var classes) && classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(name);

    /// <summary>This element and its ancestors, nearest first: the way an event bubbles.</summary>
    public IEnumerable<DomElement> SelfAndAncestors()
    {
        for (DomNode? node = this; node is not null; node = node.Parent)
            if (node is DomElement element) yield return element;
    }

    public override string ToString() => $"<{Name}{string.Concat(Attributes.Select(a => $" {a.Key}=\"{a.Value}\""))}{string.Concat(Handlers.Select(h => $" on{h.Key}=#{h.Value}"))}>";
}
