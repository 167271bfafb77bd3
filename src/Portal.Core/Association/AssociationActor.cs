using Portal.Core.Accounts;

namespace Portal.Core.Association;

/// <summary>
/// Who is acting, as the association's services need it: the head and administrators may change
/// every school's data, a librarian only their own school's.
/// </summary>
public sealed record AssociationActor(string UserId, string Name, int? SchoolId, IReadOnlyCollection<string> Roles)
{
    public bool IsHeadOrAdmin => Roles.Contains(Accounts.Roles.Head) || Roles.Contains(Accounts.Roles.Admin);

    public bool IsMember => IsHeadOrAdmin || Roles.Contains(Accounts.Roles.Librarian);

    public bool MayChangeSchool(int schoolId) => IsHeadOrAdmin || (IsMember && SchoolId == schoolId);

    public void EnsureMayChangeSchool(int schoolId)
    {
        if (!MayChangeSchool(schoolId))
        {
            throw new AssociationRuleException("Вы можете изменять данные только своей школы.");
        }
    }

    public void EnsureHeadOrAdmin()
    {
        if (!IsHeadOrAdmin)
        {
            throw new AssociationRuleException("Это действие доступно руководителю РМО и администратору.");
        }
    }

    public static AssociationActor For(PortalUser user, IReadOnlyCollection<string> roles) =>
        new(user.Id, string.IsNullOrWhiteSpace(user.FullName) ? user.UserName ?? user.Id : user.FullName, user.SchoolId, roles);
}

/// <summary>One broken rule: the input it belongs to (e.g. "Copies", null for the whole form) and a Russian message.</summary>
public sealed record FieldError(string? Field, string Message);

/// <summary>Rules of the association's work were broken; the messages are Russian and shown to the user as is.</summary>
public sealed class AssociationRuleException : Exception
{
    public AssociationRuleException(string message, string? field = null) : this([new FieldError(field, message)]) { }

    public AssociationRuleException(IReadOnlyList<FieldError> errors) : base(string.Join(" ", errors.Select(e => e.Message))) => Errors = errors;

    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>Throws when <paramref name="errors"/> is not empty.</summary>
    public static void ThrowIfAny(List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new AssociationRuleException(errors);
        }
    }
}

/// <summary>Lets tests and the delivery dashboard fix "today" without touching the wall clock.</summary>
public interface IAssociationClock
{
    DateTime UtcNow { get; }

    /// <summary>Today in the district (Moscow time, where the association works).</summary>
    DateOnly Today { get; }

    /// <summary>The district's calendar day of a UTC moment.</summary>
    DateOnly DistrictDate(DateTime utc);
}

public sealed class SystemAssociationClock : IAssociationClock
{
    private static readonly TimeZoneInfo District = FindZone();

    public DateTime UtcNow => DateTime.UtcNow;

    public DateOnly Today => DistrictDate(UtcNow);

    public DateOnly DistrictDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), District));

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("MSK", TimeSpan.FromHours(3), "MSK", "MSK");
        }
    }
}
