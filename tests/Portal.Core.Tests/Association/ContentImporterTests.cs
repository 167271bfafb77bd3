using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Association;
using Portal.Core.Association.Meetings;
using Portal.Core.Content;

namespace Portal.Core.Tests.Association;

public sealed class ContentImporterTests : IAsyncLifetime
{
    private readonly AssociationDatabase _db = new();
    private readonly string _content = Path.Combine(Path.GetTempPath(), "portal-core-tests", "content-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => _db.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_content, recursive: true);
    }

    private static string RepositoryContent()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return Path.Combine(dir.FullName, "content");
            }
        }
        throw new InvalidOperationException("Portal.sln not found.");
    }

    private async Task SeedAsync()
    {
        await using var db = _db.Open();
        var context = new ContentSeedContext(_content, NullLogger.Instance);
        await new MeetingContentImporter().ImportAsync(db, context, default);
        await new PlanContentImporter().ImportAsync(db, context, default);
    }

    [Fact]
    public async Task The_meeting_of_8_september_2023_is_seeded_as_a_structured_protocol_with_its_plan()
    {
        foreach (var folder in new[] { "meetings", "plan" })
        {
            Directory.CreateDirectory(Path.Combine(_content, folder));
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryContent(), folder)))
            {
                File.Copy(file, Path.Combine(_content, folder, Path.GetFileName(file)));
            }
        }
        await SeedAsync();
        await SeedAsync();

        await using var db = _db.Open();
        var meeting = await db.Meetings.Include(m => m.Items).ThenInclude(i => i.Assignments).SingleAsync();
        Assert.Equal((1, new DateOnly(2023, 9, 8), 29, "Щербакова Е.И.", "Козюбченко А.В."),
            (meeting.Number, meeting.Date, meeting.AttendanceCount, meeting.HeadName, meeting.SecretaryName));
        Assert.Equal(10, meeting.Items.Count);
        var first = meeting.Items.Single(i => i.Position == 1);
        Assert.Equal((29, 0, 0), (first.VotesFor, first.VotesAgainst, first.VotesAbstained));
        var databank = meeting.Items.Single(i => i.Position == 4).Assignments.Single();
        Assert.Equal(new DateOnly(2023, 10, 10), databank.Deadline);
        var plan = await db.WorkPlans.Include(p => p.Events).SingleAsync();
        Assert.Equal("2023-2024", plan.AcademicYear);
        Assert.Equal("Развитие профессионального сотрудничества как условие достижения нового качества образования", plan.MethodicalTheme);
        Assert.Contains(plan.Events, e => e.Month == 9);
        Assert.Equal(1, await db.ContentSeedRecords.CountAsync(r => r.Key == "meeting/2023-09-08"));

        var document = ProtocolSearchSource.Build(meeting);
        Assert.Equal("/meetings/" + meeting.Id, document.Url);
        Assert.Contains("обменным фондом", document.Body);
        Assert.Contains("НЭБ", document.Headings);
    }

    [Fact]
    public async Task A_changed_file_updates_an_untouched_row_but_never_overwrites_a_ui_edit()
    {
        var folder = Path.Combine(_content, "meetings");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "2024-01-15.yml");
        await File.WriteAllTextAsync(path, "number: 2\ndate: 2024-01-15\nplace: ЦВР\nhead: Щ.\nsecretary: К.\nattendanceCount: 20\nitems:\n  - title: Первый\n");
        await SeedAsync();
        await File.WriteAllTextAsync(path, "number: 2\ndate: 2024-01-15\nplace: Школа № 1\nhead: Щ.\nsecretary: К.\nattendanceCount: 21\nitems:\n  - title: Первый\n");
        await SeedAsync();
        await using (var db = _db.Open())
        {
            Assert.Equal(("Школа № 1", 21), await db.Meetings.Select(m => ValueTuple.Create(m.Place, m.AttendanceCount)).SingleAsync());
            var id = await db.Meetings.Select(m => m.Id).SingleAsync();
            var service = new MeetingService(db, _db.Clock);
            await service.SaveAsync(id, new MeetingInput
            {
                Number = 2, Date = new DateOnly(2024, 1, 15), Place = "Исправлено в портале", HeadName = "Щ.", SecretaryName = "К.", AttendanceCount = 21,
                Items = [new AgendaItemInput { Title = "Первый" }],
            }, _db.Head, default);
        }
        await File.WriteAllTextAsync(path, "number: 2\ndate: 2024-01-15\nplace: Из файла снова\nhead: Щ.\nsecretary: К.\nattendanceCount: 22\nitems:\n  - title: Первый\n");
        await SeedAsync();
        await using var check = _db.Open();
        Assert.Equal("Исправлено в портале", await check.Meetings.Select(m => m.Place).SingleAsync());
    }
}
