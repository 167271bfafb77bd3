namespace Portal.Core.Common;

/// <summary>Russian formatting shared by pages, exports and the index.</summary>
public static class RussianFormat
{
    public static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.GetCultureInfo("ru-RU");

    public static string Date(DateOnly? date) => date?.ToString("dd.MM.yyyy", Culture) ?? "";

    public static string Date(DateTime? utc) => utc is null ? "" : ToLocal(utc.Value).ToString("dd.MM.yyyy", Culture);

    public static string DateTime(DateTime? utc) => utc is null ? "" : ToLocal(utc.Value).ToString("dd.MM.yyyy HH:mm", Culture);

    /// <summary>«8 сентября 2023 г.», as Russian documents print dates.</summary>
    public static string LongDate(DateOnly? date) => date?.ToString("d MMMM yyyy 'г.'", Culture) ?? "";

    private static System.DateTime ToLocal(System.DateTime utc) =>
        System.DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime();
}
