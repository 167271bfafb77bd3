namespace Portal.Core.Common;

public static class WebAddress
{
    /// <summary>An absolute http(s) address: the only kind a source link or a resource link may be.</summary>
    public static bool IsValid(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
