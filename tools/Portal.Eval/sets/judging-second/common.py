"""Shared helpers for pooling/judging: corpus loading, crude Russian stemming,
BM25, character 4-gram TF-IDF.  Standard library only, no network."""
import json
import math
import os
import pickle
import re
from collections import Counter, defaultdict

import os
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
CORPUS = os.path.join(REPO, "..", "shared", "corpus", "regulations.jsonl")
import tempfile
CACHE = os.path.join(tempfile.gettempdir(), "judged-set-cache")  # derived index, kept outside the deliverables folder

WORD = re.compile(r"[0-9a-zа-яё]+(?:[.\-][0-9]+)*", re.I)

# Common Russian inflectional/derivational endings, longest first.
ENDINGS = sorted(set("""
иями ями ами ого его ому ему ыми ими ией ией ость ости остью остей ение ения ению ением ении ений ениям
ание ания анию анием ании аний аниям ется ются ится ятся ешь ишь ете ите ает яет ают яют ует уют
ать ять ить еть уть ыть ал ял ил ел ала яла ила ела али яли или ели ено ена ены ан ян
ая яя ое ее ые ие ый ий ой ую юю ом ем ам ям ах ях ов ев ей ию ия ья ье ьи ью ии
ся сь а я о е ы и у ю ь й
""".split()), key=len, reverse=True)


def norm(s):
    return s.lower().replace("ё", "е")


def stem(w):
    w = norm(w)
    if not re.match(r"^[а-я]+$", w):
        return w  # numbers, article numbers like 152.1, latin
    changed = True
    # strip up to two endings (e.g. -ост-ью, -ени-ями), keep stem >= 4 letters
    for _ in range(2):
        changed = False
        for e in ENDINGS:
            if w.endswith(e) and len(w) - len(e) >= 4:
                w = w[: -len(e)]
                changed = True
                break
        if not changed:
            break
    return w


STOP = set(norm(x) for x in """
и в во на по с со к ко о об от до из за для при не ни ли же бы а но или что как кто где
это этот эта эти то тот та те его ее их он она они мы вы я мой свой себя сам
который которая которые которое также либо если то есть может можно нужно ли
есть быть был была были будет все всех всё весь какой какие каких сколько
рф российской федерации федерации российская
""".split())


def tokens(s):
    return [m.group(0) for m in WORD.finditer(norm(s))]


def stems(s, drop_stop=True):
    out = []
    for t in tokens(s):
        if drop_stop and t in STOP:
            continue
        out.append(stem(t))
    return out


def load_corpus():
    docs = []
    with open(CORPUS, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            docs.append(o)
    return docs


def heading(doc):
    """The 'Статья N. ...' heading line (or the title for non-article docs)."""
    for ln in doc["text"].split("\n")[:8]:
        if ln.startswith("Статья"):
            return ln
    return doc["title"]


def body(doc):
    """Article text after the heading line."""
    lines = doc["text"].split("\n")
    for i, ln in enumerate(lines[:8]):
        if ln.startswith("Статья"):
            return "\n".join(lines[i + 1:]).strip()
    return doc["text"]


class BM25:
    def __init__(self, docs_tokens, k1=1.2, b=0.75):
        self.k1, self.b = k1, b
        self.N = len(docs_tokens)
        self.tf = [Counter(t) for t in docs_tokens]
        self.dl = [len(t) for t in docs_tokens]
        self.avgdl = sum(self.dl) / max(1, self.N)
        df = Counter()
        for c in self.tf:
            df.update(c.keys())
        self.idf = {w: math.log(1 + (self.N - n + 0.5) / (n + 0.5)) for w, n in df.items()}
        self.post = defaultdict(list)
        for i, c in enumerate(self.tf):
            for w in c:
                self.post[w].append(i)

    def score(self, q_terms):
        sc = defaultdict(float)
        for w, qtf in Counter(q_terms).items():
            if w not in self.idf:
                continue
            idf = self.idf[w]
            for i in self.post[w]:
                f = self.tf[i][w]
                sc[i] += qtf * idf * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * self.dl[i] / self.avgdl))
        return sc

    def top(self, q_terms, n=30):
        sc = self.score(q_terms)
        return sorted(sc.items(), key=lambda x: -x[1])[:n]


def char_ngrams(s, n=4):
    s = " " + re.sub(r"\s+", " ", norm(s)) + " "
    return [s[i:i + n] for i in range(len(s) - n + 1)]


class CharTfidf:
    """Character 4-gram TF-IDF (log tf, cosine) over heading + first 1500 chars of body."""

    def __init__(self, texts, n=4):
        self.n = n
        self.N = len(texts)
        vecs = [Counter(char_ngrams(t, n)) for t in texts]
        df = Counter()
        for v in vecs:
            df.update(v.keys())
        self.idf = {g: math.log(self.N / c) for g, c in df.items()}
        self.post = defaultdict(list)
        self.norms = []
        for i, v in enumerate(vecs):
            w = {g: (1 + math.log(c)) * self.idf[g] for g, c in v.items()}
            nrm = math.sqrt(sum(x * x for x in w.values())) or 1.0
            self.norms.append(nrm)
            for g, x in w.items():
                self.post[g].append((i, x))

    def top(self, q, n=30):
        qv = Counter(char_ngrams(q, self.n))
        qw = {g: (1 + math.log(c)) * self.idf[g] for g, c in qv.items() if g in self.idf}
        sc = defaultdict(float)
        for g, x in qw.items():
            if self.idf[g] < 1.0:  # skip near-ubiquitous grams
                continue
            for i, y in self.post[g]:
                sc[i] += x * y
        res = [(i, s / self.norms[i]) for i, s in sc.items()]
        return sorted(res, key=lambda x: -x[1])[:n]


def build_index():
    os.makedirs(CACHE, exist_ok=True)
    p = os.path.join(CACHE, "index.pkl")
    if os.path.exists(p):
        with open(p, "rb") as f:
            return pickle.load(f)
    docs = load_corpus()
    ids = [d["id"] for d in docs]
    heads = [heading(d) for d in docs]
    full = [stems(d["title"] + " " + d["text"]) for d in docs]
    # title-only: for code articles the title has "Кодекс. Статья N. heading"
    tit = [stems(d["title"] + " " + h) for d, h in zip(docs, heads)]
    bm_full = BM25(full)
    bm_title = BM25(tit, k1=1.2, b=0.3)
    ch = CharTfidf([h + " " + body(d)[:1500] for d, h in zip(docs, heads)])
    idx = {"ids": ids, "heads": heads, "bm_full": bm_full, "bm_title": bm_title,
           "char": ch, "title_stems": [set(t) for t in tit]}
    with open(p, "wb") as f:
        pickle.dump(idx, f, protocol=pickle.HIGHEST_PROTOCOL)
    return idx
