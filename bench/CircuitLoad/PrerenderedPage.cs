using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProfilePortal.CircuitLoad;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it starts a circuit: the interactive server
/// components' start markers (<c>&lt;!--Blazor:{"type":"server",...}--&gt;</c>) in document order, and the
/// persisted component state (<c>&lt;!--Blazor-Server-Component-State:...--&gt;</c>) if the page has one.
/// </summary>
public sealed partial class PrerenderedPage
{
    private PrerenderedPage(IReadOnlyList<JsonObject> serverMarkers, string applicationState)
    {
        ServerMarkers = serverMarkers;
        ApplicationState = applicationState;
    }

    /// <summary>The server components' markers, as the client sends them back (with a <c>uniqueId</c>).</summary>
    public IReadOnlyList<JsonObject> ServerMarkers { get; }

    /// <summary>The persisted state, or an empty string.</summary>
    public string ApplicationState { get; }

    /// <summary>Reads the markers and state from the page's HTML.</summary>
    public static PrerenderedPage Parse(string html)
    {
        var markers = new List<JsonObject>();
        var uniqueId = 0;
        foreach (Match comment in Comments().Matches(html))
        {
            var content = comment.Groups["content"].Value;
            var marker = ComponentMarker().Match(content);
            if (!marker.Success || JsonNode.Parse(marker.Groups["json"].Value) is not JsonObject payload || !payload.ContainsKey("type"))
            {
                // End markers carry only the prerender id.
                continue;
            }

            payload["uniqueId"] = uniqueId++;
            if ((string?)payload["type"] == "server")
            {
                markers.Add(payload);
            }
        }

        var state = html.Split("<!--").Select(c => ServerState().Match(c)).FirstOrDefault(m => m.Success)?.Groups["state"].Value;
        return new PrerenderedPage(markers, state ?? string.Empty);
    }

    /// <summary>
    /// The first <c>UpdateRootComponents</c> batch blazor.web.js sends: an "add" operation per server component,
    /// numbered from 1 in document order (<c>WebRootComponentManager</c>).
    /// </summary>
    public string AddOperationsJson()
    {
        var operations = new JsonArray();
        for (var i = 0; i < ServerMarkers.Count; i++)
        {
            operations.Add(new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = ServerMarkers[i].DeepClone(),
            });
        }

        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString(JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new();

    [GeneratedRegex("<!--(?<content>.*?)-->", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"^\s*Blazor:[^{]*(?<json>.*)$", RegexOptions.Singleline)]
    private static partial Regex ComponentMarker();

    [GeneratedRegex(@"^\s*Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)-->", RegexOptions.Singleline)]
    private static partial Regex ServerState();
}
