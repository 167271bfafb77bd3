using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Accounts;

namespace Portal.Web.Pages.Account;

public sealed class LoginModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            ModelState.AddModelError("", "Неверная электронная почта или пароль.");
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        ModelState.AddModelError("", result.IsLockedOut
            ? "Слишком много неудачных попыток. Учётная запись временно заблокирована на 15 минут."
            : "Неверная электронная почта или пароль.");
        return Page();
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Введите электронную почту.")]
        [EmailAddress(ErrorMessage = "Адрес электронной почты указан неверно.")]
        [StringLength(256, ErrorMessage = "Слишком длинный адрес.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Введите пароль.")]
        [StringLength(200, ErrorMessage = "Слишком длинный пароль.")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
