using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Search;

namespace Portal.Core.Association.Exchange;

public sealed record OfferFilter(string? Query = null, string? Subject = null, int? Grade = null, int? SchoolId = null, bool OnlyAvailable = true);

/// <summary>A request with what both schools need to see.</summary>
public sealed record RequestView(ExchangeRequest Request, ExchangeOffer Offer, string OfferingSchool, string RequestingSchool);

public sealed record ExchangeSummaryRow(string Name, int Offers, int CopiesOffered, int CopiesAvailable, int CopiesRequested, int CopiesTransferred);

public sealed record ExchangeSummary(IReadOnlyList<ExchangeSummaryRow> BySchool, IReadOnlyList<ExchangeSummaryRow> BySubject, ExchangeSummaryRow Total);

/// <summary>
/// The district's exchange fund. Copies are reserved when a request is made, by one conditional
/// UPDATE («available = available − n where available ≥ n»), so two simultaneous requests cannot
/// both take the last copies; a decline or a partial acceptance returns what was not handed over.
/// </summary>
public sealed class ExchangeService(PortalDbContext db, IAssociationClock clock, IContentSearch? contentSearch = null)
{
    public const int MaxSearchHits = 200;

    public async Task<int> CreateOfferAsync(int schoolId, OfferInput input, AssociationActor actor, CancellationToken ct)
    {
        actor.EnsureMayChangeSchool(schoolId);
        AssociationRuleException.ThrowIfAny(input.Validate(clock.Today.Year));
        await EnsureSchoolAsync(schoolId, ct);
        var offer = NewOffer(schoolId, input, actor);
        db.ExchangeOffers.Add(offer);
        await db.SaveChangesAsync(ct);
        return offer.Id;
    }

    /// <summary>Saves the valid rows of a previewed file (re-read, never trusted from the browser) in one transaction.</summary>
    public async Task<int> ImportAsync(int schoolId, OfferImportPreview preview, AssociationActor actor, CancellationToken ct)
    {
        actor.EnsureMayChangeSchool(schoolId);
        if (!preview.CanImport)
        {
            throw new AssociationRuleException(preview.FileErrors.FirstOrDefault() ?? "В файле нет строк без ошибок.");
        }
        await EnsureSchoolAsync(schoolId, ct);
        var offers = preview.Rows.Where(r => r.IsValid).Select(r => NewOffer(schoolId, r.Offer, actor)).ToList();
        db.ExchangeOffers.AddRange(offers);
        await db.SaveChangesAsync(ct);
        return offers.Count;
    }

    public async Task UpdateOfferAsync(int offerId, OfferInput input, AssociationActor actor, CancellationToken ct)
    {
        var offer = await db.ExchangeOffers.FirstOrDefaultAsync(o => o.Id == offerId, ct) ?? throw new KeyNotFoundException();
        actor.EnsureMayChangeSchool(offer.SchoolId);
        var errors = input.Validate(clock.Today.Year);
        var reserved = offer.CopiesOffered - offer.CopiesAvailable;
        if (input.Copies is { } copies && copies < reserved)
        {
            errors.Add(new(nameof(OfferInput.Copies), $"По заявкам уже зарезервировано или передано {reserved} экз.; меньше указать нельзя."));
        }
        AssociationRuleException.ThrowIfAny(errors);
        input.ApplyTo(offer);
        // Available changes by the same amount as offered, in the database, so a request made meanwhile is not lost.
        var delta = input.Copies!.Value - offer.CopiesOffered;
        offer.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(ct);
        await db.ExchangeOffers.Where(o => o.Id == offerId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CopiesOffered, o => o.CopiesOffered + delta).SetProperty(o => o.CopiesAvailable, o => o.CopiesAvailable + delta), ct);
    }

    public async Task WithdrawOfferAsync(int offerId, AssociationActor actor, CancellationToken ct)
    {
        var offer = await db.ExchangeOffers.FirstOrDefaultAsync(o => o.Id == offerId, ct) ?? throw new KeyNotFoundException();
        actor.EnsureMayChangeSchool(offer.SchoolId);
        offer.IsWithdrawn = true;
        offer.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(ct);
    }

    public Task<ExchangeOffer?> GetOfferAsync(int id, CancellationToken ct) =>
        db.ExchangeOffers.AsNoTracking().Include(o => o.School).FirstOrDefaultAsync(o => o.Id == id, ct);

    /// <summary>
    /// Offers matching the filter. A query goes through the portal's Russian search when it is
    /// available (best first); without it, every word's stem must occur in the offer's text.
    /// </summary>
    public async Task<(List<ExchangeOffer> Offers, bool Ranked)> SearchAsync(OfferFilter filter, CancellationToken ct)
    {
        var query = db.ExchangeOffers.AsNoTracking().Include(o => o.School).Where(o => !o.IsWithdrawn);
        if (filter.OnlyAvailable)
        {
            query = query.Where(o => o.CopiesAvailable > 0);
        }
        if (!string.IsNullOrWhiteSpace(filter.Subject))
        {
            query = query.Where(o => o.Subject == filter.Subject);
        }
        if (filter.Grade is { } grade)
        {
            query = query.Where(o => o.Grade == grade);
        }
        if (filter.SchoolId is { } schoolId)
        {
            query = query.Where(o => o.SchoolId == schoolId);
        }
        if (string.IsNullOrWhiteSpace(filter.Query))
        {
            return (await query.OrderBy(o => o.Subject).ThenBy(o => o.Grade).ThenBy(o => o.Title).ToListAsync(ct), false);
        }
        if (contentSearch is not null)
        {
            var hits = await contentSearch.SearchKindAsync(filter.Query, SearchKinds.Exchange, MaxSearchHits, ct);
            var ids = hits.Select(h => int.TryParse(h.Key, out var id) ? id : 0).Where(id => id > 0).ToList();
            var found = await query.Where(o => ids.Contains(o.Id)).ToListAsync(ct);
            return (found.OrderBy(o => ids.IndexOf(o.Id)).ToList(), true);
        }
        var stems = WordStems(filter.Query);
        var all = await query.ToListAsync(ct);
        return (all.Where(o => stems.All(s => OfferText(o).Contains(s, StringComparison.Ordinal)))
            .OrderBy(o => o.Subject).ThenBy(o => o.Grade).ThenBy(o => o.Title).ToList(), false);
    }

    public Task<List<string>> SubjectsAsync(CancellationToken ct) =>
        db.ExchangeOffers.AsNoTracking().Where(o => !o.IsWithdrawn).Select(o => o.Subject).Distinct().OrderBy(s => s).ToListAsync(ct);

    /// <summary>Reserves <paramref name="copies"/> for the actor's school; fails when fewer are available at that moment.</summary>
    public async Task<int> RequestAsync(int offerId, int requestingSchoolId, int copies, string? comment, AssociationActor actor, CancellationToken ct)
    {
        actor.EnsureMayChangeSchool(requestingSchoolId);
        if (copies <= 0)
        {
            throw new AssociationRuleException("Количество экземпляров должно быть больше нуля.", "Copies");
        }
        var offer = await db.ExchangeOffers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId, ct) ?? throw new KeyNotFoundException();
        if (offer.SchoolId == requestingSchoolId)
        {
            throw new AssociationRuleException("Нельзя запросить учебники у своей же школы.");
        }
        if (offer.IsWithdrawn)
        {
            throw new AssociationRuleException("Предложение снято школой.");
        }
        await EnsureSchoolAsync(requestingSchoolId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reserved = await db.ExchangeOffers
            .Where(o => o.Id == offerId && !o.IsWithdrawn && o.CopiesAvailable >= copies)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CopiesAvailable, o => o.CopiesAvailable - copies), ct);
        if (reserved == 0)
        {
            await transaction.RollbackAsync(ct);
            var available = await db.ExchangeOffers.Where(o => o.Id == offerId).Select(o => o.CopiesAvailable).FirstAsync(ct);
            throw new AssociationRuleException(available == 0
                ? "Все экземпляры уже запрошены другими школами."
                : $"Доступно только {available} экз.; запросите не больше.", "Copies");
        }
        var request = new ExchangeRequest
        {
            OfferId = offerId,
            RequestingSchoolId = requestingSchoolId,
            RequestedByUserId = actor.UserId,
            RequestedBy = actor.Name,
            CopiesRequested = copies,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            CreatedAt = clock.UtcNow,
            History = [new ExchangeRequestEvent { At = clock.UtcNow, Status = ExchangeRequestStatus.Pending, By = actor.Name, Note = $"Запрошено {copies} экз." }],
        };
        db.ExchangeRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return request.Id;
    }

    /// <summary>
    /// The offering school's answer: all copies, some (<paramref name="copiesAccepted"/> less than
    /// requested) or none. Copies not handed over return to the fund.
    /// </summary>
    public async Task DecideAsync(int requestId, int copiesAccepted, string? note, AssociationActor actor, CancellationToken ct)
    {
        var request = await db.ExchangeRequests.Include(r => r.Offer).FirstOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new KeyNotFoundException();
        actor.EnsureMayChangeSchool(request.Offer!.SchoolId);
        if (copiesAccepted < 0 || copiesAccepted > request.CopiesRequested)
        {
            throw new AssociationRuleException($"Можно передать от 0 до {request.CopiesRequested} экз.", "CopiesAccepted");
        }
        var status = copiesAccepted == 0 ? ExchangeRequestStatus.Declined
            : copiesAccepted == request.CopiesRequested ? ExchangeRequestStatus.Accepted
            : ExchangeRequestStatus.PartlyAccepted;
        var text = status switch
        {
            ExchangeRequestStatus.Declined => "Отклонено",
            ExchangeRequestStatus.Accepted => $"Передаётся {copiesAccepted} экз.",
            _ => $"Передаётся {copiesAccepted} из {request.CopiesRequested} экз.",
        };
        await CloseRequestAsync(request, status, copiesAccepted, Append(text, note), actor, ct);
    }

    /// <summary>The requesting school withdraws a request that is still pending.</summary>
    public async Task CancelRequestAsync(int requestId, AssociationActor actor, CancellationToken ct)
    {
        var request = await db.ExchangeRequests.Include(r => r.Offer).FirstOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new KeyNotFoundException();
        actor.EnsureMayChangeSchool(request.RequestingSchoolId);
        await CloseRequestAsync(request, ExchangeRequestStatus.Cancelled, 0, "Заявка отозвана", actor, ct);
    }

    private async Task CloseRequestAsync(ExchangeRequest request, ExchangeRequestStatus status, int copiesAccepted, string note, AssociationActor actor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.UtcNow;
        // Only a pending request can be decided, once: a second click or a second tab changes nothing.
        var changed = await db.ExchangeRequests
            .Where(r => r.Id == request.Id && r.Status == ExchangeRequestStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.CopiesAccepted, copiesAccepted).SetProperty(r => r.DecidedAt, now), ct);
        if (changed == 0)
        {
            throw new AssociationRuleException("По этой заявке уже принято решение.");
        }
        var returned = request.CopiesRequested - copiesAccepted;
        if (returned > 0)
        {
            await db.ExchangeOffers.Where(o => o.Id == request.OfferId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CopiesAvailable, o => o.CopiesAvailable + returned), ct);
        }
        db.ExchangeRequestEvents.Add(new ExchangeRequestEvent { RequestId = request.Id, At = now, Status = status, By = actor.Name, Note = note });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Requests to the school's offers (incoming) and from it (outgoing), newest first, with their history.</summary>
    public async Task<(List<RequestView> Incoming, List<RequestView> Outgoing)> RequestsForSchoolAsync(int? schoolId, CancellationToken ct)
    {
        var all = await db.ExchangeRequests.AsNoTracking().AsSplitQuery()
            .Include(r => r.Offer).ThenInclude(o => o!.School)
            .Include(r => r.RequestingSchool)
            .Include(r => r.History.OrderBy(h => h.At))
            .Where(r => schoolId == null || r.RequestingSchoolId == schoolId || r.Offer!.SchoolId == schoolId)
            .OrderByDescending(r => r.CreatedAt)
            .ToListAsync(ct);
        var views = all.Select(r => new RequestView(r, r.Offer!, r.Offer!.School?.ShortName ?? "", r.RequestingSchool?.ShortName ?? "")).ToList();
        return (views.Where(v => schoolId == null || v.Offer.SchoolId == schoolId).ToList(),
                views.Where(v => schoolId != null && v.Request.RequestingSchoolId == schoolId).ToList());
    }

    public Task<ExchangeRequest?> GetRequestAsync(int id, CancellationToken ct) =>
        db.ExchangeRequests.AsNoTracking().Include(r => r.Offer).FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>The head's view of the fund: copies offered, still available, requested and handed over, by school and by subject.</summary>
    public async Task<ExchangeSummary> SummaryAsync(CancellationToken ct)
    {
        var offers = await db.ExchangeOffers.AsNoTracking().Include(o => o.School).Include(o => o.Requests).Where(o => !o.IsWithdrawn).ToListAsync(ct);
        ExchangeSummaryRow Row(string name, IEnumerable<ExchangeOffer> group)
        {
            var list = group.ToList();
            var requests = list.SelectMany(o => o.Requests).Where(r => r.Status != ExchangeRequestStatus.Cancelled).ToList();
            return new(name, list.Count, list.Sum(o => o.CopiesOffered), list.Sum(o => o.CopiesAvailable),
                requests.Sum(r => r.CopiesRequested), requests.Sum(r => r.CopiesAccepted ?? 0));
        }
        return new(
            offers.GroupBy(o => o.School?.ShortName ?? "").OrderBy(g => g.Key).Select(g => Row(g.Key, g)).ToList(),
            offers.GroupBy(o => o.Subject).OrderBy(g => g.Key).Select(g => Row(g.Key, g)).ToList(),
            Row("Итого по району", offers));
    }

    public static ExportTable[] SummaryTables(ExchangeSummary summary)
    {
        string[] headers = ["", "Позиций", "Предложено, экз.", "Доступно, экз.", "Запрошено, экз.", "Передано, экз."];
        IReadOnlyList<object?> Cells(ExchangeSummaryRow r) => [r.Name, r.Offers, r.CopiesOffered, r.CopiesAvailable, r.CopiesRequested, r.CopiesTransferred];
        return
        [
            new ExportTable("По школам", ["Школа", .. headers[1..]], [.. summary.BySchool.Select(Cells), Cells(summary.Total)]),
            new ExportTable("По предметам", ["Предмет", .. headers[1..]], [.. summary.BySubject.Select(Cells), Cells(summary.Total)]),
        ];
    }

    private ExchangeOffer NewOffer(int schoolId, OfferInput input, AssociationActor actor)
    {
        var offer = new ExchangeOffer
        {
            SchoolId = schoolId,
            CopiesOffered = input.Copies!.Value,
            CopiesAvailable = input.Copies!.Value,
            CreatedBy = actor.Name,
            CreatedAt = clock.UtcNow,
            UpdatedAt = clock.UtcNow,
        };
        input.ApplyTo(offer);
        return offer;
    }

    private async Task EnsureSchoolAsync(int schoolId, CancellationToken ct)
    {
        if (!await db.Schools.AnyAsync(s => s.Id == schoolId, ct))
        {
            throw new AssociationRuleException("Школа не найдена в справочнике.", "SchoolId");
        }
    }

    private static string Append(string text, string? note) => string.IsNullOrWhiteSpace(note) ? text : $"{text.TrimEnd('.')}. {note.Trim()}";

    private static string OfferText(ExchangeOffer o) =>
        $"{o.Title} {o.Authors} {o.Subject} {o.Publisher} {o.Grade} класс {o.Isbn} {o.FpuNumber}".ToLowerInvariant().Replace('ё', 'е');

    /// <summary>Crude stems for the fallback match: the first five letters of longer words, so «математики» finds «математика».</summary>
    internal static List<string> WordStems(string query) =>
        query.ToLowerInvariant().Replace('ё', 'е')
            .Split([' ', ',', '.', ';', ':', '-', '«', '»', '"'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > 5 && w.All(char.IsLetter) ? w[..5] : w)
            .ToList();
}
