namespace Portal.Web.Tests.Infrastructure;

/// <summary>The portal with <c>Portal:RequireLogin</c> switched on.</summary>
public sealed class RequireLoginFactory : PortalAppFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Portal:RequireLogin", "true")];
}
