using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Portal.Core.Search.Analysis;

/// <summary>
/// Splits text into words, keeping together what a reader sees as one token: hyphenated compounds
/// («педагог-библиотекарь», «78-ФЗ») and numbers with dots or slashes («2.4.3648-20», «08.10.2012»,
/// «44/пр»). The filters after it decide how such a token is indexed (whole and as parts).
/// A dot joins only after a digit, so «ст.81» still splits into «ст» and «81».
/// </summary>
public sealed class PortalTokenizer : Tokenizer
{
    /// <summary>Longer runs (base64, garbage) are cut: no useful word is longer.</summary>
    public const int MaxTokenLength = 64;
    private const char CombiningAcute = '\u0301';

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _position;
    private string _text = "";
    private int _cursor;
    private int _finalOffset;

    public PortalTokenizer(TextReader input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        _text = m_input.ReadToEnd() ?? "";
        _cursor = 0;
        _finalOffset = CorrectOffset(_text.Length);
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        var text = _text;
        var i = _cursor;
        while (i < text.Length && !char.IsLetterOrDigit(text[i]))
        {
            i++;
        }
        if (i >= text.Length)
        {
            _cursor = i;
            return false;
        }
        var start = i;
        // Characters go straight into the term's buffer: no string per token.
        var buffer = _term.ResizeBuffer(MaxTokenLength);
        var length = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (length < MaxTokenLength)
                {
                    buffer[length++] = c;
                }
                i++;
            }
            else if (IsInWordMark(c))
            {
                i++; // stress mark or soft hyphen inside a word
            }
            else if (IsJoiner(text, i))
            {
                if (length < MaxTokenLength)
                {
                    buffer[length++] = JoinerAsWritten(c);
                }
                i++;
            }
            else
            {
                break;
            }
        }
        _cursor = i;
        _term.Length = length;
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(i));
        _position.PositionIncrement = 1;
        return true;
    }

    /// <summary>A stress mark or soft hyphen: skipped inside a word.</summary>
    public static bool IsInWordMark(char c) => c == CombiningAcute || c == '\u00AD';

    /// <summary>A joiner as the token keeps it: the non-breaking hyphen and the en dash become «-».</summary>
    public static char JoinerAsWritten(char c) => c is '‑' or '–' ? '-' : c;

    /// <summary>A hyphen between letters or digits, or a dot or slash after a digit, joins a token.</summary>
    public static bool IsJoiner(string text, int i)
    {
        // The character first: most calls are for a space or a comma, and the neighbours' Unicode
        // categories cost more than the character's own test.
        var c = text[i];
        if (c is not ('-' or '‑' or '.' or '/') || i == 0 || i + 1 >= text.Length || !char.IsLetterOrDigit(text[i + 1]) || !char.IsLetterOrDigit(text[i - 1]))
        {
            return false;
        }
        return c is '-' or '‑' || char.IsDigit(text[i - 1]);
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(_finalOffset, _finalOffset);
    }
}
