using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Core.Crawling;

/// <summary>Requisites of an official act as printed in its title: type, issuing body, date, number, name.</summary>
public sealed record Requisites(string? DocType, string? Issuer, DateOnly? Date, string? Number, string? Title)
{
    public static Requisites Empty { get; } = new(null, null, null, null, null);

    public bool IsDocument => DocType is not null && (Number is not null || Date is not null);
}

/// <summary>
/// Reads requisites from the ways Russian official acts print them:
/// «Приказ Министерства просвещения Российской Федерации от 21.09.2022 № 858 "Об утверждении…"»,
/// «Федеральный закон от 29.12.2012 N 273-ФЗ», «Постановление … от 5 апреля 2018 г. N 28 г. Москва "…"»,
/// «Письмо Минпросвещения России от 11.05.2021 № СК-123/07», the number before the date, and the
/// blank layout (МИНИСТЕРСТВО … / ПРИКАЗ / от … № … / ОБ УТВЕРЖДЕНИИ …) of the first lines.
/// </summary>
public static partial class RequisitesParser
{
    // Longest first, so «Федеральный конституционный закон» wins over «Закон».
    private static readonly string[] Types =
    [
        "Федеральный конституционный закон", "Федеральный закон", "Закон Российской Федерации", "Закон РФ",
        "Методические рекомендации", "Информационное письмо", "Постановление", "Распоряжение", "Приказ", "Указ",
        "Письмо", "Решение", "Определение", "Закон", "Инструкция", "Положение", "Протокол", "Кодекс", "Конституция",
        "СанПиН", "Санитарные правила", "ГОСТ Р", "ГОСТ",
    ];

    private static readonly string[] Months =
        ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

    /// <summary>Genitive names in titles → the nominative name a requisites card shows.</summary>
    private static readonly (string Genitive, string Nominative)[] KnownIssuers =
    [
        ("Министерства просвещения Российской Федерации", "Министерство просвещения Российской Федерации"),
        ("Минпросвещения России", "Министерство просвещения Российской Федерации"),
        ("Минпросвещения РФ", "Министерство просвещения Российской Федерации"),
        ("Минобрнауки России", "Министерство образования и науки Российской Федерации"),
        ("Минобрнауки РФ", "Министерство образования и науки Российской Федерации"),
        ("Минкультуры России", "Министерство культуры Российской Федерации"),
        ("Минкультуры РФ", "Министерство культуры Российской Федерации"),
        ("Минстроя России", "Министерство строительства и жилищно-коммунального хозяйства Российской Федерации"),
        ("Минстроя РФ", "Министерство строительства и жилищно-коммунального хозяйства Российской Федерации"),
        ("Минфина России", "Министерство финансов Российской Федерации"),
        ("Минфина РФ", "Министерство финансов Российской Федерации"),
        ("Минтруда России", "Министерство труда и социальной защиты Российской Федерации"),
        ("Рособрнадзора", "Федеральная служба по надзору в сфере образования и науки"),
        ("Правительства РФ", "Правительство Российской Федерации"),
        ("Президента РФ", "Президент Российской Федерации"),
        ("Пленума Верховного Суда Российской Федерации", "Верховный Суд Российской Федерации"),
        ("Конституционного Суда Российской Федерации", "Конституционный Суд Российской Федерации"),
        ("Главного государственного санитарного врача Российской Федерации", "Главный государственный санитарный врач Российской Федерации"),
        ("Главного государственного санитарного врача РФ", "Главный государственный санитарный врач Российской Федерации"),
    ];

    /// <summary>First word of a body in the genitive → nominative («Министерства» → «Министерство»).</summary>
    private static readonly Dictionary<string, string> GenitiveHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Министерства"] = "Министерство", ["Правительства"] = "Правительство", ["Президента"] = "Президент",
        ["Губернатора"] = "Губернатор", ["Главы"] = "Глава", ["Мэра"] = "Мэр", ["Департамента"] = "Департамент",
        ["Комитета"] = "Комитет", ["Управления"] = "Управление", ["Федеральной"] = "Федеральная", ["Службы"] = "Служба",
        ["Федерального"] = "Федеральное", ["Администрации"] = "Администрация", ["Центральной"] = "Центральная",
        ["Главного"] = "Главный", ["Агентства"] = "Агентство", ["Совета"] = "Совет", ["Думы"] = "Дума",
        ["Банка"] = "Банк", ["Государственной"] = "Государственная", ["Пленума"] = "Пленум",
    };

    private const string DatePattern = @"(?<date>\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}\s+(?:" + "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря" + @")\s+\d{4})(?:\s*(?:г\.|года|г(?=\s)))?";
    private const string NumberPattern = @"(?:№|N|No\.?|Nо)\s*(?<number>[0-9A-Za-zА-Яа-яЁё][0-9A-Za-zА-Яа-яЁё\-/\.]*[0-9A-Za-zА-Яа-яЁё]|[0-9A-Za-zА-Яа-яЁё])";

    [GeneratedRegex(@"(?:^|\s)от\s+" + DatePattern, RegexOptions.IgnoreCase)]
    private static partial Regex DateAfterOt();

    [GeneratedRegex(DatePattern, RegexOptions.IgnoreCase)]
    private static partial Regex AnyDate();

    [GeneratedRegex(@"(?<![А-Яа-яA-Za-z])" + NumberPattern)]
    private static partial Regex Number();

    [GeneratedRegex(@"^\s*(?:(?:г\.|года)\s*)*(?:[А-Я][а-я\-]+\s*(?=[""«„“]))?[""«„“]?")]
    private static partial Regex TitleLead();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?:О|Об|Обо|По|Для)\s", RegexOptions.IgnoreCase)]
    private static partial Regex TitleStart();

    /// <summary>Parses the title; when it holds no type, the first lines of the text (a blank's layout) are tried.</summary>
    public static Requisites Parse(string? title, string? text = null)
    {
        var fromTitle = ParseLine(Clean(title ?? ""));
        if (fromTitle.IsDocument || string.IsNullOrWhiteSpace(text))
        {
            return fromTitle;
        }
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(15).ToList();
        // A title line printed at the start of the text («Приказ … от … № …»).
        foreach (var line in lines.Take(5))
        {
            var parsed = ParseLine(Clean(line));
            if (parsed.IsDocument)
            {
                return parsed.Title is null && fromTitle.Title is null ? parsed with { Title = NextTitle(lines, line) } : parsed;
            }
        }
        return FromBlank(lines, fromTitle);
    }

    private static string Clean(string text) => Spaces().Replace(text.Replace('\u00A0', ' '), " ").Trim();

    private static Requisites ParseLine(string line)
    {
        if (line.Length == 0)
        {
            return Requisites.Empty;
        }
        var type = Types.FirstOrDefault(t => line.StartsWith(t + " ", StringComparison.OrdinalIgnoreCase) || line.Equals(t, StringComparison.OrdinalIgnoreCase));
        if (type is null)
        {
            return Requisites.Empty with { Title = TitleStart().IsMatch(line) ? line : null };
        }
        var rest = line[type.Length..];
        var dateMatch = DateAfterOt().Match(rest);
        var numberMatch = Number().Match(rest);
        var date = dateMatch.Success ? ParseDate(dateMatch.Groups["date"].Value) : null;
        var number = numberMatch.Success ? NormalizeNumber(numberMatch.Groups["number"].Value) : null;

        var issuerEnd = new[] { dateMatch.Success ? dateMatch.Index : rest.Length, numberMatch.Success ? numberMatch.Index : rest.Length, QuoteIndex(rest) }.Min();
        var issuer = Issuer(type, rest[..issuerEnd].Trim(' ', ',', '.'));

        var afterRequisites = Math.Max(dateMatch.Success ? dateMatch.Index + dateMatch.Length : 0, numberMatch.Success ? numberMatch.Index + numberMatch.Length : 0);
        var title = ExtractTitle(rest[afterRequisites..]);
        return new Requisites(NormalizeType(type, issuer), issuer, date, number, title);
    }

    private static int QuoteIndex(string text)
    {
        var index = text.IndexOfAny(['"', '«', '„', '“']);
        return index < 0 ? text.Length : index;
    }

    private static string? ExtractTitle(string tail)
    {
        var lead = TitleLead().Match(tail);
        var title = tail[lead.Length..].Trim();
        if (title.Length > 0 && title[^1] is '"' or '»' or '“' or '”' && lead.Value.TrimEnd().Length > 0 && lead.Value.TrimEnd()[^1] is '"' or '«' or '„' or '“')
        {
            title = title[..^1].TrimEnd();
        }
        return title.Length == 0 ? null : title;
    }

    private static string NormalizeType(string type, string? issuer) => type switch
    {
        "Закон РФ" or "Закон Российской Федерации" => "Закон Российской Федерации",
        "ГОСТ Р" => "ГОСТ",
        "Санитарные правила" => "СанПиН",
        "Закон" when issuer is not null && !issuer.Contains("Российской Федерации") => "Закон субъекта Российской Федерации",
        _ => type,
    };

    private static string? Issuer(string type, string text)
    {
        if (type.StartsWith("Федеральный", StringComparison.Ordinal))
        {
            return "Федеральное Собрание Российской Федерации";
        }
        if (text.Length == 0)
        {
            return null;
        }
        foreach (var (genitive, nominative) in KnownIssuers)
        {
            if (text.Equals(genitive, StringComparison.OrdinalIgnoreCase))
            {
                return nominative;
            }
        }
        text = text.Replace("Российской Федерации", "Российской Федерации").Replace(" РФ", " Российской Федерации");
        if (text.EndsWith(" России", StringComparison.Ordinal))
        {
            text = text[..^" России".Length] + " Российской Федерации";
        }
        var words = text.Split(' ');
        if (GenitiveHeads.TryGetValue(words[0], out var head))
        {
            words[0] = head;
            // «Главного государственного санитарного врача» → the adjectives follow the head.
            if (head == "Главный" && words.Length > 3)
            {
                words[1] = words[1].Replace("ого", "ый");
                words[2] = words[2].Replace("ого", "ый");
                words[3] = words[3].EndsWith('а') ? words[3][..^1] : words[3];
            }
            return string.Join(' ', words);
        }
        if (type == "Закон")
        {
            return RegionNominative(text);
        }
        return text;
    }

    /// <summary>«Свердловской области» → «Свердловская область», «Республики Крым» → «Республика Крым».</summary>
    private static string RegionNominative(string text)
    {
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            words[i] = w switch
            {
                "области" => "область",
                "края" => "край",
                "Республики" => "Республика",
                "округа" => "округ",
                "города" => "город",
                _ when w.EndsWith("ской", StringComparison.Ordinal) && i + 1 < words.Length && words[i + 1] == "области" => w[..^2] + "ая",
                _ when w.EndsWith("кого", StringComparison.Ordinal) => w[..^3] + "ий",
                _ when w.EndsWith("ного", StringComparison.Ordinal) => w[..^3] + "ый",
                _ => w,
            };
        }
        return string.Join(' ', words);
    }

    public static DateOnly? ParseDate(string text)
    {
        text = Clean(text);
        var parts = text.Split('.');
        if (parts.Length == 3 && int.TryParse(parts[0], out var d) && int.TryParse(parts[1], out var m) && int.TryParse(parts[2], out var y))
        {
            if (y < 100)
            {
                y += y > 50 ? 1900 : 2000;
            }
            return Valid(y, m, d);
        }
        var words = text.Split(' ');
        if (words.Length >= 3 && int.TryParse(words[0], out d) && int.TryParse(words[2], out y))
        {
            var month = Array.IndexOf(Months, words[1].ToLowerInvariant()) + 1;
            return month > 0 ? Valid(y, month, d) : null;
        }
        return null;
    }

    private static DateOnly? Valid(int y, int m, int d) =>
        y is >= 1700 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;

    private static string NormalizeNumber(string number)
    {
        number = number.TrimEnd('.', '-', '/');
        // «317-Ф3»: a digit three typed for the letter З.
        if (number.EndsWith("-Ф3", StringComparison.Ordinal))
        {
            number = number[..^1] + "З";
        }
        return number.Replace("-фз", "-ФЗ", StringComparison.Ordinal);
    }

    /// <summary>The layout of a blank: body name in capitals, the type on its own line, «от … № …», the name.</summary>
    private static Requisites FromBlank(List<string> lines, Requisites fromTitle)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var type = Types.FirstOrDefault(t => lines[i].Equals(t, StringComparison.OrdinalIgnoreCase));
            if (type is null)
            {
                continue;
            }
            var issuerLines = lines.Take(i).Where(l => l == l.ToUpperInvariant() && l.Any(char.IsLetter)).ToList();
            var issuer = issuerLines.Count == 0 ? null : SentenceCase(string.Join(' ', issuerLines));
            DateOnly? date = null;
            string? number = null;
            string? title = fromTitle.Title;
            foreach (var line in lines.Skip(i + 1).Take(6))
            {
                date ??= AnyDate().Match(line) is { Success: true } dm ? ParseDate(dm.Groups["date"].Value) : null;
                number ??= Number().Match(line) is { Success: true } nm ? NormalizeNumber(nm.Groups["number"].Value) : null;
                if (title is null && TitleStart().IsMatch(line))
                {
                    title = line == line.ToUpperInvariant() ? SentenceCase(line) : line;
                }
            }
            return new Requisites(NormalizeType(type, issuer), issuer, date, number, title);
        }
        return fromTitle;
    }

    private static string? NextTitle(List<string> lines, string requisitesLine)
    {
        var index = lines.IndexOf(requisitesLine);
        return lines.Skip(index + 1).Take(3).FirstOrDefault(l => TitleStart().IsMatch(l));
    }

    /// <summary>«МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ» → «Министерство просвещения Российской Федерации».</summary>
    private static string SentenceCase(string text)
    {
        var lower = text.ToLower(CultureInfo.GetCultureInfo("ru-RU"));
        lower = lower.Replace("российской федерации", "Российской Федерации").Replace("россии", "России");
        return char.ToUpperInvariant(lower[0]) + lower[1..];
    }
}
