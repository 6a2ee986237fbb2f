"""Speed benchmark for ``sockg verify``: 1,000 cited statements against 10 MB of fetched text.

Run it by hand (pytest does not collect ``bench_*`` files)::

    python tests/benchmarks/bench_verify.py                 # 1,000 statements, 10 MB
    python tests/benchmarks/bench_verify.py --statements 5000 --mb 20

Nothing is written anywhere. The texts are synthetic: twenty documents of strategy-like text (headings,
numbered paragraphs, sentences naming organisations from a list of 200) made by this script; half the
documents are "PDFs" with pages and printed page numbers. The statements cite a heading (with a page for
the PDFs) or a numbered paragraph under a heading, and relate two of the organisations; a tenth cite a
heading that is not there and a tenth name an organisation the place does not.

Timed on one core (CPU seconds of this process): preparing the texts (parsing into blocks, indexing lines:
done once per build) and verifying the statements. The baseline, measured in the same run, is the
simplest correct verifier: for each statement, find the heading by scanning the whole text
(``str.find`` on the folded text) and fold the place afresh. Target (issue 11): verification under 5 s.
The exit status is 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

TARGET_S = 5.0
SEED = 11


def make_corpus(mb: float, docs: int, orgs: list[str], rng: random.Random):
    """``docs`` texts of about ``mb`` MB in all: ``(key, text, pages, headings)``."""
    per_doc = int(mb * 1024 * 1024 / docs)
    words = ("the plan will support work with partners across every region to reduce harm and protect "
             "people from crime while building capability and sharing data").split()
    out = []
    for d in range(docs):
        parts, headings, pages = [], [], []
        size, section, para, page = 0, 0, 0, 1
        page_start = 0
        pdf = d % 2 == 1
        while size < per_doc:
            section += 1
            heading = f"Section {d}.{section}: {rng.choice(words).title()} and {rng.choice(words)}"
            headings.append(heading)
            block = [heading if pdf else f"## {heading}", ""]
            for _ in range(rng.randint(4, 9)):
                para += 1
                sentences = []
                for _ in range(rng.randint(2, 5)):
                    org = rng.choice(orgs)
                    sentences.append(f"The {org} will {' '.join(rng.choice(words) for _ in range(12))}.")
                block += [f"{para}. " + " ".join(sentences), ""]
            chunk = "\n".join(block) + "\n"
            parts.append(chunk)
            size += len(chunk)
            if pdf and size - page_start > 3500:
                parts.append(f"{page + 4}\n\n")    # the printed folio ends the page
                size += len(f"{page + 4}\n\n")
                pages.append({"index": page, "label": str(page), "printed": str(page + 4), "start": page_start,
                              "end": size})
                page, page_start = page + 1, size
        text = "".join(parts)
        if pdf:
            pages.append({"index": page, "label": str(page), "printed": str(page + 4), "start": page_start,
                          "end": len(text)})
        out.append((f"doc-{d}", text, pages if pdf else [], headings))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--statements", type=int, default=1000)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--docs", type=int, default=20)
    args = ap.parse_args()

    from sockg.fetch.verify import FetchedDoc, Statement, _Verifier
    from sockg.names import NameIndex
    from sockg.text import fold_words

    rng = random.Random(SEED)
    orgs = [f"Harbour Agency {i}" for i in range(200)]
    iri = {o: f"https://example.org/org/{i}" for i, o in enumerate(orgs)}
    names = NameIndex([(iri[o], o, "pref") for o in orgs] + [("https://example.org/pub", "The Plan", "pref")])
    corpus = make_corpus(args.mb, args.docs, orgs, rng)
    total = sum(len(t) for _, t, _, _ in corpus)

    t0 = time.process_time()
    fetched = {"pub": [FetchedDoc.make("pub", key, f"https://www.gov.uk/{key}", "pdf" if pages else "html", text,
                                       "0" * 64, pages) for key, text, pages, _ in corpus]}
    prepare = time.process_time() - t0

    statements = []
    for n in range(args.statements):
        key, text, pages, headings = rng.choice(corpus)
        heading = rng.choice(headings)
        at = text.index(heading)
        # an organisation the place names: one named soon after the heading
        following = text[at:at + 2000]
        org = next((o for o in sorted(orgs, key=len, reverse=True) if f"The {o} " in following), orgs[0])
        page = next((p["printed"] for p in pages if p["start"] <= at < p["end"]), None) if pages else None
        kind = n % 10
        if kind == 0:
            heading = heading + " (not there)"
        if kind == 1:
            org = next(o for o in orgs if o not in following)
        statements.append(Statement(f"c{n}", iri[org], "https://example.org/implements", "https://example.org/pub",
                                    True, f"e{n}", "pub", "https://example.org/pub", "note", None, heading, page,
                                    None, None))

    checker = _Verifier(names, fetched, {"https://example.org/pub": {"https://example.org/pub"}})
    t0 = time.process_time()
    results = [checker.check(s) for s in statements]
    took = time.process_time() - t0

    # the baseline: scan the whole folded text for each heading, fold each place afresh
    folded = {fd.key: fold_words(fd.text) for fd in fetched["pub"]}
    t0 = time.process_time()
    base_found = 0
    for s in statements:
        for fd in fetched["pub"]:
            i = folded[fd.key].find(fold_words(s.heading))
            if i >= 0:
                place = folded[fd.key][i:i + 6000]
                if f" {fold_words(names.label(s.subject))} " in f" {place} ":
                    base_found += 1
                break
    baseline = time.process_time() - t0

    counts = {}
    for r in results:
        counts[r.outcome] = counts.get(r.outcome, 0) + 1
    print(f"sockg verify benchmark: {len(statements)} cited statements against {total / 1e6:.1f} MB "
          f"in {len(corpus)} fetched texts (one core, CPU seconds)")
    print(f"  prepare the texts (once per build)   {prepare:6.2f} s")
    print(f"  verify the statements                {took:6.2f} s   ({len(statements) / took:,.0f} a second)")
    print(f"  baseline: scan the text per heading  {baseline:6.2f} s   ratio {took / baseline:.2f}"
          if baseline else "  baseline: 0 s")
    print(f"  outcomes: {counts}; the baseline finds {base_found} named")
    ok = took + prepare < TARGET_S
    print(f"  prepare + verify {took + prepare:.2f} s: {'meets' if ok else 'MISSES'} < {TARGET_S:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
