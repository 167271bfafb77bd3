using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Portal.Core.Accounts;
using Portal.Core.Association;
using Portal.Core.Association.Databank;
using Portal.Core.Association.Deliveries;
using Portal.Core.Association.Exchange;
using Portal.Core.Association.Meetings;
using Portal.Core.Association.Plans;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

/// <summary>The association's own work: meetings and protocols, the work plan, the exchange fund, the databank, delivery monitoring.</summary>
public static class AssociationSetup
{
    public static IServiceCollection AddAssociationFeature(this IServiceCollection services)
    {
        services.AddSingleton<IAssociationClock, SystemAssociationClock>();
        services.AddScoped<MeetingService>();
        services.AddScoped<WorkPlanService>();
        services.AddScoped<ExchangeService>();
        services.AddScoped<DatabankService>();
        services.AddScoped<DeliveryService>();
        services.AddScoped<AssociationActorAccessor>();
        services.AddScoped<SchoolDirectory>();
        services.AddSingleton<IContentImporter, MeetingContentImporter>();
        services.AddSingleton<IContentImporter, PlanContentImporter>();
        return services;
    }
}

/// <summary>The signed-in user as an <see cref="AssociationActor"/> (with the school the account is linked to).</summary>
public sealed class AssociationActorAccessor(UserManager<PortalUser> users)
{
    private AssociationActor? _cached;

    public async Task<AssociationActor?> GetAsync(ClaimsPrincipal principal)
    {
        if (_cached is not null)
        {
            return _cached;
        }
        if (principal.Identity?.IsAuthenticated != true || await users.GetUserAsync(principal) is not { } user)
        {
            return null;
        }
        var roles = Roles.All.Where(principal.IsInRole).ToList();
        return _cached = AssociationActor.For(user, roles);
    }
}

public static class AssociationModelState
{
    /// <summary>Puts a service's Russian messages next to their fields (prefixed as the page binds them).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, AssociationRuleException exception, string prefix = "Input")
    {
        foreach (var error in exception.Errors)
        {
            modelState.AddModelError(error.Field is null ? "" : $"{prefix}.{error.Field}", error.Message);
        }
    }
}
