using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Portal.Core.Association.Meetings;

namespace Portal.Core.Tests.Association;

public sealed class ProtocolDocxTests
{
    private static Meeting Sample() => new()
    {
        Number = 3, Date = new DateOnly(2024, 3, 15), Place = "МБОУ СОШ № 1", HeadName = "Щербакова Е.И.", SecretaryName = "Козюбченко А.В.",
        AttendanceCount = 25, Attendees = "педагоги-библиотекари школ района",
        Items =
        [
            new AgendaItem
            {
                Position = 1, Title = "Списание учебной литературы", Speakers = "Щербакова Е.И.", Summary = "Рассказала о порядке списания.",
                VotesFor = 25, VotesAgainst = 0, VotesAbstained = 0, Decision = "Принять к сведению.",
                Assignments = [new Assignment { Text = "Подготовить акты списания", Assignee = "все педагоги-библиотекари", Deadline = new DateOnly(2024, 4, 1) }],
            },
            new AgendaItem { Position = 2, Title = "Разное", Decision = "Следующее заседание провести в мае." },
        ],
    };

    [Fact]
    public void The_docx_is_a_valid_word_document_laid_out_as_a_russian_protocol()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(ProtocolDocxWriter.Write(Sample())), false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => e.Description).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal("ПРОТОКОЛ № 3", paragraphs[0]);
        Assert.Contains("СЛУШАЛИ: Щербакова Е.И. Рассказала о порядке списания.", paragraphs);
        Assert.Contains("ГОЛОСОВАЛИ: «за» — 25, «против» — нет, «воздержались» — нет", paragraphs);
        Assert.Contains("ПОРУЧЕНИЕ: Подготовить акты списания — все педагоги-библиотекари, срок: до 01.04.2024", paragraphs);
        Assert.Contains("По второму вопросу", paragraphs);
        Assert.DoesNotContain(paragraphs, p => p.StartsWith("ГОЛОСОВАЛИ", StringComparison.Ordinal) && paragraphs.IndexOf(p) > paragraphs.IndexOf("По второму вопросу"));
    }
}
