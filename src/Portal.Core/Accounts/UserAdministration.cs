using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Accounts;

public sealed record UserSummary(string Id, string Email, string FullName, string? SchoolName, int? SchoolId, IReadOnlyList<string> Roles, bool IsLockedOut, DateTime CreatedAt);

public sealed record NewUserInput(string Email, string FullName, string Role, int? SchoolId, string Password);

/// <summary>Outcome of an account change: success, or Russian messages to show on the form.</summary>
public sealed record AccountResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static readonly AccountResult Success = new(true, []);
    public static AccountResult Fail(params string[] errors) => new(false, errors);
    public static AccountResult From(IdentityResult result) => new(result.Succeeded, result.Errors.Select(e => e.Description).ToList());
}

/// <summary>What an administrator does to accounts: create, change role and school, lock, reset password.</summary>
public sealed class UserAdministration(PortalDbContext db, UserManager<PortalUser> users)
{
    /// <summary>Locked "forever" in practice: an administrator unlocks by hand.</summary>
    private static readonly DateTimeOffset LockedUntil = new(2999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Users.AsNoTracking().Include(u => u.School).OrderBy(u => u.FullName).ThenBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name ?? "");
        return rows.Select(u => ToSummary(u, byUser[u.Id].ToList())).ToList();
    }

    public async Task<UserSummary?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.School).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name)
            .ToListAsync(cancellationToken);
        return ToSummary(user, roles.Select(r => r ?? "").ToList());
    }

    /// <summary>Schools a user can be attached to, for the form's list.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> SchoolsAsync(CancellationToken cancellationToken) =>
        (await db.Schools.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, s.Name)).ToList();

    public async Task<(AccountResult Result, string? Id)> CreateAsync(NewUserInput input, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(input.Role))
        {
            return (AccountResult.Fail("Выберите роль из списка."), null);
        }
        if (input.SchoolId is { } schoolId && !await db.Schools.AnyAsync(s => s.Id == schoolId, cancellationToken))
        {
            return (AccountResult.Fail("Такой школы нет в списке."), null);
        }
        var email = input.Email.Trim();
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = input.FullName.Trim(),
            SchoolId = input.SchoolId,
        };
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            return (AccountResult.From(created), null);
        }
        return (AccountResult.From(await users.AddToRoleAsync(user, input.Role)), user.Id);
    }

    /// <summary>Sets the one role and the school of a user. An administrator cannot take the role away from themselves.</summary>
    public async Task<AccountResult> UpdateAsync(string id, string fullName, string role, int? schoolId, string actingUserId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return AccountResult.Fail("Пользователь не найден.");
        }
        if (!Roles.All.Contains(role))
        {
            return AccountResult.Fail("Выберите роль из списка.");
        }
        if (schoolId is { } s && !await db.Schools.AnyAsync(x => x.Id == s, cancellationToken))
        {
            return AccountResult.Fail("Такой школы нет в списке.");
        }
        var current = await users.GetRolesAsync(user);
        if (id == actingUserId && current.Contains(Roles.Admin) && role != Roles.Admin)
        {
            return AccountResult.Fail("Нельзя снять роль администратора с самого себя: попросите другого администратора.");
        }
        user.FullName = fullName.Trim();
        user.SchoolId = schoolId;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return AccountResult.From(updated);
        }
        var remove = current.Where(r => r != role).ToList();
        if (remove.Count > 0)
        {
            var removed = await users.RemoveFromRolesAsync(user, remove);
            if (!removed.Succeeded)
            {
                return AccountResult.From(removed);
            }
        }
        return current.Contains(role) ? AccountResult.Success : AccountResult.From(await users.AddToRoleAsync(user, role));
    }

    public async Task<AccountResult> SetLockedAsync(string id, bool locked, string actingUserId)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return AccountResult.Fail("Пользователь не найден.");
        }
        if (locked && id == actingUserId)
        {
            return AccountResult.Fail("Нельзя заблокировать собственную учётную запись.");
        }
        await users.SetLockoutEnabledAsync(user, true);
        var result = await users.SetLockoutEndDateAsync(user, locked ? LockedUntil : null);
        if (result.Succeeded && !locked)
        {
            await users.ResetAccessFailedCountAsync(user);
        }
        if (result.Succeeded)
        {
            // Signs the user out everywhere at the next cookie validation.
            await users.UpdateSecurityStampAsync(user);
        }
        return AccountResult.From(result);
    }

    public async Task<AccountResult> ResetPasswordAsync(string id, string newPassword)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return AccountResult.Fail("Пользователь не найден.");
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return AccountResult.From(await users.ResetPasswordAsync(user, token, newPassword));
    }

    private static UserSummary ToSummary(PortalUser u, IReadOnlyList<string> roles) =>
        new(u.Id, u.Email ?? "", u.FullName, u.School?.ShortName is { Length: > 0 } s ? s : u.School?.Name, u.SchoolId, roles,
            u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow, u.CreatedAt);
}
