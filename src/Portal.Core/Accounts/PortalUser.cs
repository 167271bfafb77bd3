using Microsoft.AspNetCore.Identity;
using Portal.Core.Schools;

namespace Portal.Core.Accounts;

public sealed class PortalUser : IdentityUser
{
    public string FullName { get; set; } = "";
    public int? SchoolId { get; set; }
    public School? School { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

public sealed class PortalRole : IdentityRole
{
    public PortalRole() { }
    public PortalRole(string name) : base(name) { }
}

/// <summary>Role names as users see them; they are stored as is.</summary>
public static class Roles
{
    public const string Head = "Руководитель";
    public const string Librarian = "Библиотекарь";
    public const string Admin = "Администратор";

    public static readonly IReadOnlyList<string> All = [Head, Librarian, Admin];

    /// <summary>Writers of shared content: the head, and administrators who stand in for them.</summary>
    public const string HeadOrAdmin = Head + "," + Admin;
}
