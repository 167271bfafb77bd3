"""Build queries-second.jsonl from queries_spec.py + judgments.txt and validate it:
every id exists in the corpus, every query has a grade-2 document, no duplicate
judgments, ids s01..sNN in order, no query string equal to a dev/holdout query.
Also prints statistics and, per pooling method, how well that method alone would
score against the final judgments (nDCG@10 with gain 2^g-1, recall@10, MRR@10), and
which relevant documents no pool contained (found by the targeted search)."""
import json, math, collections
from queries_spec import Q

import os
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
CORPUS = os.path.join(REPO, "..", "shared", "corpus", "regulations.jsonl")
OTHER = [os.path.join(REPO, "..", "shared", "eval", "queries-dev.jsonl"), os.path.join(REPO, "tools", "Portal.Eval", "sets", "queries-holdout.jsonl")]

ids = set()
with open(CORPUS, encoding="utf-8") as f:
    for line in f:
        ids.add(json.loads(line)["id"])

J = collections.OrderedDict((q["id"], {}) for q in Q)
notes = {}
for n, line in enumerate(open("judgments.txt", encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("# "):
        continue
    if line.startswith("#s"):
        qid, note = line[1:].split(" ", 1)
        notes[qid] = note
        continue
    qid, did, g = line.split()
    assert qid in J, (n, qid)
    assert did in ids, f"line {n}: unknown doc id {did}"
    assert did not in J[qid], f"line {n}: duplicate {qid} {did}"
    assert g in ("1", "2"), (n, g)
    J[qid][did] = int(g)

other_q = set()
for p in OTHER:
    for line in open(p, encoding="utf-8"):
        other_q.add(json.loads(line)["query"].strip().lower())

for k, q in enumerate(Q, 1):
    assert q["id"] == f"s{k:02d}", q["id"]
    assert q["query"].strip().lower() not in other_q, q["query"]
    assert any(g == 2 for g in J[q["id"]].values()), f"{q['id']} has no grade 2"
    assert q["id"] in notes, f"{q['id']} has no note"

with open("queries-second.jsonl", "w", encoding="utf-8") as f:
    for q in Q:
        rel = dict(sorted(J[q["id"]].items(), key=lambda x: -x[1]))
        f.write(json.dumps({"id": q["id"], "query": q["query"], "relevant": rel}, ensure_ascii=False) + "\n")

# re-read and check
rows = [json.loads(l) for l in open("queries-second.jsonl", encoding="utf-8")]
assert len(rows) == len(Q) and all(set(r["relevant"]) <= ids for r in rows)

n_j = sum(len(r["relevant"]) for r in rows)
n2 = sum(1 for r in rows for g in r["relevant"].values() if g == 2)
print(f"queries {len(rows)}, judgments {n_j} (grade 2: {n2}, grade 1: {n_j-n2}), "
      f"avg relevant/query {n_j/len(rows):.2f}, min {min(len(r['relevant']) for r in rows)}, max {max(len(r['relevant']) for r in rows)}")
types = collections.Counter(q["type"] for q in Q)
print("types", dict(types), "typo-marked", sum(1 for q in Q if q.get("typo")))

# pool coverage and per-method quality
def metrics(ranked, rel):
    dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(rel.values(), reverse=True)[:10]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    rec = len([d for d in ranked[:10] if d in rel]) / len(rel)
    mrr = next((1 / (i + 1) for i, d in enumerate(ranked[:10]) if d in rel), 0.0)
    return dcg / idcg, rec, mrr

agg = collections.defaultdict(lambda: [0.0, 0.0, 0.0])
missing = []
pool_sizes = []
for r in rows:
    per = collections.defaultdict(list)
    pool = set()
    for line in open(f"pools/{r['id']}.tsv", encoding="utf-8"):
        did, ms = line.rstrip("\n").split("\t")
        pool.add(did)
        for m in ms.split(","):
            name, rank = m.split(":")
            per[name].append((int(rank), did))
    pool_sizes.append(len(pool))
    for name, lst in per.items():
        ranked = [d for _, d in sorted(lst)]
        for i, v in enumerate(metrics(ranked, r["relevant"])):
            agg[name][i] += v
    for d, g in r["relevant"].items():
        if d not in pool:
            missing.append((r["id"], d, g))
print(f"pool size per query: min {min(pool_sizes)}, max {max(pool_sizes)}, mean {sum(pool_sizes)/len(pool_sizes):.0f}")
for name in sorted(agg):
    a = agg[name]
    print(f"  {name}: nDCG@10 {a[0]/len(rows):.3f}  recall@10 {a[1]/len(rows):.3f}  MRR@10 {a[2]/len(rows):.3f}")
print(f"relevant documents outside every pool (added by targeted search): {len(missing)}")
for m in missing:
    print("  ", *m)
