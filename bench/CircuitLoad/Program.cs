namespace ProfilePortal.CircuitLoad;

/// <summary>The driver's command line.</summary>
public static class Program
{
    /// <summary>Runs a command.</summary>
    public static async Task<int> Main(string[] args)
    {
        var baseAddress = new Uri(args[0]);
        var cookies = new System.Net.CookieContainer();
        await new PortalSignIn(baseAddress, cookies).SignInAsync(args[1], args[2], CancellationToken.None);
        await using var circuit = new BlazorCircuit(baseAddress, cookies);
        await circuit.StartAsync("profile", CancellationToken.None);
        var timeout = TimeSpan.FromSeconds(20);
        await circuit.WaitForTestIdAsync("profile-edit", timeout, CancellationToken.None);
        Console.WriteLine(circuit.TextOf("profile-overview"));
        Console.WriteLine($"edit: {await circuit.ClickAsync("profile-edit", timeout, CancellationToken.None)}");
        await circuit.WaitForTestIdAsync("profile-edit-dialog", timeout, CancellationToken.None);
        Console.WriteLine(circuit.TextOf("profile-edit-dialog"));
        Console.WriteLine($"close: {await circuit.ClickAsync("profile-edit-close", timeout, CancellationToken.None)}");
        await circuit.WaitForNoTestIdAsync("profile-edit-dialog", timeout, CancellationToken.None);
        Console.WriteLine($"batches {circuit.BatchesApplied}, js {circuit.JsCallsAnswered}, errors: {string.Join(" | ", circuit.Errors)}");
        return 0;
    }
}
