"""Targeted search for relevant documents the pools missed: for each query, every
document whose heading matches one of the query's phrase/synonym regexes, or whose
body matches them at least twice, that is not already in the union pool.  The judge
reads this list (prints to the terminal; nothing is written).
Usage: python3 targeted.py [qid ...]"""
import re, sys
from common import load_corpus, heading, body, norm
from queries_spec import Q

def main():
    want = set(sys.argv[1:])
    docs = load_corpus()
    heads = [norm(heading(d)) for d in docs]
    bodies = [norm(body(d)) for d in docs]
    for q in Q:
        if want and q["id"] not in want:
            continue
        pool = {l.split("\t")[0] for l in open(f"pools/{q['id']}.tsv", encoding="utf-8")}
        pats = [re.compile(norm(p)) for p in q["pat"] if not p.startswith("^")]
        out = []
        for d, h, b in zip(docs, heads, bodies):
            if d["id"] in pool:
                continue
            hh = any(p.search(h) for p in pats)
            nb = sum(len(p.findall(b)) for p in pats)
            if hh or nb >= 2:
                out.append((hh, nb, d["id"], heading(d)[:90]))
        out.sort(key=lambda x: (-x[0], -x[1]))
        print(f"== {q['id']} {q['query']}  ({len(out)} outside pool)")
        for hh, nb, i, h in out[:25]:
            print(f"   {'H' if hh else ' '} {nb:3d} {i}  {h}")

main()
