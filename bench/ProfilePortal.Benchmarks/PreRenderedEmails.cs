using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Domain.Billing;
using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Domain.Profile;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The emails the hand-written sides copy instead of rendering: rendered once per language by the portal's own
/// renderer, from a model like the ones the services build (a customer of the benchmark data, the plan the data
/// uses, the benchmark's "now" in the customers' time zone).
/// </summary>
internal static class PreRenderedEmails
{
    private static readonly TimeSpan CustomerOffset = TimeSpan.FromHours(3);

    /// <summary><paramref name="model"/> rendered in each language the benchmark data's customers use.</summary>
    public static async Task<IReadOnlyDictionary<string, RenderedEmail>> RenderAsync<TModel>(IServiceProvider services, TModel model)
        where TModel : IEmailModel
    {
        var renderer = services.GetRequiredService<IEmailRenderer>();
        var rendered = new Dictionary<string, RenderedEmail>(StringComparer.Ordinal);
        foreach (var language in new[] { "ru", "en" })
        {
            rendered[language] = await renderer.RenderAsync(model, language);
        }

        return rendered;
    }

    /// <summary>A receipt for a period of <paramref name="plan"/> from <paramref name="periodStart"/>, paid at the benchmark's "now".</summary>
    public static PaymentReceiptModel Receipt(IServiceProvider services, Plan plan, string description, DateTimeOffset periodStart)
    {
        var links = services.GetRequiredService<IOptions<PortalLinkOptions>>().Value;
        var now = BenchDatabase.Now;
        return new PaymentReceiptModel(
            "First12345 Last12345", "R-20261123-0193A5F1", description, plan.Total, now.ToOffset(CustomerOffset), "•••• 4242",
            periodStart.ToOffset(CustomerOffset), periodStart.AddMonths(plan.DurationMonths).ToOffset(CustomerOffset),
            links.Link($"billing/receipts/{Guid.CreateVersion7(now)}"));
    }

    /// <summary>The receipts of the renewal sweep: a renewal's and a trial conversion's, each per language.</summary>
    public static async Task<HandWrittenRenewals.Receipts> RenewalReceiptsAsync(IServiceProvider services)
    {
        var plan = PlanCatalog.Plans.Single(p => p.Code == RenewalDatabase.PlanCode);
        var now = BenchDatabase.Now;
        return new HandWrittenRenewals.Receipts(
            await RenderAsync(services, Receipt(services, plan, $"ProfilePortal: {plan.Name}, renewal", now.AddMinutes(-5))),
            await RenderAsync(services, Receipt(services, plan, $"ProfilePortal: {plan.Name}, {plan.DurationMonths} mo after the trial", now.AddSeconds(-30))));
    }

    /// <summary>The batch size of the renewal sweep, from the portal's configuration.</summary>
    public static int RenewalBatchSize(IServiceProvider services) => services.GetRequiredService<IOptions<BillingOptions>>().Value.RenewalBatchSize;
}
