namespace Portal.Core.Association.Exchange;

/// <summary>ISBN-10 and ISBN-13 as printed («978-5-09-087604-5»): normalised to digits and checked by their check digit.</summary>
public static class Isbn
{
    /// <summary>Digits (and a final X) without hyphens or spaces, or null when the text has other characters.</summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var value = text.Trim();
        if (value.StartsWith("ISBN", StringComparison.OrdinalIgnoreCase))
        {
            value = value[4..].TrimStart(':', ' ');
        }
        var chars = new List<char>(13);
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                chars.Add(c);
            }
            else if (c is 'X' or 'x' or 'Х' or 'х')
            {
                chars.Add('X');
            }
            else if (c is not ('-' or ' ' or '\u2010' or '\u2011' or '\u2013'))
            {
                return null;
            }
        }
        return new string(chars.ToArray());
    }

    /// <summary>Null when valid, else the Russian reason.</summary>
    public static string? Check(string? text)
    {
        var isbn = Normalise(text);
        if (isbn is null)
        {
            return "ISBN может содержать только цифры, дефисы и букву X в конце.";
        }
        return isbn.Length switch
        {
            10 => IsValid10(isbn) ? null : "Неверная контрольная цифра ISBN-10.",
            13 => IsValid13(isbn) ? null : "Неверная контрольная цифра ISBN-13.",
            _ => $"ISBN должен содержать 10 или 13 цифр, а в «{text!.Trim()}» их {isbn.Length}.",
        };
    }

    public static bool IsValid10(string isbn)
    {
        if (isbn.Length != 10 || isbn[..9].Any(c => !char.IsAsciiDigit(c)))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var digit = i == 9 && isbn[i] == 'X' ? 10 : isbn[i] - '0';
            if (digit is < 0 or > 10 || (digit == 10 && i != 9))
            {
                return false;
            }
            sum += digit * (10 - i);
        }
        return sum % 11 == 0;
    }

    public static bool IsValid13(string isbn)
    {
        if (isbn.Length != 13 || isbn.Any(c => !char.IsAsciiDigit(c)))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (isbn[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10 == isbn[12] - '0';
    }

    /// <summary>Hyphen-free display form; the fund shows ISBNs as stored.</summary>
    public static string Display(string? isbn) => isbn ?? "";
}
