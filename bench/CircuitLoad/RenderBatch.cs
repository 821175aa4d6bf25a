using System.Buffers.Binary;
using System.Text;

namespace ProfilePortal.CircuitLoad;

/// <summary>The kinds of render tree frame in a batch (blazor.web.js: <c>FrameType</c>).</summary>
public enum FrameType
{
    /// <summary>Not a frame type; the default value.</summary>
    None = 0,
    /// <summary>An element with its attributes and children as the frames that follow it.</summary>
    Element = 1,
    /// <summary>A text node.</summary>
    Text = 2,
    /// <summary>An attribute of the element before it, or an event handler when it has a handler id.</summary>
    Attribute = 3,
    /// <summary>A child component: a logical container the component's own diffs fill.</summary>
    Component = 4,
    /// <summary>A group of frames inserted in place, without a node of its own.</summary>
    Region = 5,
    /// <summary>An <c>@ref</c> capture: a child in the diff, no node in the document.</summary>
    ElementReferenceCapture = 6,
    /// <summary>A piece of raw HTML.</summary>
    Markup = 8,
    /// <summary>A named form event; not used by the client.</summary>
    NamedEvent = 10,
}

/// <summary>The kinds of edit in a component's diff (blazor.web.js: <c>EditType</c>).</summary>
public enum EditType
{
    /// <summary>Not an edit type; the default value.</summary>
    None = 0,
    /// <summary>Insert a frame (and its subtree) at a sibling index.</summary>
    PrependFrame = 1,
    /// <summary>Remove the child at a sibling index.</summary>
    RemoveFrame = 2,
    /// <summary>Set an attribute (or event handler) on the element at a sibling index.</summary>
    SetAttribute = 3,
    /// <summary>Remove an attribute from the element at a sibling index.</summary>
    RemoveAttribute = 4,
    /// <summary>Replace the text of the text node at a sibling index.</summary>
    UpdateText = 5,
    /// <summary>Make the child at a sibling index the current parent.</summary>
    StepIn = 6,
    /// <summary>Go back to the current parent's parent.</summary>
    StepOut = 7,
    /// <summary>Replace the markup at a sibling index.</summary>
    UpdateMarkup = 8,
    /// <summary>One move of a permutation of children.</summary>
    PermutationListEntry = 9,
    /// <summary>Apply the permutation collected so far.</summary>
    PermutationListEnd = 10,
}

/// <summary>One render tree frame, with the strings its type uses already read from the batch's string table.</summary>
/// <param name="Type">What the frame is.</param>
/// <param name="SubtreeLength">For elements, components and regions: the frame and its descendants.</param>
/// <param name="ComponentId">For components: the child component's id.</param>
/// <param name="Name">Element name, attribute name, text, markup or capture id, by type.</param>
/// <param name="Value">For attributes: the value (null for an event handler or a removed value).</param>
/// <param name="EventHandlerId">For attributes: the event handler id, 0 when the attribute is not a handler.</param>
public readonly record struct RenderFrame(FrameType Type, int SubtreeLength, int ComponentId, string? Name, string? Value, ulong EventHandlerId);

/// <summary>One edit of a component's diff.</summary>
/// <param name="Type">What to do.</param>
/// <param name="SiblingIndex">Which child of the current parent.</param>
/// <param name="Index">The reference frame to use, or for a permutation the sibling index to move to.</param>
/// <param name="RemovedAttributeName">For <see cref="EditType.RemoveAttribute"/>: the attribute.</param>
public readonly record struct RenderEdit(EditType Type, int SiblingIndex, int Index, string? RemovedAttributeName);

/// <summary>The edits of one component in a batch.</summary>
/// <param name="ComponentId">The component whose content changes.</param>
/// <param name="Edits">Its edits, in order.</param>
public sealed record ComponentDiff(int ComponentId, IReadOnlyList<RenderEdit> Edits);

/// <summary>
/// A render batch as the server sends it to an out-of-process client (<c>JS.RenderBatch</c>), read the way
/// blazor.web.js's <c>OutOfProcessRenderBatch</c> reads it: five int32 offsets at the end (updated components,
/// reference frames, disposed component ids, disposed event handler ids, string table), little-endian tables,
/// strings as LEB128-prefixed UTF-8.
/// </summary>
public sealed class RenderBatch
{
    private const int ReferenceFrameLength = 20;
    private const int EditLength = 16;

    private RenderBatch(IReadOnlyList<ComponentDiff> diffs, IReadOnlyList<RenderFrame> frames, IReadOnlyList<int> disposedComponents, IReadOnlyList<ulong> disposedHandlers)
    {
        Diffs = diffs;
        ReferenceFrames = frames;
        DisposedComponentIds = disposedComponents;
        DisposedEventHandlerIds = disposedHandlers;
    }

    /// <summary>The updated components and their edits.</summary>
    public IReadOnlyList<ComponentDiff> Diffs { get; }

    /// <summary>The frames the edits refer to by index.</summary>
    public IReadOnlyList<RenderFrame> ReferenceFrames { get; }

    /// <summary>Components removed by this batch.</summary>
    public IReadOnlyList<int> DisposedComponentIds { get; }

    /// <summary>Event handlers that no longer exist after this batch.</summary>
    public IReadOnlyList<ulong> DisposedEventHandlerIds { get; }

    /// <summary>Reads a batch from its bytes.</summary>
    public static RenderBatch Read(ReadOnlySpan<byte> data)
    {
        var end = data.Length;
        var updatedComponents = Int(data, end - 20);
        var referenceFrames = Int(data, end - 16);
        var disposedComponents = Int(data, end - 12);
        var disposedHandlers = Int(data, end - 8);
        var strings = new StringTable(Int(data, end - 4));

        var frameCount = Int(data, referenceFrames);
        var frames = new RenderFrame[frameCount];
        for (var i = 0; i < frameCount; i++)
        {
            frames[i] = ReadFrame(data, referenceFrames + 4 + (i * ReferenceFrameLength), strings);
        }

        var diffCount = Int(data, updatedComponents);
        var diffs = new ComponentDiff[diffCount];
        for (var i = 0; i < diffCount; i++)
        {
            var diff = Int(data, updatedComponents + 4 + (i * 4));
            var editCount = Int(data, diff + 4);
            var edits = new RenderEdit[editCount];
            for (var e = 0; e < editCount; e++)
            {
                var at = diff + 8 + (e * EditLength);
                var type = (EditType)Int(data, at);
                edits[e] = new RenderEdit(type, Int(data, at + 4), Int(data, at + 8),
                    type == EditType.RemoveAttribute ? strings.Read(data, Int(data, at + 12)) : null);
            }

            diffs[i] = new ComponentDiff(Int(data, diff), edits);
        }

        var disposedComponentIds = new int[Int(data, disposedComponents)];
        for (var i = 0; i < disposedComponentIds.Length; i++)
        {
            disposedComponentIds[i] = Int(data, disposedComponents + 4 + (i * 4));
        }

        var disposedHandlerIds = new ulong[Int(data, disposedHandlers)];
        for (var i = 0; i < disposedHandlerIds.Length; i++)
        {
            disposedHandlerIds[i] = BinaryPrimitives.ReadUInt64LittleEndian(data[(disposedHandlers + 4 + (i * 8))..]);
        }

        return new RenderBatch(diffs, frames, disposedComponentIds, disposedHandlerIds);
    }

    private static RenderFrame ReadFrame(ReadOnlySpan<byte> data, int at, StringTable strings)
    {
        var type = (FrameType)Int(data, at);
        var second = Int(data, at + 4);
        var third = Int(data, at + 8);
        return type switch
        {
            FrameType.Element => new RenderFrame(type, second, 0, strings.Read(data, third), null, 0),
            FrameType.Text or FrameType.Markup or FrameType.ElementReferenceCapture => new RenderFrame(type, 0, 0, strings.Read(data, second), null, 0),
            FrameType.Attribute => new RenderFrame(type, 0, 0, strings.Read(data, second), strings.Read(data, third),
                BinaryPrimitives.ReadUInt64LittleEndian(data[(at + 12)..])),
            FrameType.Component => new RenderFrame(type, second, third, null, null, 0),
            FrameType.Region => new RenderFrame(type, second, 0, null, null, 0),
            _ => new RenderFrame(type, 0, 0, null, null, 0),
        };
    }

    private static int Int(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadInt32LittleEndian(data[at..]);

    private sealed class StringTable(int start)
    {
        private readonly Dictionary<int, string> _read = [];

        public string? Read(ReadOnlySpan<byte> data, int index)
        {
            if (index == -1)
            {
                return null;
            }

            if (_read.TryGetValue(index, out var known))
            {
                return known;
            }

            var at = Int(data, start + (index * 4));
            var length = 0;
            var shift = 0;
            byte current;
            do
            {
                current = data[at++];
                length |= (current & 0x7F) << shift;
                shift += 7;
            }
            while (current >= 0x80);

            var text = Encoding.UTF8.GetString(data.Slice(at, length));
            _read[index] = text;
            return text;
        }
    }
}
