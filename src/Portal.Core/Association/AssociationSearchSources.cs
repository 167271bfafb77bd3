using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Association.Exchange;
using Portal.Core.Association.Meetings;
using Portal.Core.Association.Plans;
using Portal.Core.Data;
using Portal.Core.Search;

namespace Portal.Core.Association;

/// <summary>Protocols in the main search: agenda, who was heard, summaries and decisions. Drafts are not public.</summary>
public sealed class ProtocolSearchSource : ISearchDocumentSource
{
    public string Kind => SearchKinds.Protocol;

    public async Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var meeting = await Query(db).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return meeting is null ? null : Build(meeting);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var meeting in Query(db).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return Build(meeting);
        }
    }

    private static IQueryable<Meeting> Query(PortalDbContext db) =>
        db.Meetings.AsNoTracking().AsSplitQuery().Where(m => !m.IsDraft)
            .Include(m => m.Items).ThenInclude(i => i.Assignments);

    internal static SearchDocument Build(Meeting meeting)
    {
        var body = new StringBuilder();
        body.AppendLine($"Место проведения: {meeting.Place}. Руководитель: {meeting.HeadName}. Секретарь: {meeting.SecretaryName}. Присутствовали: {meeting.AttendanceCount}. {meeting.Attendees}");
        foreach (var item in meeting.Items.OrderBy(i => i.Position))
        {
            body.AppendLine($"{item.Position}. {item.Title}");
            body.AppendLine($"Слушали: {item.Speakers}. {item.Summary}");
            body.AppendLine($"Решение: {item.Decision}");
            foreach (var a in item.Assignments)
            {
                body.AppendLine($"Поручение: {a.Text} — {a.Assignee} {Common.RussianFormat.Date(a.Deadline)}");
            }
        }
        return new SearchDocument
        {
            Kind = SearchKinds.Protocol,
            Key = meeting.Id.ToString(CultureInfo.InvariantCulture),
            Title = meeting.Title,
            Url = $"/meetings/{meeting.Id}",
            Body = body.ToString(),
            Headings = string.Join("\n", meeting.Items.OrderBy(i => i.Position).Select(i => i.Title)),
            Requisites = $"Протокол № {meeting.Number} от {Common.RussianFormat.Date(meeting.Date)}",
            DocType = "Протокол",
            Issuer = "РМО педагогов-библиотекарей",
            Date = meeting.Date,
            Category = "Заседания РМО",
        };
    }
}

/// <summary>The work plan in the main search: the methodical theme, its implementation and every event.</summary>
public sealed class PlanSearchSource : ISearchDocumentSource
{
    public string Kind => SearchKinds.Plan;

    public async Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        var plan = await db.WorkPlans.AsNoTracking().Include(p => p.Events).FirstOrDefaultAsync(p => p.AcademicYear == key, cancellationToken);
        return plan is null ? null : Build(plan);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var plan in db.WorkPlans.AsNoTracking().Include(p => p.Events).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return Build(plan);
        }
    }

    internal static SearchDocument Build(WorkPlan plan)
    {
        var body = new StringBuilder();
        body.AppendLine($"Методическая тема: {plan.MethodicalTheme}");
        body.AppendLine(plan.ThemeGoal);
        body.AppendLine(plan.ImplementationSteps);
        foreach (var e in plan.Events.OrderBy(e => PlanMonthsIndex(e.Month)).ThenBy(e => e.Position))
        {
            body.AppendLine($"{PlanMonths.Name(e.Month)}: {e.Title} ({e.Form}). Ответственный: {e.Responsible}.");
        }
        return new SearchDocument
        {
            Kind = SearchKinds.Plan,
            Key = plan.AcademicYear,
            Title = $"План работы РМО на {plan.AcademicYear} учебный год",
            Url = $"/plan?year={Uri.EscapeDataString(plan.AcademicYear)}",
            Body = body.ToString(),
            Headings = plan.MethodicalTheme,
            DocType = "План работы",
            Issuer = "РМО педагогов-библиотекарей",
            Category = "План работы",
        };
    }

    private static int PlanMonthsIndex(int month) => ((month + 3) % 12);
}

/// <summary>Offers of the exchange fund still on offer, so «учебник математики 5 класс Мерзляк» finds them in any case form.</summary>
public sealed class ExchangeSearchSource : ISearchDocumentSource
{
    public string Kind => SearchKinds.Exchange;

    public async Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var offer = await db.ExchangeOffers.AsNoTracking().Include(o => o.School).FirstOrDefaultAsync(o => o.Id == id && !o.IsWithdrawn, cancellationToken);
        return offer is null ? null : Build(offer);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var offer in db.ExchangeOffers.AsNoTracking().Include(o => o.School).Where(o => !o.IsWithdrawn).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return Build(offer);
        }
    }

    internal static SearchDocument Build(ExchangeOffer offer) => new()
    {
        Kind = SearchKinds.Exchange,
        Key = offer.Id.ToString(CultureInfo.InvariantCulture),
        Title = offer.Grade is { } g ? $"{offer.Title} ({g} класс)" : offer.Title,
        Url = $"/exchange/offers/{offer.Id}",
        Body = $"Учебник {offer.Subject}. {offer.Title}. Авторы: {offer.Authors}. {(offer.Grade is { } grade ? grade + " класс." : "")} " +
               $"Издательство {offer.Publisher}, {offer.Year}. ISBN {offer.Isbn}. ФПУ {offer.FpuNumber}. Состояние: {offer.Condition}. " +
               // Copies available change by conditional UPDATEs the index never hears of, so they stay out of it.
               $"Предлагает {offer.School?.Name}.",
        Requisites = string.Join(", ", new[] { offer.Publisher, offer.Year.ToString(CultureInfo.InvariantCulture), offer.Isbn is null ? null : "ISBN " + offer.Isbn }.Where(s => !string.IsNullOrEmpty(s))),
        Issuer = offer.School?.ShortName,
        Category = offer.Subject,
        Tags = offer.Grade is { } t ? [offer.Subject, $"{t} класс"] : [offer.Subject],
    };
}
