using Microsoft.EntityFrameworkCore;
using Portal.Core.Association;
using Portal.Core.Association.Databank;
using Portal.Core.Association.Meetings;

namespace Portal.Core.Tests.Association;

public sealed class MeetingAndDatabankTests : IAsyncLifetime
{
    private readonly AssociationDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private static MeetingInput Meeting(params AgendaItemInput[] items) => new()
    {
        Number = 2, Date = new DateOnly(2023, 10, 1), Place = "ЦВР", HeadName = "Щербакова Е.И.", SecretaryName = "Козюбченко А.В.",
        AttendanceCount = 20, Items = [.. items],
    };

    [Fact]
    public async Task Overdue_assignments_are_marked_and_each_librarian_sees_their_own_and_everyones()
    {
        await using var db = _db.Open();
        var service = new MeetingService(db, _db.Clock);
        await service.SaveAsync(null, Meeting(new AgendaItemInput
        {
            Title = "Банк данных",
            Decision = "Обновить анкеты",
            Assignments =
            [
                new() { Text = "Обновить анкету", Assignee = "все педагоги-библиотекари", Deadline = new DateOnly(2023, 10, 10) },
                new() { Text = "Подготовить доклад", AssigneeUserId = "lib-a", Deadline = new DateOnly(2023, 11, 1) },
                new() { Text = "Собрать заявки", AssigneeUserId = "lib-b", Deadline = new DateOnly(2023, 10, 5) },
            ],
        }), _db.Head, default);

        var forHead = await service.AssignmentsAsync(_db.Head, includeClosed: false, default);
        Assert.Equal(["Собрать заявки", "Обновить анкету", "Подготовить доклад"], forHead.Select(a => a.Text));
        Assert.Equal([true, true, false], forHead.Select(a => a.IsOverdue));
        Assert.Equal("Иванова А.А.", forHead.Single(a => a.Text == "Подготовить доклад").Assignee);

        var forA = await service.AssignmentsAsync(_db.LibrarianA, includeClosed: false, default);
        Assert.Equal(["Обновить анкету", "Подготовить доклад"], forA.Select(a => a.Text));

        var closing = forHead[0].Id;
        await Assert.ThrowsAsync<AssociationRuleException>(() => service.CloseAssignmentAsync(closing, null, _db.LibrarianB, default));
        await service.CloseAssignmentAsync(closing, "Заявки собраны", _db.Head, default);
        Assert.DoesNotContain(await service.AssignmentsAsync(_db.Head, false, default), a => a.Id == closing);
        var closed = (await service.AssignmentsAsync(_db.Head, true, default)).Single(a => a.Id == closing);
        Assert.False(closed.IsOverdue);
        Assert.Equal("Щербакова Е.И.", closed.ClosedBy);
    }

    [Fact]
    public async Task Editing_a_protocol_keeps_closed_assignments_and_validates_votes()
    {
        await using var db = _db.Open();
        var service = new MeetingService(db, _db.Clock);
        var input = Meeting(new AgendaItemInput { Title = "План", VotesFor = 20, Assignments = [new() { Text = "Разослать план", Assignee = "секретарь" }] });
        var id = await service.SaveAsync(null, input, _db.Head, default);
        var saved = (await service.GetAsync(id, default))!;
        var assignmentId = saved.Items[0].Assignments[0].Id;
        await service.CloseAssignmentAsync(assignmentId, null, _db.Head, default);

        input.Items[0].Id = saved.Items[0].Id;
        input.Items[0].Assignments[0].Id = assignmentId;
        input.Items.Add(new AgendaItemInput { Title = "Разное", Decision = "Принять к сведению" });
        await service.SaveAsync(id, input, _db.Head, default);
        var edited = (await service.GetAsync(id, default))!;
        Assert.Equal(["План", "Разное"], edited.Items.Select(i => i.Title));
        Assert.NotNull(edited.Items[0].Assignments.Single().ClosedAt);

        input.Items[1].VotesFor = 15;
        input.Items[1].VotesAgainst = 10;
        var error = await Assert.ThrowsAsync<AssociationRuleException>(() => service.SaveAsync(id, input, _db.Head, default));
        Assert.Equal("Items[1].VotesFor", error.Errors.Single().Field);
        Assert.Contains("проголосовало 25, а присутствовало 20", error.Message);
        await Assert.ThrowsAsync<AssociationRuleException>(() => service.SaveAsync(null, Meeting(), _db.LibrarianA, default));
    }

    [Fact]
    public async Task Personal_data_is_shown_only_to_the_head_admin_and_the_person()
    {
        await using var db = _db.Open();
        var service = new DatabankService(db, _db.Clock);
        var id = await service.SaveAsync(null, new ProfileInput
        {
            FullName = "Иванова Анна Алексеевна", SchoolId = _db.SchoolA, Position = "педагог-библиотекарь", Education = "высшее педагогическое",
            QualificationCategory = "первая", ExperienceYears = 20, LibraryExperienceYears = 12, Courses = "2022 — ШИБЦ, 72 ч", Phone = "+7 900 000-00-00", Email = "ivanova@example.org",
        }, _db.LibrarianA, default);

        var admin = _db.Head with { UserId = "admin", Roles = [Portal.Core.Accounts.Roles.Admin] };
        foreach (var viewer in new AssociationActor?[] { _db.Head, admin, _db.LibrarianA })
        {
            var seen = (await service.GetAsync(id, viewer, default))!;
            Assert.Equal(("высшее педагогическое", 20, "+7 900 000-00-00", "ivanova@example.org"), (seen.Education, seen.ExperienceYears, seen.Phone, seen.Email));
        }
        foreach (var viewer in new AssociationActor?[] { _db.LibrarianB, null })
        {
            var seen = (await service.GetAsync(id, viewer, default))!;
            Assert.Equal(("Иванова Анна Алексеевна", "Школа А", "педагог-библиотекарь"), (seen.FullName, seen.School, seen.Position));
            Assert.All(new object?[] { seen.Education, seen.QualificationCategory, seen.ExperienceYears, seen.Courses, seen.Phone, seen.Email }, Assert.Null);
        }
        await Assert.ThrowsAsync<AssociationRuleException>(() => service.SaveAsync(id, new ProfileInput { FullName = "Чужая" }, _db.LibrarianB, default));
    }

    [Fact]
    public async Task Update_request_shows_who_confirmed_since_and_reminds_the_rest()
    {
        await using var db = _db.Open();
        var service = new DatabankService(db, _db.Clock);
        var a = await service.SaveAsync(null, new ProfileInput { FullName = "Иванова А.А.", SchoolId = _db.SchoolA }, _db.LibrarianA, default);
        await service.SaveAsync(null, new ProfileInput { FullName = "Петрова Б.Б.", SchoolId = _db.SchoolB }, _db.LibrarianB, default);

        _db.Clock.UtcNow = _db.Clock.UtcNow.AddHours(1);
        await Assert.ThrowsAsync<AssociationRuleException>(() => service.RequestUpdateAsync(new DateOnly(2023, 10, 20), null, _db.LibrarianA, default));
        await service.RequestUpdateAsync(new DateOnly(2023, 10, 20), null, _db.Head, default);
        var status = (await service.RequestStatusAsync(_db.Head, default))!;
        Assert.Empty(status.Confirmed);
        Assert.Equal(2, status.NotConfirmed.Count);
        Assert.NotNull(await service.ReminderAsync(_db.LibrarianA, default));

        _db.Clock.UtcNow = _db.Clock.UtcNow.AddHours(1);
        await service.ConfirmAsync(a, _db.LibrarianA, default);
        status = (await service.RequestStatusAsync(_db.Head, default))!;
        Assert.Equal(["Иванова А.А."], status.Confirmed.Select(p => p.FullName));
        Assert.Equal(["Петрова Б.Б."], status.NotConfirmed.Select(p => p.FullName));
        Assert.Null(await service.ReminderAsync(_db.LibrarianA, default));
        Assert.NotNull(await service.ReminderAsync(_db.LibrarianB, default));
    }

    [Fact]
    public async Task Databank_rejects_bad_contacts_in_russian()
    {
        await using var db = _db.Open();
        var error = await Assert.ThrowsAsync<AssociationRuleException>(() => new DatabankService(db, _db.Clock).SaveAsync(null,
            new ProfileInput { FullName = "Иванова", Email = "не почта", ExperienceYears = 5, LibraryExperienceYears = 7 }, _db.LibrarianA, default));
        Assert.Equal(["LibraryExperienceYears", "Email"], error.Errors.Select(e => e.Field));
        Assert.False(await db.LibrarianProfiles.AnyAsync());
    }
}
