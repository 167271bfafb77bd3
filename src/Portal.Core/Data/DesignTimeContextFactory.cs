using Microsoft.EntityFrameworkCore.Design;
using Portal.Core.Configuration;

namespace Portal.Core.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web host.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        PortalDatabase.Open(new PortalOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "portal-design") });
}
