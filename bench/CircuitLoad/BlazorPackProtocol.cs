using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace ProfilePortal.CircuitLoad;

/// <summary>
/// The hub protocol Blazor Server's own client speaks: SignalR's MessagePack protocol under the name
/// "blazorpack" (blazor.web.js renames its <c>MessagePackHubProtocol</c> the same way). Everything else is
/// SignalR's MessagePack implementation.
/// </summary>
public sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    /// <inheritdoc />
    public string Name => "blazorpack";

    /// <inheritdoc />
    public int Version => _inner.Version;

    /// <inheritdoc />
    public TransferFormat TransferFormat => _inner.TransferFormat;

    /// <inheritdoc />
    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    /// <inheritdoc />
    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    /// <inheritdoc />
    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    /// <inheritdoc />
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
}
