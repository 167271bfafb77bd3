using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Association.Databank;

public sealed class ProfileInput
{
    public string? FullName { get; set; }
    public int? SchoolId { get; set; }
    public string? Position { get; set; }
    public string? Education { get; set; }
    public string? QualificationCategory { get; set; }
    public int? ExperienceYears { get; set; }
    public int? LibraryExperienceYears { get; set; }
    public string? Courses { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    /// <summary>The account a new record belongs to; chosen by the head, ignored for librarians (their own).</summary>
    public string? UserId { get; set; }
}

/// <summary>
/// A record as one viewer may see it: personal fields (education, category, experience, courses,
/// contacts) are null unless the viewer is the head, an administrator or the person.
/// </summary>
public sealed record ProfileView(
    int Id, string? UserId, string FullName, int? SchoolId, string School, string Position, bool ShowsPersonalData,
    string? Education, string? QualificationCategory, int? ExperienceYears, int? LibraryExperienceYears, string? Courses,
    string? Phone, string? Email, DateTime UpdatedAt, DateTime? ConfirmedAt, bool ConfirmedForRequest);

public sealed record UpdateRequestStatus(DatabankUpdateRequest Request, IReadOnlyList<ProfileView> Confirmed, IReadOnlyList<ProfileView> NotConfirmed);

public sealed class DatabankService(PortalDbContext db, IAssociationClock clock)
{
    public static bool MaySeePersonalData(AssociationActor viewer, LibrarianProfile profile) =>
        viewer.IsHeadOrAdmin || (profile.UserId is not null && profile.UserId == viewer.UserId);

    public static bool MayEdit(AssociationActor actor, LibrarianProfile profile) =>
        actor.IsHeadOrAdmin || (profile.UserId is not null && profile.UserId == actor.UserId);

    public async Task<List<ProfileView>> ListAsync(AssociationActor? viewer, CancellationToken ct)
    {
        var request = await ActiveRequestAsync(ct);
        var profiles = await db.LibrarianProfiles.AsNoTracking().Include(p => p.School).ToListAsync(ct);
        return profiles
            .OrderBy(p => p.School?.ShortName ?? "яяя", StringComparer.Create(Common.RussianFormat.Culture, true))
            .ThenBy(p => p.FullName, StringComparer.Create(Common.RussianFormat.Culture, true))
            .Select(p => View(p, viewer, request))
            .ToList();
    }

    public async Task<ProfileView?> GetAsync(int id, AssociationActor? viewer, CancellationToken ct)
    {
        var profile = await db.LibrarianProfiles.AsNoTracking().Include(p => p.School).FirstOrDefaultAsync(p => p.Id == id, ct);
        return profile is null ? null : View(profile, viewer, await ActiveRequestAsync(ct));
    }

    public async Task<ProfileView?> OwnAsync(AssociationActor viewer, CancellationToken ct)
    {
        var profile = await db.LibrarianProfiles.AsNoTracking().Include(p => p.School).FirstOrDefaultAsync(p => p.UserId == viewer.UserId, ct);
        return profile is null ? null : View(profile, viewer, await ActiveRequestAsync(ct));
    }

    /// <summary>Creates (id null: the actor's own record, or anyone's for the head) or updates a record; saving confirms it.</summary>
    public async Task<int> SaveAsync(int? id, ProfileInput input, AssociationActor actor, CancellationToken ct)
    {
        LibrarianProfile profile;
        if (id is null)
        {
            if (actor.IsHeadOrAdmin)
            {
                var linkTo = string.IsNullOrWhiteSpace(input.UserId) ? null : input.UserId;
                if (linkTo is not null && await db.LibrarianProfiles.AnyAsync(p => p.UserId == linkTo, ct))
                {
                    throw new AssociationRuleException("У этого пользователя уже есть анкета.", nameof(input.UserId));
                }
                profile = new LibrarianProfile { UserId = linkTo };
                db.LibrarianProfiles.Add(profile);
            }
            else if (actor.IsMember)
            {
                profile = await db.LibrarianProfiles.FirstOrDefaultAsync(p => p.UserId == actor.UserId, ct) ?? new LibrarianProfile { UserId = actor.UserId };
                if (profile.Id == 0)
                {
                    db.LibrarianProfiles.Add(profile);
                }
            }
            else
            {
                throw new AssociationRuleException("Войдите в портал, чтобы заполнить анкету.");
            }
        }
        else
        {
            profile = await db.LibrarianProfiles.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new KeyNotFoundException();
        }
        if (!MayEdit(actor, profile))
        {
            throw new AssociationRuleException("Вы можете изменять только свою анкету.");
        }
        var errors = Validate(input);
        if (input.SchoolId is { } schoolId && !await db.Schools.AnyAsync(s => s.Id == schoolId, ct))
        {
            errors.Add(new(nameof(input.SchoolId), "Выберите школу из списка."));
        }
        if (!actor.IsHeadOrAdmin && input.SchoolId is { } chosen && actor.SchoolId is { } ownSchool && chosen != ownSchool)
        {
            errors.Add(new(nameof(input.SchoolId), "Школу в анкете меняет руководитель РМО или администратор."));
        }
        AssociationRuleException.ThrowIfAny(errors);
        profile.FullName = input.FullName!.Trim();
        profile.SchoolId = input.SchoolId;
        profile.Position = input.Position?.Trim() ?? "";
        profile.Education = input.Education?.Trim() ?? "";
        profile.QualificationCategory = input.QualificationCategory?.Trim() ?? "";
        profile.ExperienceYears = input.ExperienceYears;
        profile.LibraryExperienceYears = input.LibraryExperienceYears;
        profile.Courses = input.Courses?.Trim() ?? "";
        profile.Phone = input.Phone?.Trim() ?? "";
        profile.Email = input.Email?.Trim() ?? "";
        profile.UpdatedAt = clock.UtcNow;
        profile.ConfirmedAt = clock.UtcNow;
        await db.SaveChangesAsync(ct);
        return profile.Id;
    }

    /// <summary>The person says the record is still correct, without changing anything.</summary>
    public async Task ConfirmAsync(int id, AssociationActor actor, CancellationToken ct)
    {
        var profile = await db.LibrarianProfiles.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new KeyNotFoundException();
        if (!MayEdit(actor, profile))
        {
            throw new AssociationRuleException("Подтвердить можно только свою анкету.");
        }
        profile.ConfirmedAt = clock.UtcNow;
        await db.SaveChangesAsync(ct);
    }

    public static List<FieldError> Validate(ProfileInput input)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.FullName))
        {
            errors.Add(new(nameof(input.FullName), "Укажите фамилию, имя и отчество."));
        }
        if (input.ExperienceYears is < 0 or > 60)
        {
            errors.Add(new(nameof(input.ExperienceYears), "Стаж должен быть от 0 до 60 лет."));
        }
        if (input.LibraryExperienceYears is < 0 or > 60)
        {
            errors.Add(new(nameof(input.LibraryExperienceYears), "Стаж должен быть от 0 до 60 лет."));
        }
        if (input.LibraryExperienceYears > input.ExperienceYears)
        {
            errors.Add(new(nameof(input.LibraryExperienceYears), "Библиотечный стаж не может быть больше общего."));
        }
        if (!string.IsNullOrWhiteSpace(input.Email) && !System.Net.Mail.MailAddress.TryCreate(input.Email.Trim(), out _))
        {
            errors.Add(new(nameof(input.Email), $"Адрес «{input.Email}» указан неверно."));
        }
        if (!string.IsNullOrWhiteSpace(input.Phone) && input.Phone.Count(char.IsDigit) is < 5 or > 15)
        {
            errors.Add(new(nameof(input.Phone), "Телефон должен содержать от 5 до 15 цифр."));
        }
        if (!string.IsNullOrWhiteSpace(input.QualificationCategory) && !QualificationCategories.All.Contains(input.QualificationCategory.Trim()))
        {
            errors.Add(new(nameof(input.QualificationCategory), "Выберите категорию из списка."));
        }
        return errors;
    }

    public async Task<int> RequestUpdateAsync(DateOnly deadline, string? message, AssociationActor actor, CancellationToken ct)
    {
        actor.EnsureHeadOrAdmin();
        if (deadline < clock.Today)
        {
            throw new AssociationRuleException("Срок не может быть в прошлом.", "Deadline");
        }
        foreach (var open in await db.DatabankUpdateRequests.Where(r => !r.IsClosed).ToListAsync(ct))
        {
            open.IsClosed = true;
        }
        var request = new DatabankUpdateRequest
        {
            Deadline = deadline,
            Message = string.IsNullOrWhiteSpace(message) ? "Проверьте и обновите свою анкету в банке данных." : message.Trim(),
            RequestedAt = clock.UtcNow,
            RequestedBy = actor.Name,
        };
        db.DatabankUpdateRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return request.Id;
    }

    public async Task CloseRequestAsync(AssociationActor actor, CancellationToken ct)
    {
        actor.EnsureHeadOrAdmin();
        await db.DatabankUpdateRequests.Where(r => !r.IsClosed).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsClosed, true), ct);
    }

    public Task<DatabankUpdateRequest?> ActiveRequestAsync(CancellationToken ct) =>
        db.DatabankUpdateRequests.AsNoTracking().Where(r => !r.IsClosed).OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(ct);

    /// <summary>Who has confirmed since the active request and who has not (head and admin only).</summary>
    public async Task<UpdateRequestStatus?> RequestStatusAsync(AssociationActor viewer, CancellationToken ct)
    {
        viewer.EnsureHeadOrAdmin();
        var request = await ActiveRequestAsync(ct);
        if (request is null)
        {
            return null;
        }
        var all = await ListAsync(viewer, ct);
        return new(request, all.Where(p => p.ConfirmedForRequest).ToList(), all.Where(p => !p.ConfirmedForRequest).ToList());
    }

    /// <summary>The home-page reminder for one member: the active request, when their own record is not yet confirmed.</summary>
    public async Task<(DatabankUpdateRequest Request, ProfileView? Own)?> ReminderAsync(AssociationActor viewer, CancellationToken ct)
    {
        var request = await ActiveRequestAsync(ct);
        if (request is null || !viewer.IsMember)
        {
            return null;
        }
        var own = await OwnAsync(viewer, ct);
        return own is { ConfirmedForRequest: true } ? null : (request, own);
    }

    public static ExportTable ExportTable(IReadOnlyList<ProfileView> profiles) => new("Банк данных",
        ["ФИО", "Школа", "Должность", "Образование", "Категория", "Стаж общий", "Стаж библиотечный", "Курсы", "Телефон", "Эл. почта", "Подтверждено"],
        profiles.Select(p => (IReadOnlyList<object?>)[p.FullName, p.School, p.Position, p.Education, p.QualificationCategory, p.ExperienceYears,
            p.LibraryExperienceYears, p.Courses?.Replace("\r", "").Replace("\n", "; "), p.Phone, p.Email, p.ConfirmedAt]).ToList());

    private static ProfileView View(LibrarianProfile p, AssociationActor? viewer, DatabankUpdateRequest? request)
    {
        var personal = viewer is not null && MaySeePersonalData(viewer, p);
        return new ProfileView(p.Id, p.UserId, p.FullName, p.SchoolId, p.School?.ShortName ?? "", p.Position, personal,
            personal ? p.Education : null, personal ? p.QualificationCategory : null, personal ? p.ExperienceYears : null,
            personal ? p.LibraryExperienceYears : null, personal ? p.Courses : null, personal ? p.Phone : null, personal ? p.Email : null,
            p.UpdatedAt, p.ConfirmedAt, request is not null && p.ConfirmedAt >= request.RequestedAt);
    }
}
