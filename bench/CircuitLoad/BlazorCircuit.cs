using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProfilePortal.CircuitLoad;

/// <summary>
/// One interactive Blazor Server circuit driven the way blazor.web.js (ASP.NET Core 10) drives it, over SignalR
/// with the "blazorpack" protocol: GET the prerendered page with the visitor's cookies and read its server
/// component markers, <c>StartCircuit</c>, <c>UpdateRootComponents</c> with an "add" per marker, then apply and
/// acknowledge every render batch in order, answer every JS interop call, and dispatch browser events through
/// the renderer's interop object (<c>DispatchEventAsync</c>), as the browser's event delegator does.
/// </summary>
public sealed class BlazorCircuit : IAsyncDisposable
{
    /// <summary>The JS function the server calls to hand the client its renderer's interop object.</summary>
    private const string AttachWebRendererInterop = "Blazor._internal.attachWebRendererInterop";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Uri _baseAddress;
    private readonly CookieContainer _cookies;
    private readonly Lock _gate = new();
    private readonly PageTree _page = new();
    private readonly List<string> _errors = [];
    private readonly List<(Func<PageTree, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private HubConnection? _connection;
    private long _nextBatchId = 2;
    private long _interopObjectId;
    private long _nextCallId;
    private long _clickStartedAt;
    private TaskCompletionSource<TimeSpan>? _clickRendered;

    /// <summary>A circuit for the visitor whose cookies are in <paramref name="cookies"/>.</summary>
    public BlazorCircuit(Uri baseAddress, CookieContainer cookies)
    {
        _baseAddress = baseAddress;
        _cookies = cookies;
    }

    /// <summary>The circuit id (its secret) the server returned, once started.</summary>
    public string? CircuitId { get; private set; }

    /// <summary>Render batches applied and acknowledged.</summary>
    public int BatchesApplied { get; private set; }

    /// <summary>JS interop calls answered.</summary>
    public int JsCallsAnswered { get; private set; }

    /// <summary>Whether the SignalR connection is up.</summary>
    public bool IsConnected => _connection?.State == HubConnectionState.Connected;

    /// <summary>What went wrong: <c>JS.Error</c>, failed .NET calls, batches that could not be applied, a closed connection.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Reads the page under the circuit's lock (batches change it on the connection's thread).</summary>
    public T Read<T>(Func<PageTree, T> read)
    {
        lock (_gate)
        {
            return read(_page);
        }
    }

    /// <summary>The normalized text of the element with this <c>data-testid</c>, or null when it is not on the page.</summary>
    public string? TextOf(string testId) => Read(page => page.ByTestId(testId) is { } element ? PageTree.NormalizedText(element) : null);

    /// <summary>Opens the page at <paramref name="path"/> and starts its circuit.</summary>
    public async Task StartAsync(string path, CancellationToken cancellationToken)
    {
        var pageUri = new Uri(_baseAddress, path);
        string html;
        using (var handler = new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false })
        using (var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) })
        using (var response = await http.GetAsync(pageUri, cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}.");
            }

            html = await response.Content.ReadAsStringAsync(cancellationToken);
        }

        var page = PrerenderedPage.Parse(html);
        if (page.ServerMarkers.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server components.");
        }

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(_baseAddress, "_blazor"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Cookies = _cookies;
                // As a browser does: it always offers permessage-deflate, and the server decides (Circuits:WebSocketCompression).
                options.WebSocketConfiguration = socket => socket.DangerousDeflateOptions = new System.Net.WebSockets.WebSocketDeflateOptions();
            })
            .ConfigureLogging(logging => logging.AddProvider(new ErrorLog(this)));
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        _connection = builder.Build();
        Listen(_connection);
        await _connection.StartAsync(cancellationToken);

        CircuitId = await _connection.InvokeAsync<string?>("StartCircuit",
            _baseAddress.ToString(), pageUri.ToString(), "[]", page.ApplicationState, cancellationToken);
        if (string.IsNullOrEmpty(CircuitId))
        {
            throw new InvalidOperationException($"The server refused to start a circuit: {string.Join("; ", Errors)}");
        }

        await _connection.SendAsync("UpdateRootComponents", page.AddOperationsJson(), page.ApplicationState, cancellationToken);
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the page (checked after every batch).</summary>
    public async Task WaitUntilAsync(Func<PageTree, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_page))
            {
                return;
            }

            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }
        }
    }

    /// <summary>Waits until an element with this <c>data-testid</c> is on the page.</summary>
    public Task WaitForTestIdAsync(string testId, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(page => page.ByTestId(testId) is not null, timeout, cancellationToken);

    /// <summary>Waits until no element with this <c>data-testid</c> is on the page.</summary>
    public Task WaitForNoTestIdAsync(string testId, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(page => page.ByTestId(testId) is null, timeout, cancellationToken);

    /// <summary>
    /// Clicks the element with this <c>data-testid</c>: dispatches a <c>click</c> to every handler on it and its
    /// ancestors up to one that stops propagation, like the event delegator, and returns the time from the dispatch
    /// to the next render batch.
    /// </summary>
    public async Task<TimeSpan> ClickAsync(string testId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("The circuit is not started.");
        List<ulong> handlers = [];
        TaskCompletionSource<TimeSpan> rendered;
        lock (_gate)
        {
            if (_interopObjectId == 0)
            {
                throw new InvalidOperationException("The renderer's interop object has not arrived yet.");
            }

            PageNode? node = _page.ByTestId(testId) ?? throw new InvalidOperationException($"No element '{testId}' on the page.");
            for (; node is not null; node = node.Parent)
            {
                if (node is PageElement element && element.EventHandlers.TryGetValue("click", out var handlerId))
                {
                    handlers.Add(handlerId);
                    if (element.StopPropagation.Contains("click"))
                    {
                        break;
                    }
                }
            }

            if (handlers.Count == 0)
            {
                throw new InvalidOperationException($"'{testId}' has no click handler.");
            }

            rendered = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _clickRendered = rendered;
            _clickStartedAt = Stopwatch.GetTimestamp();
        }

        foreach (var handlerId in handlers)
        {
            var arguments = JsonSerializer.Serialize<object[]>([new EventDescriptor(handlerId, "click", null), MouseEventArguments.Click], Json);
            var callId = Interlocked.Increment(ref _nextCallId).ToString(CultureInfo.InvariantCulture);
            await connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", _interopObjectId, arguments, cancellationToken);
        }

        return await rendered.Task.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>Closes the connection; the server keeps the circuit as disconnected until it expires.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private void Listen(HubConnection connection)
    {
        connection.On<int, string>("JS.AttachComponent", (componentId, _) =>
        {
            lock (_gate)
            {
                _page.AttachRoot(componentId);
            }
        });
        connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", AnswerJsCallAsync);
        connection.On<string, bool, string>("JS.EndInvokeDotNet", (callId, succeeded, result) =>
        {
            if (!succeeded)
            {
                Fail($"A .NET call {callId} from the client failed: {result}");
            }
        });
        connection.On<long, byte[]>("JS.RenderBatch", ApplyBatchAsync);
        connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        connection.On<string>("JS.Error", error => Fail($"JS.Error: {error}"));
        connection.Closed += error =>
        {
            if (error is not null)
            {
                Fail($"Connection closed: {error.Message}");
            }

            return Task.CompletedTask;
        };
    }

    private async Task AnswerJsCallAsync(long asyncHandle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        if (identifier == AttachWebRendererInterop && JsonNode.Parse(argsJson) is JsonArray args
            && args[1]?["__dotNetObject"] is { } objectId)
        {
            lock (_gate)
            {
                _interopObjectId = (long)objectId;
            }
        }

        if (asyncHandle != 0)
        {
            // As the JS dispatcher answers a call that succeeded: [handle, true, result]; every call here returns nothing.
            var result = JsonSerializer.Serialize<object?[]>([asyncHandle, true, null], Json);
            await _connection!.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, result);
        }

        lock (_gate)
        {
            JsCallsAnswered++;
        }
    }

    // RenderQueue: batches are applied strictly in order from 2; an older one is acknowledged again, a newer one waits.
    private async Task ApplyBatchAsync(long batchId, byte[] data)
    {
        string? error = null;
        lock (_gate)
        {
            if (batchId > _nextBatchId)
            {
                return;
            }

            if (batchId == _nextBatchId)
            {
                _nextBatchId++;
                try
                {
                    _page.Apply(RenderBatch.Read(data));
                    BatchesApplied++;
                }
                catch (InvalidOperationException exception)
                {
                    error = exception.ToString();
                    _errors.Add($"Batch {batchId} could not be applied: {exception.Message}");
                }

                if (_clickRendered is { } click)
                {
                    _clickRendered = null;
                    click.TrySetResult(Stopwatch.GetElapsedTime(_clickStartedAt));
                }

                foreach (var waiter in _waiters.Where(w => w.Condition(_page)).ToList())
                {
                    waiter.Done.TrySetResult();
                }
            }
        }

        await _connection!.SendAsync("OnRenderCompleted", batchId, error);
    }

    private void Fail(string error)
    {
        lock (_gate)
        {
            _errors.Add(error);
        }
    }

    private sealed record EventDescriptor(ulong EventHandlerId, string EventName, object? EventFieldInfo);

    // blazor.web.js's MouseEventArgs for a primary-button click with no position worth reporting.
    private sealed record MouseEventArguments(long Detail, double ScreenX, double ScreenY, double ClientX, double ClientY, double OffsetX,
        double OffsetY, double PageX, double PageY, double MovementX, double MovementY, long Button, long Buttons, bool CtrlKey,
        bool ShiftKey, bool AltKey, bool MetaKey, string Type)
    {
        public static MouseEventArguments Click { get; } = new(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, false, false, false, "click");
    }

    // The hub connection's errors (a message it could not bind, a failed handler) are the circuit's errors.
    private sealed class ErrorLog(BlazorCircuit circuit) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                circuit.Fail($"{formatter(state, exception)} {exception?.Message}");
            }
        }

        public void Dispose()
        {
        }
    }
}
