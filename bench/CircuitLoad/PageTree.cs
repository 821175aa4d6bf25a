using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ProfilePortal.CircuitLoad;

/// <summary>A node of the page as the circuit renders it: the logical tree blazor.web.js keeps.</summary>
public abstract class PageNode
{
    /// <summary>The logical parent, null for a root component's container.</summary>
    public PageContainer? Parent { get; internal set; }

    /// <summary>The text of this node and its descendants, as the DOM's <c>textContent</c> would read it.</summary>
    public abstract void AppendText(StringBuilder text);
}

/// <summary>A node with logical children: an element, a component's container or a markup block.</summary>
public abstract class PageContainer : PageNode
{
    /// <summary>The logical children, in order.</summary>
    public List<PageNode> Children { get; } = [];

    /// <inheritdoc />
    public override void AppendText(StringBuilder text)
    {
        foreach (var child in Children)
        {
            child.AppendText(text);
        }
    }

    internal void Insert(int index, PageNode node)
    {
        node.Parent = this;
        Children.Insert(index, node);
    }
}

/// <summary>Where a component renders: a logical container without an element of its own.</summary>
/// <param name="componentId">The component.</param>
public sealed class ComponentContainer(int componentId) : PageContainer
{
    /// <summary>The component rendered here.</summary>
    public int ComponentId { get; } = componentId;
}

/// <summary>An HTML element with its attributes and the event handlers the server attached to it.</summary>
/// <param name="tagName">The element's name.</param>
public sealed class PageElement(string tagName) : PageContainer
{
    /// <summary>The element's name as rendered (e.g. <c>button</c>).</summary>
    public string TagName { get; } = tagName;

    /// <summary>Attributes by name.</summary>
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Event handler ids by event name (<c>click</c>, not <c>onclick</c>).</summary>
    public Dictionary<string, ulong> EventHandlers { get; } = new(StringComparer.Ordinal);

    /// <summary>Events whose propagation stops at this element.</summary>
    public HashSet<string> StopPropagation { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>data-testid</c> attribute, if any.</summary>
    public string? TestId => Attributes.GetValueOrDefault("data-testid");
}

/// <summary>A text node.</summary>
/// <param name="text">Its text.</param>
public sealed class PageText(string text) : PageNode
{
    /// <summary>The text.</summary>
    public string Text { get; set; } = text;

    /// <inheritdoc />
    public override void AppendText(StringBuilder text) => text.Append(Text);
}

/// <summary>
/// A block of raw HTML (a markup frame). Its elements carry no handlers, so it is kept as HTML; its text is the
/// HTML without tags and with entities decoded.
/// </summary>
/// <param name="html">The HTML.</param>
public sealed partial class PageMarkup(string html) : PageNode
{
    /// <summary>The HTML as rendered.</summary>
    public string Html { get; } = html;

    /// <inheritdoc />
    public override void AppendText(StringBuilder text) => text.Append(WebUtility.HtmlDecode(Tags().Replace(Html, string.Empty)));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}

/// <summary>
/// The page a circuit renders, kept the way blazor.web.js's <c>BrowserRenderer</c> keeps it: root components
/// attached by the server, then every batch's edits applied to the components' logical children. Only structure,
/// attributes, text and event handlers: enough to read the page and click what a person would click.
/// </summary>
public sealed class PageTree
{
    private const string InternalPrefix = "__internal_";
    private const string StopPropagationPrefix = "stopPropagation_";
    private const string PreventDefaultPrefix = "preventDefault_";

    private readonly Dictionary<int, ComponentContainer> _components = [];
    private readonly Dictionary<ulong, PageElement> _handlers = [];
    private readonly List<ComponentContainer> _roots = [];

    /// <summary>The root components' containers, in the order the server attached them.</summary>
    public IReadOnlyList<ComponentContainer> Roots => _roots;

    /// <summary>Attaches a root component (<c>JS.AttachComponent</c>).</summary>
    public void AttachRoot(int componentId)
    {
        var container = new ComponentContainer(componentId);
        _components[componentId] = container;
        _roots.Add(container);
    }

    /// <summary>Applies a batch: each component's edits, then the disposed components and handlers.</summary>
    public void Apply(RenderBatch batch)
    {
        foreach (var diff in batch.Diffs)
        {
            if (!_components.TryGetValue(diff.ComponentId, out var container))
            {
                throw new InvalidOperationException($"No element is currently associated with component {diff.ComponentId}.");
            }

            ApplyEdits(container, diff.Edits, batch.ReferenceFrames);
        }

        foreach (var componentId in batch.DisposedComponentIds)
        {
            _components.Remove(componentId);
        }

        foreach (var handlerId in batch.DisposedEventHandlerIds)
        {
            if (_handlers.Remove(handlerId, out var element))
            {
                foreach (var name in element.EventHandlers.Where(h => h.Value == handlerId).Select(h => h.Key).ToList())
                {
                    element.EventHandlers.Remove(name);
                }
            }
        }
    }

    /// <summary>The elements in document order.</summary>
    public IEnumerable<PageElement> Elements() => _roots.SelectMany(Descendants).OfType<PageElement>();

    /// <summary>The first element with this <c>data-testid</c>, or null.</summary>
    public PageElement? ByTestId(string testId) => Elements().FirstOrDefault(e => e.TestId == testId);

    /// <summary>The text of a node with whitespace runs collapsed to one space and trimmed.</summary>
    public static string NormalizedText(PageNode node)
    {
        var text = new StringBuilder();
        node.AppendText(text);
        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static IEnumerable<PageNode> Descendants(PageNode node)
    {
        yield return node;
        if (node is PageContainer container)
        {
            foreach (var child in container.Children.ToList())
            {
                foreach (var descendant in Descendants(child))
                {
                    yield return descendant;
                }
            }
        }
    }

    private void ApplyEdits(PageContainer parent, IReadOnlyList<RenderEdit> edits, IReadOnlyList<RenderFrame> frames)
    {
        List<(int From, int To)>? permutation = null;
        foreach (var edit in edits)
        {
            switch (edit.Type)
            {
                case EditType.PrependFrame:
                    InsertFrame(parent, edit.SiblingIndex, frames, edit.Index);
                    break;
                case EditType.RemoveFrame:
                    parent.Children.RemoveAt(edit.SiblingIndex);
                    break;
                case EditType.SetAttribute:
                    ApplyAttribute(ElementAt(parent, edit.SiblingIndex), frames[edit.Index]);
                    break;
                case EditType.RemoveAttribute:
                    SetAttribute(ElementAt(parent, edit.SiblingIndex), edit.RemovedAttributeName!, null);
                    break;
                case EditType.UpdateText:
                    ((PageText)parent.Children[edit.SiblingIndex]).Text = frames[edit.Index].Name ?? string.Empty;
                    break;
                case EditType.UpdateMarkup:
                    parent.Children.RemoveAt(edit.SiblingIndex);
                    parent.Insert(edit.SiblingIndex, new PageMarkup(frames[edit.Index].Name ?? string.Empty));
                    break;
                case EditType.StepIn:
                    parent = (PageContainer)parent.Children[edit.SiblingIndex];
                    break;
                case EditType.StepOut:
                    parent = parent.Parent!;
                    break;
                case EditType.PermutationListEntry:
                    (permutation ??= []).Add((edit.SiblingIndex, edit.Index));
                    break;
                case EditType.PermutationListEnd:
                    Permute(parent, permutation!);
                    permutation = null;
                    break;
                case EditType.None:
                default:
                    throw new InvalidOperationException($"Unknown edit type {edit.Type}.");
            }
        }
    }

    private static PageElement ElementAt(PageContainer parent, int index) =>
        parent.Children[index] as PageElement ?? throw new InvalidOperationException("Cannot set an attribute on a non-element child.");

    private static void Permute(PageContainer parent, List<(int From, int To)> moves)
    {
        var before = parent.Children.ToArray();
        foreach (var (from, to) in moves)
        {
            parent.Children[to] = before[from];
        }
    }

    // Returns how many logical children the frame added (BrowserRenderer.insertFrame).
    private int InsertFrame(PageContainer parent, int index, IReadOnlyList<RenderFrame> frames, int frameIndex)
    {
        var frame = frames[frameIndex];
        switch (frame.Type)
        {
            case FrameType.Element:
                InsertElement(parent, index, frames, frameIndex);
                return 1;
            case FrameType.Text:
                parent.Insert(index, new PageText(frame.Name ?? string.Empty));
                return 1;
            case FrameType.Component:
                var container = new ComponentContainer(frame.ComponentId);
                _components[frame.ComponentId] = container;
                parent.Insert(index, container);
                return 1;
            case FrameType.Region:
                return InsertFrameRange(parent, index, frames, frameIndex + 1, frameIndex + frame.SubtreeLength);
            case FrameType.Markup:
                parent.Insert(index, new PageMarkup(frame.Name ?? string.Empty));
                return 1;
            case FrameType.ElementReferenceCapture:
            case FrameType.NamedEvent:
                return 0;
            case FrameType.Attribute:
                throw new InvalidOperationException("Attribute frames should only be present as leading children of element frames.");
            case FrameType.None:
            default:
                throw new InvalidOperationException($"Unknown frame type {frame.Type}.");
        }
    }

    private void InsertElement(PageContainer parent, int index, IReadOnlyList<RenderFrame> frames, int frameIndex)
    {
        var frame = frames[frameIndex];
        var element = new PageElement(frame.Name!);
        parent.Insert(index, element);
        var end = frameIndex + frame.SubtreeLength;
        var child = frameIndex + 1;
        for (; child < end && frames[child].Type == FrameType.Attribute; child++)
        {
            ApplyAttribute(element, frames[child]);
        }

        InsertFrameRange(element, 0, frames, child, end);
    }

    private int InsertFrameRange(PageContainer parent, int index, IReadOnlyList<RenderFrame> frames, int start, int end)
    {
        var first = index;
        for (var i = start; i < end; i++)
        {
            var frame = frames[i];
            index += InsertFrame(parent, index, frames, i);
            if (frame.Type is FrameType.Element or FrameType.Component or FrameType.Region)
            {
                i += frame.SubtreeLength - 1;
            }
        }

        return index - first;
    }

    private void ApplyAttribute(PageElement element, RenderFrame attribute)
    {
        if (attribute.EventHandlerId != 0)
        {
            var eventName = StripOn(attribute.Name!);
            element.EventHandlers[eventName] = attribute.EventHandlerId;
            _handlers[attribute.EventHandlerId] = element;
            return;
        }

        SetAttribute(element, attribute.Name!, attribute.Value);
    }

    private static void SetAttribute(PageElement element, string name, string? value)
    {
        if (name.StartsWith(InternalPrefix, StringComparison.Ordinal))
        {
            var internalName = name[InternalPrefix.Length..];
            if (internalName.StartsWith(StopPropagationPrefix, StringComparison.Ordinal))
            {
                var eventName = StripOn(internalName[StopPropagationPrefix.Length..]);
                _ = value is null ? element.StopPropagation.Remove(eventName) : element.StopPropagation.Add(eventName);
            }
            else if (!internalName.StartsWith(PreventDefaultPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Unsupported internal attribute '{internalName}'.");
            }

            return;
        }

        if (value is null)
        {
            element.Attributes.Remove(name);
        }
        else
        {
            element.Attributes[name] = value;
        }
    }

    private static string StripOn(string attributeName) =>
        attributeName.StartsWith("on", StringComparison.Ordinal) ? attributeName[2..] : attributeName;
}
