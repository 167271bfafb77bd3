using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages;

/// <summary>Russian error pages for every status; never shows exception details.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? 500;
        (Heading, Message) = status switch
        {
            404 => ("Страница не найдена", "Такой страницы нет: возможно, ссылка устарела или в адресе опечатка."),
            403 => ("Доступ запрещён", "У вашей учётной записи нет прав на это действие."),
            400 => ("Неверный запрос", "Запрос не удалось обработать. Обновите страницу и попробуйте ещё раз."),
            405 => ("Действие недоступно", "Этот адрес не принимает такой запрос."),
            413 => ("Файл слишком большой", "Размер отправленных данных превышает допустимый."),
            429 => ("Слишком много запросов", Infrastructure.RateLimitingSetup.TooManyRequestsMessage),
            _ => ("Что-то пошло не так", "Произошла ошибка на сервере. Мы уже знаем о ней; попробуйте повторить действие позже."),
        };
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            Response.StatusCode = status;
        }
    }
}
