"""Reading aid for the judge (prints corpus text to the terminal only).
  python3 show.py pool <qid>            headings of the pooled candidates
  python3 show.py doc <n> <id> [<id>..] heading + first n chars of each article
  python3 show.py grep <regex> [<id-prefix-regex>]  docs whose text matches (heading, count)"""
import re, sys
from common import load_corpus, heading, body, norm, CACHE

def main():
    cmd = sys.argv[1]
    if cmd == "pool":
        print(open(f"{CACHE}/pools/{sys.argv[2]}.tsv", encoding="utf-8").read())
        return
    docs = {d["id"]: d for d in load_corpus()}
    if cmd == "doc":
        n = int(sys.argv[2])
        for i in sys.argv[3:]:
            d = docs[i]
            print("=====", i, "|", heading(d)[:150])
            print(re.sub(r"\n+", " / ", body(d)[:n]))
    elif cmd == "grep":
        p = re.compile(norm(sys.argv[2]))
        pref = re.compile(sys.argv[3]) if len(sys.argv) > 3 else None
        for i, d in docs.items():
            if pref and not pref.search(i):
                continue
            k = len(p.findall(norm(d["title"] + " " + d["text"])))
            if k:
                print(f"{i}\t{k}\t{heading(d)[:110]}")

main()
