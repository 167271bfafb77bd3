using System.Text;

namespace Portal.Core.Search.Querying;

/// <summary>Russian typed on the Latin layout (and back): «cgbcfybt» → «списание».</summary>
public static class KeyboardLayout
{
    private const string Latin = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~";
    private const string Cyrillic = "йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ";

    /// <summary>The text as if typed on the Russian layout; null when it has no Latin letters to convert.</summary>
    public static string? LatinToCyrillic(string text)
    {
        var sb = new StringBuilder(text.Length);
        var converted = false;
        foreach (var c in text)
        {
            var i = Latin.IndexOf(c);
            if (i >= 0 && (char.IsLetter(c) || converted || IsInsideWord(text, sb.Length)))
            {
                sb.Append(Cyrillic[i]);
                converted |= char.IsLetter(c);
            }
            else
            {
                sb.Append(c);
            }
        }
        return converted ? sb.ToString() : null;
    }

    private static bool IsInsideWord(string text, int index) =>
        index > 0 && index + 1 < text.Length && char.IsLetter(text[index - 1]) && char.IsLetter(text[index + 1]);

    /// <summary>Whether the text has Latin letters and no Cyrillic ones (a candidate for correction).</summary>
    public static bool LooksLatinOnly(string text)
    {
        var latin = false;
        foreach (var c in text)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
            {
                latin = true;
            }
            else if (Analysis.TextNormalizer.IsCyrillic(c))
            {
                return false;
            }
        }
        return latin;
    }
}
