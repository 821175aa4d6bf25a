using System.Diagnostics;
using System.Text.RegularExpressions;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.EndToEnd;

internal static partial class MailDevExtensions
{
    /// <summary>
    /// Waits, bounded, for the outbox dispatcher to deliver a message to <paramref name="recipient"/>: delivery
    /// is asynchronous by design (outbox → scheduler → SMTP), so the test watches the mailbox as a person would.
    /// </summary>
    public static async Task<MailDevEmail> WaitForMessageAsync(this MailDevServer mail, string recipient, int count = 1, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var messages = await mail.GetMessagesAsync(recipient);
            if (messages.Count >= count)
            {
                return messages[count - 1];
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"No message number {count} to {recipient} arrived within {limit}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>The first link in the plain-text part that leads to <paramref name="path"/>.</summary>
    public static Uri LinkTo(this MailDevEmail message, string path)
    {
        var text = message.Text ?? throw new InvalidOperationException("The message has no plain-text part.");
        var link = Links().Matches(text).Select(m => m.Value).FirstOrDefault(url => url.Contains(path, StringComparison.OrdinalIgnoreCase));
        return link is null
            ? throw new InvalidOperationException($"No link to {path} in:\n{text}")
            : new Uri(link);
    }

    [GeneratedRegex(@"https?://[^\s""'<>)]+")]
    private static partial Regex Links();
}
