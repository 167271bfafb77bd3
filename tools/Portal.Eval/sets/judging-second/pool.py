"""Pool candidates for every query from five methods of our own (top 30 each):
  M1  BM25 over title+text, crude suffix-stripped stems of the query
  M2  BM25 over title + article heading only (title-stem overlap), query stems
  M3  BM25 over title+text on the judge's rewording into legal vocabulary
      (+ title/heading BM25 on the rewording, merged by rank)
  M4  hand-written phrase/synonym regexes per query (heading hit = 10, body hits capped at 5)
  M5  character 4-gram TF-IDF (heading + first 1500 chars), robust to typos
Writes pools/<qid>.tsv (doc id, methods with ranks) and pools/summary.tsv.
Usage: python3 pool.py [qid ...]"""
import os
import re
import sys

from common import CACHE, build_index, load_corpus, stems, norm, heading, body
from queries_spec import Q

TOP = 30


def main():
    want = set(sys.argv[1:])
    idx = build_index()
    ids, heads = idx["ids"], idx["heads"]
    docs = None
    os.makedirs("pools", exist_ok=True)
    os.makedirs(f"{CACHE}/pools", exist_ok=True)
    summ = []
    for q in Q:
        if want and q["id"] not in want:
            continue
        methods = {}
        methods["M1"] = [i for i, _ in idx["bm_full"].top(stems(q["query"]), TOP)]
        methods["M2"] = [i for i, _ in idx["bm_title"].top(stems(q["query"]), TOP)]
        a = [i for i, _ in idx["bm_full"].top(stems(q["legal"]), TOP)]
        b = [i for i, _ in idx["bm_title"].top(stems(q["legal"]), TOP)]
        merged = []
        for x, y in zip(a, b):
            for i in (x, y):
                if i not in merged:
                    merged.append(i)
        methods["M3"] = merged[:TOP]
        # M4: regex patterns
        if docs is None:
            docs = load_corpus()
            low_body = [norm(body(d)) for d in docs]
            low_head = [norm(h) for h in heads]
        pats = [re.compile(norm(p), re.I) for p in q["pat"]]
        sc = {}
        leg = idx["bm_full"].score(stems(q["legal"]))
        for i in range(len(ids)):
            s = 0.0
            for p in pats:
                if p.search(low_head[i]) or (p.pattern.startswith("^") and p.search(heads[i])):
                    s += 10
                n = len(p.findall(low_body[i]))
                s += min(n, 5)
            if s > 0:
                sc[i] = s + 0.001 * leg.get(i, 0.0)
        methods["M4"] = [i for i, _ in sorted(sc.items(), key=lambda x: -x[1])[:TOP]]
        methods["M5"] = [i for i, _ in idx["char"].top(q["query"], TOP)]
        pool = {}
        for m, lst in methods.items():
            for r, i in enumerate(lst, 1):
                pool.setdefault(i, []).append(f"{m}:{r}")
        order = sorted(pool, key=lambda i: (-len(pool[i]), min(int(x.split(':')[1]) for x in pool[i])))
        # ids + method ranks only in the deliverables folder; a copy with headings
        # (corpus text) for reading goes to the cache outside it
        with open(f"pools/{q['id']}.tsv", "w", encoding="utf-8") as f, \
                open(f"{CACHE}/pools/{q['id']}.tsv", "w", encoding="utf-8") as g:
            for i in order:
                f.write(f"{ids[i]}\t{','.join(pool[i])}\n")
                g.write(f"{ids[i]}\t{','.join(pool[i])}\t{heads[i][:110]}\n")
        summ.append((q["id"], len(pool), q["query"]))
        print(q["id"], len(pool), q["query"], flush=True)
    if not want:
        with open("pools/summary.tsv", "w", encoding="utf-8") as f:
            for r in summ:
                f.write("\t".join(map(str, r)) + "\n")


if __name__ == "__main__":
    main()
