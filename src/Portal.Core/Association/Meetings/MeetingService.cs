using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Association.Meetings;

/// <summary>What the protocol form sends: the meeting and its agenda items with their assignments.</summary>
public sealed class MeetingInput
{
    public int Number { get; set; } = 1;
    public DateOnly? Date { get; set; }
    public string? Place { get; set; }
    public string? HeadName { get; set; }
    public string? SecretaryName { get; set; }
    public int AttendanceCount { get; set; }
    public string? Attendees { get; set; }
    public bool IsDraft { get; set; }
    public List<AgendaItemInput> Items { get; set; } = [];
}

public sealed class AgendaItemInput
{
    public int? Id { get; set; }
    public string? Title { get; set; }
    public string? Speakers { get; set; }
    public string? Summary { get; set; }
    public int? VotesFor { get; set; }
    public int? VotesAgainst { get; set; }
    public int? VotesAbstained { get; set; }
    public string? Decision { get; set; }
    public List<AssignmentInput> Assignments { get; set; } = [];

    public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Speakers)
        && string.IsNullOrWhiteSpace(Summary) && string.IsNullOrWhiteSpace(Decision)
        && Assignments.All(a => a.IsBlank);
}

public sealed class AssignmentInput
{
    public int? Id { get; set; }
    public string? Text { get; set; }
    public string? Assignee { get; set; }
    public string? AssigneeUserId { get; set; }
    public DateOnly? Deadline { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Assignee) && Deadline is null;
}

/// <summary>An assignment as the list of open assignments shows it.</summary>
public sealed record AssignmentRow(
    int Id, string Text, string Assignee, string? AssigneeUserId, DateOnly? Deadline, bool IsOverdue,
    DateTime? ClosedAt, string? ClosedBy, int MeetingId, int MeetingNumber, DateOnly MeetingDate, string ItemTitle);

/// <summary>Protocols of meetings: entry by the head, reading by everyone, assignments and their closing.</summary>
public sealed class MeetingService(PortalDbContext db, IAssociationClock clock)
{
    public const int MinYear = 2000;

    public Task<List<Meeting>> ListAsync(bool includeDrafts, CancellationToken ct) =>
        db.Meetings.AsNoTracking()
            .Where(m => includeDrafts || !m.IsDraft)
            .Include(m => m.Items)
            .OrderByDescending(m => m.Date).ThenByDescending(m => m.Number)
            .ToListAsync(ct);

    public Task<Meeting?> GetAsync(int id, CancellationToken ct) =>
        db.Meetings.AsNoTracking().AsSplitQuery()
            .Include(m => m.Items.OrderBy(i => i.Position)).ThenInclude(i => i.Assignments.OrderBy(a => a.Id))
            .FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>The next protocol number in the academic year (September to August) of <paramref name="date"/>.</summary>
    public async Task<int> NextNumberAsync(DateOnly date, CancellationToken ct)
    {
        var start = new DateOnly(date.Month >= 9 ? date.Year : date.Year - 1, 9, 1);
        var end = start.AddYears(1);
        var max = await db.Meetings.Where(m => m.Date >= start && m.Date < end).MaxAsync(m => (int?)m.Number, ct);
        return (max ?? 0) + 1;
    }

    public static List<FieldError> Validate(MeetingInput input)
    {
        var errors = new List<FieldError>();
        if (input.Number <= 0)
        {
            errors.Add(new(nameof(input.Number), "Номер протокола должен быть положительным числом."));
        }
        if (input.Date is null)
        {
            errors.Add(new(nameof(input.Date), "Укажите дату заседания."));
        }
        else if (input.Date.Value.Year < MinYear || input.Date.Value.Year > DateTime.UtcNow.Year + 1)
        {
            errors.Add(new(nameof(input.Date), $"Дата заседания должна быть между {MinYear} и {DateTime.UtcNow.Year + 1} годом."));
        }
        if (string.IsNullOrWhiteSpace(input.Place))
        {
            errors.Add(new(nameof(input.Place), "Укажите место проведения."));
        }
        if (string.IsNullOrWhiteSpace(input.HeadName))
        {
            errors.Add(new(nameof(input.HeadName), "Укажите руководителя (председателя) заседания."));
        }
        if (string.IsNullOrWhiteSpace(input.SecretaryName))
        {
            errors.Add(new(nameof(input.SecretaryName), "Укажите секретаря."));
        }
        if (input.AttendanceCount < 0 || input.AttendanceCount > 1000)
        {
            errors.Add(new(nameof(input.AttendanceCount), "Число присутствующих должно быть от 0 до 1000."));
        }
        var items = input.Items;
        if (!input.IsDraft && items.All(i => i.IsBlank))
        {
            errors.Add(new(null, "Добавьте хотя бы один вопрос повестки или сохраните протокол как черновик."));
        }
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.IsBlank)
            {
                continue;
            }
            var prefix = $"Items[{i}].";
            if (string.IsNullOrWhiteSpace(item.Title))
            {
                errors.Add(new(prefix + nameof(item.Title), $"Вопрос {i + 1}: укажите формулировку вопроса повестки."));
            }
            foreach (var (votes, name) in new[] { (item.VotesFor, nameof(item.VotesFor)), (item.VotesAgainst, nameof(item.VotesAgainst)), (item.VotesAbstained, nameof(item.VotesAbstained)) })
            {
                if (votes < 0)
                {
                    errors.Add(new(prefix + name, $"Вопрос {i + 1}: число голосов не может быть отрицательным."));
                }
            }
            var total = (item.VotesFor ?? 0) + (item.VotesAgainst ?? 0) + (item.VotesAbstained ?? 0);
            if (total > input.AttendanceCount && input.AttendanceCount > 0)
            {
                errors.Add(new(prefix + nameof(item.VotesFor), $"Вопрос {i + 1}: проголосовало {total}, а присутствовало {input.AttendanceCount}."));
            }
            for (var a = 0; a < item.Assignments.Count; a++)
            {
                var assignment = item.Assignments[a];
                if (assignment.IsBlank)
                {
                    continue;
                }
                if (string.IsNullOrWhiteSpace(assignment.Text))
                {
                    errors.Add(new($"{prefix}Assignments[{a}].Text", $"Вопрос {i + 1}: опишите поручение."));
                }
                if (string.IsNullOrWhiteSpace(assignment.Assignee) && string.IsNullOrWhiteSpace(assignment.AssigneeUserId))
                {
                    errors.Add(new($"{prefix}Assignments[{a}].Assignee", $"Вопрос {i + 1}: укажите, кому дано поручение."));
                }
                if (assignment.Deadline is { } deadline && input.Date is { } date && deadline < date)
                {
                    errors.Add(new($"{prefix}Assignments[{a}].Deadline", $"Вопрос {i + 1}: срок поручения раньше даты заседания."));
                }
            }
        }
        return errors;
    }

    /// <summary>Creates or updates a protocol. Items and assignments are matched by id, so closing marks survive edits.</summary>
    public async Task<int> SaveAsync(int? id, MeetingInput input, AssociationActor actor, CancellationToken ct)
    {
        actor.EnsureHeadOrAdmin();
        AssociationRuleException.ThrowIfAny(Validate(input));
        Meeting meeting;
        if (id is null)
        {
            meeting = new Meeting();
            db.Meetings.Add(meeting);
        }
        else
        {
            meeting = await db.Meetings.AsSplitQuery().Include(m => m.Items).ThenInclude(i => i.Assignments).FirstOrDefaultAsync(m => m.Id == id, ct)
                ?? throw new KeyNotFoundException();
        }
        var userNames = await LoadUserNamesAsync(input, ct);
        meeting.Number = input.Number;
        meeting.Date = input.Date!.Value;
        meeting.Place = input.Place!.Trim();
        meeting.HeadName = input.HeadName!.Trim();
        meeting.SecretaryName = input.SecretaryName!.Trim();
        meeting.AttendanceCount = input.AttendanceCount;
        meeting.Attendees = input.Attendees?.Trim() ?? "";
        meeting.IsDraft = input.IsDraft;
        meeting.UpdatedAt = clock.UtcNow;

        var kept = new List<AgendaItem>();
        var position = 0;
        foreach (var itemInput in input.Items.Where(i => !i.IsBlank))
        {
            var item = meeting.Items.FirstOrDefault(i => i.Id == itemInput.Id && itemInput.Id > 0) ?? new AgendaItem();
            item.Position = ++position;
            item.Title = itemInput.Title!.Trim();
            item.Speakers = itemInput.Speakers?.Trim() ?? "";
            item.Summary = itemInput.Summary?.Trim() ?? "";
            item.Decision = itemInput.Decision?.Trim() ?? "";
            item.VotesFor = itemInput.VotesFor;
            item.VotesAgainst = itemInput.VotesAgainst;
            item.VotesAbstained = itemInput.VotesAbstained;
            var keptAssignments = new List<Assignment>();
            foreach (var assignmentInput in itemInput.Assignments.Where(a => !a.IsBlank))
            {
                var assignment = item.Assignments.FirstOrDefault(a => a.Id == assignmentInput.Id && assignmentInput.Id > 0) ?? new Assignment();
                assignment.Text = assignmentInput.Text!.Trim();
                var userId = string.IsNullOrWhiteSpace(assignmentInput.AssigneeUserId) ? null : assignmentInput.AssigneeUserId;
                assignment.AssigneeUserId = userId is not null && userNames.ContainsKey(userId) ? userId : null;
                assignment.Assignee = !string.IsNullOrWhiteSpace(assignmentInput.Assignee)
                    ? assignmentInput.Assignee.Trim()
                    : assignment.AssigneeUserId is { } uid ? userNames[uid] : "";
                assignment.Deadline = assignmentInput.Deadline;
                keptAssignments.Add(assignment);
            }
            item.Assignments.RemoveAll(a => !keptAssignments.Contains(a));
            foreach (var assignment in keptAssignments.Where(a => !item.Assignments.Contains(a)))
            {
                item.Assignments.Add(assignment);
            }
            kept.Add(item);
        }
        foreach (var removed in meeting.Items.Where(i => !kept.Contains(i)).ToList())
        {
            meeting.Items.Remove(removed);
            db.Remove(removed);
        }
        foreach (var item in kept.Where(i => !meeting.Items.Contains(i)))
        {
            meeting.Items.Add(item);
        }
        await db.SaveChangesAsync(ct);
        return meeting.Id;
    }

    public async Task<bool> DeleteAsync(int id, AssociationActor actor, CancellationToken ct)
    {
        actor.EnsureHeadOrAdmin();
        var meeting = await db.Meetings.FindAsync([id], ct);
        if (meeting is null)
        {
            return false;
        }
        db.Meetings.Remove(meeting);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Assignments across protocols, earliest deadline first. The head and administrators see all;
    /// a librarian sees those given to them by name and those given to everyone.
    /// </summary>
    public async Task<List<AssignmentRow>> AssignmentsAsync(AssociationActor actor, bool includeClosed, CancellationToken ct)
    {
        var query = db.Assignments.AsNoTracking().Where(a => !a.AgendaItem!.Meeting!.IsDraft);
        if (!includeClosed)
        {
            query = query.Where(a => a.ClosedAt == null);
        }
        if (!actor.IsHeadOrAdmin)
        {
            query = query.Where(a => a.AssigneeUserId == null || a.AssigneeUserId == actor.UserId);
        }
        var today = clock.Today;
        var rows = await query
            .Select(a => new
            {
                a.Id, a.Text, a.Assignee, a.AssigneeUserId, a.Deadline, a.ClosedAt, a.ClosedBy,
                MeetingId = a.AgendaItem!.MeetingId, a.AgendaItem.Meeting!.Number, a.AgendaItem.Meeting.Date, ItemTitle = a.AgendaItem.Title,
            })
            .ToListAsync(ct);
        return rows
            .Select(a => new AssignmentRow(a.Id, a.Text, a.Assignee, a.AssigneeUserId, a.Deadline,
                a.ClosedAt is null && a.Deadline < today, a.ClosedAt, a.ClosedBy, a.MeetingId, a.Number, a.Date, a.ItemTitle))
            .OrderBy(a => a.ClosedAt is not null)
            .ThenBy(a => a.Deadline ?? DateOnly.MaxValue)
            .ThenBy(a => a.Id)
            .ToList();
    }

    public async Task CloseAssignmentAsync(int id, string? note, AssociationActor actor, CancellationToken ct)
    {
        actor.EnsureHeadOrAdmin();
        var assignment = await db.Assignments.FindAsync([id], ct) ?? throw new KeyNotFoundException();
        if (assignment.ClosedAt is not null)
        {
            throw new AssociationRuleException("Поручение уже закрыто.");
        }
        assignment.ClosedAt = clock.UtcNow;
        assignment.ClosedBy = actor.Name;
        assignment.ClosingNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await db.SaveChangesAsync(ct);
    }

    public async Task ReopenAssignmentAsync(int id, AssociationActor actor, CancellationToken ct)
    {
        actor.EnsureHeadOrAdmin();
        var assignment = await db.Assignments.FindAsync([id], ct) ?? throw new KeyNotFoundException();
        assignment.ClosedAt = null;
        assignment.ClosedBy = null;
        assignment.ClosingNote = null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Members the head can name in an assignment.</summary>
    public async Task<List<(string Id, string Name)>> MembersAsync(CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.FullName).Select(u => new { u.Id, u.FullName, u.UserName }).ToListAsync(ct);
        return users.Select(u => (u.Id, string.IsNullOrWhiteSpace(u.FullName) ? u.UserName ?? u.Id : u.FullName)).ToList();
    }

    private async Task<Dictionary<string, string>> LoadUserNamesAsync(MeetingInput input, CancellationToken ct)
    {
        var ids = input.Items.SelectMany(i => i.Assignments).Select(a => a.AssigneeUserId).OfType<string>().Where(s => s.Length > 0).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        return await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.FullName) ? u.UserName ?? u.Id : u.FullName, ct);
    }
}
