using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Portal.Core.Common;

namespace Portal.Core.Association.Meetings;

/// <summary>
/// The parts of a protocol in the order a Russian protocol prints them (ГОСТ Р 7.0.97 style:
/// title, date and place, chair and secretary, attendance, agenda, then СЛУШАЛИ / ГОЛОСОВАЛИ /
/// РЕШИЛИ per question, signatures). Shared by the print view and the DOCX file.
/// </summary>
public static class ProtocolText
{
    public static string Heading(Meeting m) => $"ПРОТОКОЛ № {m.Number}";

    public const string Subtitle = "заседания районного методического объединения педагогов-библиотекарей";

    public static string Votes(AgendaItem item) =>
        $"«за» — {Count(item.VotesFor)}, «против» — {Count(item.VotesAgainst)}, «воздержались» — {Count(item.VotesAbstained)}";

    /// <summary>«Щербакова Е.И. Рассказала …»: who was heard and what they said, one sentence break between.</summary>
    public static string Heard(AgendaItem item) =>
        string.IsNullOrWhiteSpace(item.Speakers) ? item.Summary
        : string.IsNullOrWhiteSpace(item.Summary) ? item.Speakers
        : $"{item.Speakers.TrimEnd('.', ' ')}. {item.Summary}";

    private static string Count(int? value) => value is null or 0 ? "нет" : value.Value.ToString(RussianFormat.Culture);

    public static string Assignment(Assignment a) =>
        $"{a.Text} — {a.Assignee}" + (a.Deadline is { } d ? $", срок: до {RussianFormat.Date(d)}" : "");

    /// <summary>«первому», «второму» … as the minutes say «По первому вопросу»; beyond twenty, the number.</summary>
    public static string OrdinalDative(int n) => n switch
    {
        1 => "первому", 2 => "второму", 3 => "третьему", 4 => "четвёртому", 5 => "пятому",
        6 => "шестому", 7 => "седьмому", 8 => "восьмому", 9 => "девятому", 10 => "десятому",
        11 => "одиннадцатому", 12 => "двенадцатому", 13 => "тринадцатому", 14 => "четырнадцатому", 15 => "пятнадцатому",
        16 => "шестнадцатому", 17 => "семнадцатому", 18 => "восемнадцатому", 19 => "девятнадцатому", 20 => "двадцатому",
        _ => $"{n}-му",
    };
}

/// <summary>Writes a protocol as a Word document (A4, Times New Roman 14, margins as for official papers).</summary>
public static class ProtocolDocxWriter
{
    private const string Font = "Times New Roman";
    private const string Size = "28"; // half-points: 14 pt

    public static byte[] Write(Meeting meeting)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);

            body.Append(Para(ProtocolText.Heading(meeting), JustificationValues.Center, bold: true));
            body.Append(Para(ProtocolText.Subtitle, JustificationValues.Center));
            body.Append(Para(""));
            body.Append(Para($"{RussianFormat.Date(meeting.Date)}\t\t\t\t\t{meeting.Place}"));
            body.Append(Para(""));
            body.Append(Labeled("Руководитель: ", meeting.HeadName));
            body.Append(Labeled("Секретарь: ", meeting.SecretaryName));
            body.Append(Labeled("Присутствовали: ", string.IsNullOrWhiteSpace(meeting.Attendees)
                ? $"{meeting.AttendanceCount} чел."
                : $"{meeting.AttendanceCount} чел. ({meeting.Attendees})"));
            body.Append(Para(""));
            body.Append(Para("ПОВЕСТКА ДНЯ:", JustificationValues.Left, bold: true));
            var items = meeting.Items.OrderBy(i => i.Position).ToList();
            foreach (var item in items)
            {
                body.Append(Para($"{item.Position}. {item.Title}", JustificationValues.Both));
            }
            foreach (var item in items)
            {
                body.Append(Para(""));
                body.Append(Para($"По {ProtocolText.OrdinalDative(item.Position)} вопросу", JustificationValues.Left, bold: true));
                if (!string.IsNullOrWhiteSpace(item.Speakers) || !string.IsNullOrWhiteSpace(item.Summary))
                {
                    body.Append(Labeled("СЛУШАЛИ: ", ProtocolText.Heard(item)));
                }
                if (item.HasVote)
                {
                    body.Append(Labeled("ГОЛОСОВАЛИ: ", ProtocolText.Votes(item)));
                }
                if (!string.IsNullOrWhiteSpace(item.Decision))
                {
                    body.Append(Labeled("РЕШИЛИ: ", item.Decision));
                }
                foreach (var assignment in item.Assignments)
                {
                    body.Append(Labeled("ПОРУЧЕНИЕ: ", ProtocolText.Assignment(assignment)));
                }
            }
            body.Append(Para(""));
            body.Append(Para(""));
            body.Append(Para($"Руководитель РМО\t______________\t{meeting.HeadName}"));
            body.Append(Para(""));
            body.Append(Para($"Секретарь\t\t______________\t{meeting.SecretaryName}"));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 850, Header = 708U, Footer = 708U, Gutter = 0U }));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Labeled(string label, string text)
    {
        var paragraph = Para("", JustificationValues.Both);
        paragraph.Append(RunOf(label, bold: true), RunOf(text, bold: false));
        return paragraph;
    }

    private static Paragraph Para(string text, JustificationValues? justification = null, bool bold = false)
    {
        // Schema order inside w:pPr: spacing before jc (checked by OpenXmlValidator in the tests).
        var paragraph = new Paragraph(new ParagraphProperties(
            new SpacingBetweenLines { After = "0", Line = "276", LineRule = LineSpacingRuleValues.Auto },
            new Justification { Val = justification ?? JustificationValues.Left }));
        if (text.Length > 0)
        {
            var parts = text.Split('\t');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    paragraph.Append(new Run(new TabChar()));
                }
                paragraph.Append(RunOf(parts[i], bold));
            }
        }
        return paragraph;
    }

    private static Run RunOf(string text, bool bold)
    {
        // Schema order inside w:rPr: fonts, bold, size.
        var properties = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font });
        if (bold)
        {
            properties.Append(new Bold());
        }
        properties.Append(new FontSize { Val = Size });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
