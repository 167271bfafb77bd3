using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Core.Crawling;

/// <summary>Decoded text and where its charset came from (for the run log and the tests).</summary>
public sealed record DecodedText(string Text, Encoding Encoding, string Source);

/// <summary>
/// Bytes → text for Russian sites: HTTP header, then BOM, then <c>&lt;meta&gt;</c> (both forms), then
/// detection. A declaration is trusted only when the bytes agree with it: old sites declare
/// windows-1251 and serve KOI8-R, or declare nothing at all. Detection scores the Cyrillic
/// single-byte code pages by Russian letter frequencies, which keeps a short cp1251 text from
/// being taken for MacCyrillic (they share the lower-case letters and differ in capitals).
/// </summary>
public static partial class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private static readonly Encoding[] Cyrillic;

    // Relative frequency (per mille) of Russian lower-case letters in running text.
    private static readonly Dictionary<char, double> LetterFrequency = new()
    {
        ['о'] = 110, ['е'] = 85, ['а'] = 80, ['и'] = 74, ['н'] = 67, ['т'] = 63, ['с'] = 55, ['р'] = 47,
        ['в'] = 45, ['л'] = 44, ['к'] = 35, ['м'] = 32, ['д'] = 30, ['п'] = 28, ['у'] = 26, ['я'] = 20,
        ['ы'] = 19, ['ь'] = 17, ['г'] = 17, ['з'] = 16, ['б'] = 16, ['ч'] = 14, ['й'] = 12, ['х'] = 10,
        ['ж'] = 9, ['ш'] = 7, ['ю'] = 6, ['ц'] = 5, ['щ'] = 4, ['э'] = 3, ['ф'] = 3, ['ъ'] = 1, ['ё'] = 1,
    };

    static TextDecoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Cyrillic = [Encoding.GetEncoding(1251), Encoding.GetEncoding("koi8-r"), Encoding.GetEncoding(866), Encoding.GetEncoding(10007)];
    }

    public static Encoding Windows1251 => Cyrillic[0];
    public static Encoding Koi8R => Cyrillic[1];

    public static DecodedText Decode(byte[] bytes, string? headerCharset, bool lookForMeta)
    {
        if (Bom(bytes) is { } bom)
        {
            return new DecodedText(bom.GetString(bytes, bom.Preamble.Length, bytes.Length - bom.Preamble.Length), bom, "BOM");
        }
        var declared = ByName(headerCharset);
        var source = "HTTP";
        if (declared is null && lookForMeta)
        {
            declared = ByName(MetaCharset(bytes));
            source = "meta";
        }
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024));
        var detected = Detect(sample, out var detectedScore);
        if (declared is not null)
        {
            // Trust the declaration unless detection is clearly better (a misdeclared page).
            var declaredScore = Score(declared, sample);
            if (detected is null || declared.CodePage == detected.CodePage || declaredScore >= detectedScore * 0.85)
            {
                return new DecodedText(declared.GetString(bytes), declared, source);
            }
            return new DecodedText(detected.GetString(bytes), detected, "detected (declared " + declared.WebName + ")");
        }
        var encoding = detected ?? Encoding.UTF8;
        return new DecodedText(encoding.GetString(bytes), encoding, detected is null ? "default" : "detected");
    }

    public static Encoding? ByName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        name = name.Trim().Trim('"', '\'').ToLowerInvariant();
        name = name switch
        {
            "cp1251" or "win-1251" or "windows1251" or "cp-1251" => "windows-1251",
            "koi8r" or "koi8" => "koi8-r",
            "utf8" => "utf-8",
            _ => name,
        };
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding? Bom(byte[] bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => new UTF8Encoding(true),
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    /// <summary>Charset from <c>&lt;meta charset&gt;</c> or <c>&lt;meta http-equiv content="…; charset=…"&gt;</c> in the first 4 KB.</summary>
    public static string? MetaCharset(byte[] bytes)
    {
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var match = MetaCharsetPattern().Match(head);
        return match.Success ? match.Groups["cs"].Value : null;
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*(?<cs>[A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharsetPattern();

    /// <summary>The most Russian-looking decoding of the bytes, or null when they are ASCII.</summary>
    public static Encoding? Detect(ReadOnlySpan<byte> sample, out double score)
    {
        score = 0;
        var nonAscii = 0;
        foreach (var b in sample)
        {
            if (b >= 0x80)
            {
                nonAscii++;
            }
        }
        if (nonAscii == 0)
        {
            return null;
        }
        if (IsUtf8(sample))
        {
            score = double.MaxValue;
            return Encoding.UTF8;
        }
        Encoding? best = null;
        foreach (var encoding in Cyrillic)
        {
            var s = Score(encoding, sample);
            if (best is null || s > score)
            {
                best = encoding;
                score = s;
            }
        }
        if (score <= 0)
        {
            // Not Russian: let UTF.Unknown guess (Latin-1 family and others).
            var guess = UtfUnknown.CharsetDetector.DetectFromBytes(sample.ToArray()).Detected?.Encoding;
            return guess ?? Encoding.Latin1;
        }
        return best;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> sample)
    {
        // A cut in the middle of a multi-byte sequence at the end of the sample is fine.
        var length = sample.Length;
        for (var back = 1; back <= 3 && back <= length; back++)
        {
            if ((sample[length - back] & 0xC0) == 0xC0)
            {
                length -= back;
                break;
            }
            if ((sample[length - back] & 0x80) == 0)
            {
                break;
            }
        }
        try
        {
            StrictUtf8.GetCharCount(sample[..length]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Plausibility of the decoded non-ASCII characters as Russian text (per character).</summary>
    private static double Score(Encoding encoding, ReadOnlySpan<byte> sample)
    {
        if (encoding is UTF8Encoding)
        {
            return IsUtf8(sample) ? double.MaxValue : -1;
        }
        var text = encoding.GetString(sample);
        double total = 0;
        var counted = 0;
        var previousLetter = false;
        foreach (var c in text)
        {
            if (c < 0x80)
            {
                previousLetter = char.IsLetter(c);
                continue;
            }
            counted++;
            if (LetterFrequency.TryGetValue(c, out var frequency))
            {
                total += 1 + frequency / 20;
                previousLetter = true;
            }
            else if (c is >= 'А' and <= 'Я' or 'Ё')
            {
                // Capitals are fine at a word start; a capital inside a word is how KOI8/cp1251 mix-ups look.
                total += previousLetter ? -0.5 : 0.8;
                previousLetter = true;
            }
            else
            {
                total -= c is '«' or '»' or '—' or '–' or '№' or '\u00A0' or '…' or '“' or '”' or '„' ? 0 : 2;
                previousLetter = false;
            }
        }
        return counted == 0 ? 0 : total / counted;
    }
}

/// <summary>Signs of a wrong decoding in Russian text.</summary>
public static partial class Mojibake
{
    /// <summary>True when the text carries replacement characters or typical UTF-8-as-cp1251 / cp1251-as-KOI8 sequences.</summary>
    public static bool Detect(string text)
    {
        if (text.Contains('\uFFFD'))
        {
            return true;
        }
        if (Utf8AsSingleByte().IsMatch(text))
        {
            return true;
        }
        // cp1251 read as KOI8-R (or back) swaps the case of letters: words mix capitals and small letters.
        var words = 0;
        var mixed = 0;
        foreach (Match word in CyrillicWord().Matches(text))
        {
            words++;
            var value = word.Value;
            if (value.Skip(1).Any(char.IsUpper) && value.Any(char.IsLower))
            {
                mixed++;
            }
        }
        if (mixed >= 3 && mixed * 4 > words)
        {
            return true;
        }
        // KOI8-R and cp1251 map the frequent letters (а, и, с) onto rare ones (ю, х, я): rare letters,
        // about 5% of Russian text, become a fifth of it.
        var letters = 0;
        var rare = 0;
        foreach (var c in text)
        {
            if (c is >= 'А' and <= 'я' or 'ё' or 'Ё')
            {
                letters++;
                if ("юхъщфэцшжЮХЪЩФЭЦШЖ".Contains(c))
                {
                    rare++;
                }
            }
        }
        return letters >= 40 && rare > letters * 0.15;
    }

    [GeneratedRegex("[А-Яа-яЁё]{3,}")]
    private static partial Regex CyrillicWord();

    [GeneratedRegex("Ð[\u0080-\u00BF]|Ñ[\u0080-\u00BF]|Р[°±µ¶·ЂЃЉЊЋЌЎЏђѓљњћќўџѕіїєґјЈ]|С[ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏ]|вЂ")]
    private static partial Regex Utf8AsSingleByte();
}
