using ProfilePortal.Domain.Identity;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Tests.Components.Profile;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Billing;

/// <summary>The billing components over the real billing services, sandbox gateway and a SQLite database.</summary>
public abstract class BillingTestContext(ProfileUiServices portal) : ProfileComponentTestContext(portal)
{
    protected BillingService Billing => Portal.Get<BillingService>();

    /// <summary>A signed-in customer (the owner of their personal organization).</summary>
    protected async Task<Customer> SignedInOwnerAsync(string language = "en")
    {
        var user = await SignedInCustomerAsync(language);
        var workspace = await Portal.Get<Domain.Organizations.OrganizationAccess>().GetWorkspaceAsync(user.Id);
        return new Customer(user, workspace!.Current.OrganizationId);
    }

    protected Task<Payment> BuyAsync(Customer customer, string plan = "new_quarterly") => Portal.BuyAsync(customer, plan);

    protected static ApplicationUser UserOf(Customer customer) => customer.User;
}
