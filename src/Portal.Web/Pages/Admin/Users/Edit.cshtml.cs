using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Accounts;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin.Users;

/// <summary>Creates a user (no id) or changes one: name, role, school, lock, password.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(UserAdministration administration, UserManager<PortalUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Id { get; set; }
    [BindProperty] public AccountInput Input { get; set; } = new();
    [BindProperty] public PasswordInput NewPassword { get; set; } = new();

    public UserSummary? Existing { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Schools { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (Existing is not null)
        {
            Input = new AccountInput { Email = Existing.Email, FullName = Existing.FullName, Role = Existing.Roles.FirstOrDefault() ?? Roles.Librarian, SchoolId = Existing.SchoolId };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (Existing is null && string.IsNullOrWhiteSpace(Input.Password))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Password)}", "Задайте начальный пароль.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (Existing is null)
        {
            var (result, id) = await administration.CreateAsync(new NewUserInput(Input.Email, Input.FullName, Input.Role, Input.SchoolId, Input.Password!), cancellationToken);
            if (!Report(result, nameof(Input)))
            {
                return Page();
            }
            TempData["Notice"] = $"Пользователь {Input.Email} создан.";
            return Redirect($"/admin/users/{id}");
        }
        var updated = await administration.UpdateAsync(Existing.Id, Input.FullName, Input.Role, Input.SchoolId, users.GetUserId(User) ?? "", cancellationToken);
        if (!Report(updated, nameof(Input)))
        {
            return Page();
        }
        TempData["Notice"] = "Изменения сохранены.";
        return Redirect($"/admin/users/{Existing.Id}");
    }

    public Task<IActionResult> OnPostLockAsync(CancellationToken cancellationToken) => SetLockedAsync(true, cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) => SetLockedAsync(false, cancellationToken);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Existing is null)
        {
            return NotFound();
        }
        RestoreInput();
        // Only the password form was posted: the account fields' "missing" errors do not apply.
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(NewPassword.Password))
        {
            ModelState.AddModelError($"{nameof(NewPassword)}.{nameof(PasswordInput.Password)}", "Введите новый пароль.");
        }
        else if (NewPassword.Password.Length > 200)
        {
            ModelState.AddModelError($"{nameof(NewPassword)}.{nameof(PasswordInput.Password)}", "Слишком длинный пароль.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!Report(await administration.ResetPasswordAsync(Existing.Id, NewPassword.Password), $"{nameof(NewPassword)}.{nameof(PasswordInput.Password)}"))
        {
            return Page();
        }
        TempData["Notice"] = "Пароль изменён. Сообщите его пользователю лично.";
        return Redirect($"/admin/users/{Existing.Id}");
    }

    private async Task<IActionResult> SetLockedAsync(bool locked, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Existing is null)
        {
            return NotFound();
        }
        var result = await administration.SetLockedAsync(Existing.Id, locked, users.GetUserId(User) ?? "");
        if (!result.Succeeded)
        {
            ModelState.Clear();
            RestoreInput();
            Report(result, "");
            return Page();
        }
        TempData["Notice"] = locked ? "Учётная запись заблокирована." : "Учётная запись разблокирована.";
        return Redirect($"/admin/users/{Existing.Id}");
    }

    private void RestoreInput()
    {
        if (Existing is not null)
        {
            Input = new AccountInput { Email = Existing.Email, FullName = Existing.FullName, Role = Existing.Roles.FirstOrDefault() ?? Roles.Librarian, SchoolId = Existing.SchoolId };
        }
    }

    private bool Report(AccountResult result, string field)
    {
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(field == nameof(Input) ? "" : field, error);
        }
        return result.Succeeded;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Schools = await administration.SchoolsAsync(cancellationToken);
        if (Id is null)
        {
            return true;
        }
        Existing = await administration.GetAsync(Id, cancellationToken);
        return Existing is not null;
    }

    public sealed class AccountInput
    {
        [Required(ErrorMessage = "Введите электронную почту.")]
        [EmailAddress(ErrorMessage = "Адрес электронной почты указан неверно.")]
        [StringLength(256, ErrorMessage = "Слишком длинный адрес.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Введите фамилию, имя и отчество.")]
        [StringLength(200, ErrorMessage = "Не более 200 знаков.")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Выберите роль.")]
        public string Role { get; set; } = Roles.Librarian;

        public int? SchoolId { get; set; }

        [StringLength(200, ErrorMessage = "Слишком длинный пароль.")]
        public string? Password { get; set; }
    }

    /// <summary>Checked only by the password handler, so the other forms of the page post without it.</summary>
    public sealed class PasswordInput
    {
        public string Password { get; set; } = "";
    }
}
