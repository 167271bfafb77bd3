using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Accounts;

namespace Portal.Core.Data;

/// <summary>
/// The single source of truth. Each feature adds its own sets in a partial file beside it
/// (<c>PortalDbContext.&lt;Feature&gt;.cs</c>) and its mapping as <see cref="IEntityTypeConfiguration{T}"/>
/// classes, so features grow without editing one shared file.
/// </summary>
public sealed partial class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, PortalRole, string>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
