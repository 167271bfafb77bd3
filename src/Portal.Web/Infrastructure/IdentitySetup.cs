using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Accounts;
using Portal.Core.Configuration;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

public static class Policies
{
    /// <summary>Writes shared content: materials, documents, NEB, protocols, plans.</summary>
    public const string Publish = nameof(Publish);
    /// <summary>Manages users, roles, sources and the index.</summary>
    public const string Administer = nameof(Administer);
    /// <summary>Any signed-in member of the association (writes their own school's data).</summary>
    public const string Member = nameof(Member);
}

public static class IdentitySetup
{
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        services.AddIdentity<PortalUser, PortalRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<RussianIdentityErrorDescriber>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "portal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Publish, p => p.RequireRole(Roles.Head, Roles.Admin))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Member, p => p.RequireRole(Roles.Head, Roles.Librarian, Roles.Admin));
        return services;
    }

    /// <summary>
    /// Creates the three roles, and the first administrator from <c>Portal:Admin</c> only when no
    /// administrator exists yet: there is no built-in password.
    /// </summary>
    public static async Task EnsureRolesAndAdminAsync(IServiceProvider services)
    {
        var options = services.GetRequiredService<PortalOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(IdentitySetup));
        var adminConfigured = !string.IsNullOrWhiteSpace(options.Admin.Email) && !string.IsNullOrWhiteSpace(options.Admin.Password);
        // The usual start (the roles exist, and an administrator or nobody to create) needs no Identity
        // manager: their first use costs a noticeable part of a second of start-up.
        var existing = await FindRolesAndAdminAsync(services.GetRequiredService<PortalDbContext>());
        if (existing.AllRoles && (existing.Admin || !adminConfigured))
        {
            if (!existing.Admin)
            {
                LogNoAdministrator(logger);
            }
            return;
        }

        var roles = services.GetRequiredService<RoleManager<PortalRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new PortalRole(role));
            }
        }

        var users = services.GetRequiredService<UserManager<PortalUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(options.Admin.Email) || string.IsNullOrWhiteSpace(options.Admin.Password))
        {
            LogNoAdministrator(logger);
            return;
        }
        var admin = await users.FindByEmailAsync(options.Admin.Email) ?? new PortalUser
        {
            UserName = options.Admin.Email,
            Email = options.Admin.Email,
            EmailConfirmed = true,
            FullName = options.Admin.FullName,
        };
        var result = admin.Id is { Length: > 0 } && await users.FindByIdAsync(admin.Id) is not null
            ? IdentityResult.Success
            : await users.CreateAsync(admin, options.Admin.Password);
        if (!result.Succeeded)
        {
            logger.LogError("The first administrator could not be created: {Errors}", string.Join("; ", result.Errors.Select(e => e.Description)));
            return;
        }
        await users.AddToRoleAsync(admin, Roles.Admin);
        logger.LogInformation("Created the first administrator {Email}.", options.Admin.Email);
    }

    private static void LogNoAdministrator(ILogger logger) =>
        logger.LogWarning("No administrator exists. Set Portal:Admin:Email and Portal:Admin:Password to create one.");

    /// <summary>Whether all roles exist and whether anyone holds the administrator role, in two plain queries.</summary>
    internal static async Task<(bool AllRoles, bool Admin)> FindRolesAndAdminAsync(PortalDbContext db)
    {
        var roles = await db.Roles.Where(r => r.Name != null && Roles.All.Contains(r.Name)).Select(r => new { r.Id, r.Name }).ToListAsync();
        var adminRole = roles.FirstOrDefault(r => r.Name == Roles.Admin)?.Id;
        var admin = adminRole is not null && await db.UserRoles.AnyAsync(ur => ur.RoleId == adminRole);
        return (roles.Count == Roles.All.Count, admin);
    }
}

/// <summary>Identity's messages in Russian, since they reach users on the login and account forms.</summary>
public sealed class RussianIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Пароль должен содержать не менее {length} символов." };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "Пароль должен содержать хотя бы одну цифру." };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "Пароль должен содержать хотя бы одну строчную букву." };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "Пароль должен содержать хотя бы одну заглавную букву." };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "Пароль должен содержать хотя бы один знак, не являющийся буквой или цифрой." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Пароль должен содержать не менее {uniqueChars} разных символов." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Адрес {email} уже занят." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Имя пользователя {userName} уже занято." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"Адрес «{email}» указан неверно." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"Имя пользователя «{userName}» недопустимо: используйте латинские буквы, цифры и знаки @ . - _" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Неверный пароль." };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"Пользователь уже имеет роль «{role}»." };
    public override IdentityError UserNotInRole(string role) => new() { Code = nameof(UserNotInRole), Description = $"У пользователя нет роли «{role}»." };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Произошла ошибка. Попробуйте ещё раз." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Запись изменена другим пользователем. Обновите страницу." };
}
