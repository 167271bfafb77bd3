"""Write NOTES.md: fixed method text + per-query notes taken from judgments.txt +
statistics from the built queries-second.jsonl (run build.py first)."""
import json, collections
from queries_spec import Q

notes = {}
for line in open("judgments.txt", encoding="utf-8"):
    if line.startswith("#s"):
        qid, note = line[1:].rstrip("\n").split(" ", 1)
        notes[qid] = note
rows = {json.loads(l)["id"]: json.loads(l) for l in open("queries-second.jsonl", encoding="utf-8")}
report = open("build-report.txt", encoding="utf-8").read()

TYPE = {"Q": "question", "T": "topical phrase", "S": "user word ≠ legal term", "A": "article/act"}
cnt = collections.Counter(q["type"] for q in Q)
n = len(Q)
nj = sum(len(r["relevant"]) for r in rows.values())
n2 = sum(1 for r in rows.values() for g in r["relevant"].values() if g == 2)

head = f"""# Second judged set — `queries-second.jsonl`

{n} queries (`s01`–`s{n:02d}`), {nj} judgments ({n2} graded 2, {nj-n2} graded 1), {nj/n:.1f} relevant
documents per query (min {min(len(r['relevant']) for r in rows.values())}, max {max(len(r['relevant']) for r in rows.values())}); every query has at least one grade-2 document.
Same format and grade scale as `../shared/eval/queries-dev.jsonl`; judged against
`../shared/corpus/regulations.jsonl` (7,814 docs). One judge. Every document id was checked
against the corpus by `build.py`.

## Queries

Written as school librarians, teachers, parents and ordinary citizens type. Primary type
(field `type` in `queries_spec.py`):

| type | n | share |
| --- | --- | --- |
| plain-language question (Q) | {cnt['Q']} | {cnt['Q']/n:.0%} |
| short topical phrase, everyday words (T) | {cnt['T']} | {cnt['T']/n:.0%} |
| user's word differs from the law's term (S) — colloquial word, abbreviation, age instead of the legal category | {cnt['S']} | {cnt['S']/n:.0%} |
| names an article or act (A) | {cnt['A']} | {cnt['A']/n:.0%} |

Cross-cutting: s02, s03 (Q) name the child by age ("ребенок 10 лет", "подросток 15 лет") instead of
малолетний / несовершеннолетний 14–18; s09, s43, s46 (S) are also phrased as questions; deliberate
typos in s12 ("длится"), s23 ("компенсацыя", "неиспользованый"), s27 ("отцовста"); informal
lower-case abbreviations in s37 "тсж", s42 "удо", s45 "рвп", s46 "инн"; slang in s47 "уголовка".
Codes covered: ТК, ГК ч.1–4, СК, ЖК, УК, УПК, УИК, ГПК, КАС, НК ч.1, ЗК, ЛК, ВК, Воздушный, ГрК,
БК, КТМ, КВВТ (as grade-1 same-rule documents), Конституция, 109/114/115/138-ФЗ, 152-ФЗ, 190-ФЗ,
«О связи», «О почтовой связи», rg.ru 62-ФЗ.

**No repeat of a dev (d01–d40) or holdout (h01–h30) need.** I read both files and avoided their
needs, including the examples in the brief that they already cover (декрет h25, больничный h26,
teachers' leave d01, ст. 1259 ГК h23). `build.py` also checks that no query string equals a
dev/holdout query. Only one grade-2 document is shared with a grade-2 of an earlier set:
ТК 331 (s15 asks about the education requirement; d03 about criminal records). Borderline
neighbours, judged as distinct needs: s48 (capital-repair contributions) vs d24 (housing and
utility payments in general); s13/s23 (final settlement, unused-leave compensation) vs d12/d38,
where ТК 140/127 were only grade 1; s31 (water-protection zone) vs d29 (public water bodies).

## Pooling (own scripts, standard-library Python; the portal's code and index were not used)

`pool.py` (with `common.py`, `queries_spec.py`) — five methods, top 30 each, union judged:

1. **M1** BM25 (k1 1.2, b 0.75) over title + full text, crude Russian suffix stripping (longest
   common ending removed, up to twice, stem ≥ 4 letters), small stop-word list.
2. **M2** BM25 over title + article heading only (title-stem overlap / heading match), b 0.3.
3. **M3** BM25 (full text and heading, merged by rank) on my own rewording of the query into the
   law's vocabulary (`legal` field).
4. **M4** hand-written phrase/synonym regexes per query (`pat` field): heading hit 10 points, body
   hits up to 5, ties broken by M3 score.
5. **M5** character 4-gram TF-IDF (log tf, cosine) over heading + first 1,500 characters (catches
   typos and unstemmed forms).

Pools: 60–126 candidates per query (mean 84). `pools/sNN.tsv` lists each candidate id with the
methods and ranks that found it (ids only; the reading copy with headings was kept outside this
folder so no corpus text is stored here).

**Targeted search.** For every query I then grepped the whole corpus by stems, synonyms and article
numbers (`show.py grep`, `targeted.py` = all pattern matches outside the pool) and read what the
pools missed. 25 of the {nj} relevant documents were found only this way (list in
`build-report.txt`): e.g. the Constitution for s04/s08/s22, ТК 195.1/195.3 for s15, ГК 181.2/181.4
for s38, УК 82.1 for s51, the 62-ФЗ amendment for s47.

## Judging

Every pooled candidate's heading was read; every plausible one (and every targeted hit) was read in
its article text (`show.py doc`). Graded by the information need, not by shared words:
**2** = the article a lawyer would cite first for that need (several 2s only when several articles
answer it jointly, e.g. ЖК 44/45/46 for the owners' meeting); **1** = substantively answers part of
the need, is the operative neighbour the main article relies on, or states the same rule in another
code/act (e.g. ГПК 179 and КАС 162 for questioning a minor; КТМ 196 for a delayed flight). Mere
mentions of the query words, same-numbered articles of other codes (for "ст. 77 ТК" etc.) and
character-n-gram noise were left at 0. Judgments with notes are in `judgments.txt`
(one `qid doc grade` line each); `build.py` turns them into the JSONL and validates them.

How each method alone scores against the final judgments (nDCG@10 / recall@10 / MRR@10) — a
sanity check, not a benchmark: M3 and M4 use my own rewordings and patterns, written by the same
person who judged, so they are strongly optimistic; M1/M2/M5 are closer to what a plain engine gets.

```
"""
for line in report.splitlines():
    if line.strip().startswith("M"):
        head += line.strip() + "\n"
head += "```\n\n## Per-query notes\n\n"

body = ""
for q in Q:
    r = rows[q["id"]]
    g2 = sum(1 for g in r["relevant"].values() if g == 2)
    body += (f"- **{q['id']}** `{q['query']}` — {TYPE[q['type']]}{' (' + q['also'] + ')' if q.get('also') else ''}"
             f"{', typo' if q.get('typo') else ''}; {len(r['relevant'])} relevant ({g2}×2). {notes[q['id']]}\n")

tail = """
## Known gaps and doubts

- **Corpus gaps that shape the judgments.** No КоАП (s18 sale of alcohol to minors, s47 drunk
  driving and s16 administrative detention are judged on УК/УПК only), no НК ч.2, no 273-ФЗ
  (s15 relies on ТК 331), no law on registration of Russian citizens 5242-1 (s09 "прописать" is
  judged on the вселение rules of ЖК 70 / ГК 679 and ГК 20), no enforcement-proceedings law 229-ФЗ
  (s33), no donor law (s40), no ФАП-82 (s35), no regional laws on large families (s36), no law on
  pre-trial detention 103-ФЗ (s39).
- **Corpus text defects.** 114-ФЗ: several articles (16, 19, 23, …) are empty and ст. 15 lacks its
  opening lines, but items 5 and 8 (debts, bankruptcy) are present, so s33 keeps ст. 15 as 2.
- **Thin sets.** s06 has one relevant document; s01, s07, s18, s40 two; s46, s53 three. That is
  what the corpus holds, not an oversight.
- **Queries I was least sure about:** s46 "зачем нужен инн" (vague need; judged narrowly on НК 84);
  s44 and s09 (owner's flat vs social hire is unknown, so both regimes were graded);
  s48 (see overlap note above); s16 (Constitution graded 2 beside УПК 94/10); s26 and s49–s51
  (how far to grade special-category or neighbouring articles 1 is a judgment call — I kept the
  ones that state the same institution, left others 0); s35 (ВзК 116/124 graded 1 as claims
  framework).
- **One judge, no second opinion;** M3/M4 pools were written by the judge, so judged sets may
  favour phrasings the judge expected. The average of 5.3 relevant documents per query is lower
  than dev (≈12) and holdout (8.2) because most needs here are narrow questions.

## Files

`queries-second.jsonl` (the set) · `judgments.txt` (grades + notes, source of truth) ·
`queries_spec.py` (queries, types, rewordings, patterns) · `common.py` (stemmer, BM25, 4-gram
TF-IDF) · `pool.py` (pooling → `pools/`) · `targeted.py` (pattern hits outside pools) · `show.py`
(reading aid) · `build.py` (build + validate + method check → `build-report.txt`) ·
`make_notes.py` (this file). Re-run: `python3 pool.py && python3 build.py > build-report.txt &&
python3 make_notes.py` (the first run builds a derived index in the temp folder's judged-set-cache, ~2 min).
"""
open("NOTES.md", "w", encoding="utf-8").write(head + body + tail)
print("NOTES.md written")
