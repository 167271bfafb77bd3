namespace Portal.Core.Association.Exchange;

/// <summary>One offer as typed in the form or read from a row of an imported file.</summary>
public sealed class OfferInput
{
    public string? Title { get; set; }
    public string? Authors { get; set; }
    public string? Subject { get; set; }
    public int? Grade { get; set; }
    public string? Publisher { get; set; }
    public int? Year { get; set; }
    public string? Isbn { get; set; }
    public string? FpuNumber { get; set; }
    public int? Copies { get; set; }
    public string? Condition { get; set; }

    public const int MinYear = 1980;

    /// <summary>Every broken rule, in Russian; the field names match this class's properties.</summary>
    public List<FieldError> Validate(int currentYear)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Title))
        {
            errors.Add(new(nameof(Title), "Укажите название учебника."));
        }
        else if (Title.Length > 500)
        {
            errors.Add(new(nameof(Title), "Название длиннее 500 символов."));
        }
        if (string.IsNullOrWhiteSpace(Subject))
        {
            errors.Add(new(nameof(Subject), "Укажите предмет."));
        }
        if (Grade is < 1 or > 11)
        {
            errors.Add(new(nameof(Grade), $"Класс должен быть от 1 до 11, указано {Grade}."));
        }
        if (Year is null)
        {
            errors.Add(new(nameof(Year), "Укажите год издания."));
        }
        else if (Year < MinYear || Year > currentYear + 1)
        {
            errors.Add(new(nameof(Year), $"Год издания должен быть от {MinYear} до {currentYear + 1}, указано {Year}."));
        }
        if (!string.IsNullOrWhiteSpace(Isbn) && Exchange.Isbn.Check(Isbn) is { } isbnError)
        {
            errors.Add(new(nameof(Isbn), isbnError));
        }
        if (Copies is null)
        {
            errors.Add(new(nameof(Copies), "Укажите количество экземпляров."));
        }
        else if (Copies <= 0)
        {
            errors.Add(new(nameof(Copies), "Количество экземпляров должно быть больше нуля."));
        }
        else if (Copies > 10000)
        {
            errors.Add(new(nameof(Copies), "Количество экземпляров не может превышать 10 000."));
        }
        return errors;
    }

    internal void ApplyTo(ExchangeOffer offer)
    {
        offer.Title = Title!.Trim();
        offer.Authors = Authors?.Trim() ?? "";
        offer.Subject = Subject!.Trim();
        offer.Grade = Grade;
        offer.Publisher = Publisher?.Trim() ?? "";
        offer.Year = Year!.Value;
        offer.Isbn = string.IsNullOrWhiteSpace(Isbn) ? null : Exchange.Isbn.Normalise(Isbn);
        offer.FpuNumber = string.IsNullOrWhiteSpace(FpuNumber) ? null : FpuNumber.Trim();
        offer.Condition = Condition?.Trim() ?? "";
    }
}
