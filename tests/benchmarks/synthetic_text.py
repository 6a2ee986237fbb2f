"""Generate strategy-like text for benchmarks and scale tests.

The text imitates what ingest meets in practice: Markdown headings, numbered
and unnumbered paragraphs wrapped at about 80 characters (so names break
across lines), bullet lists, names in several spellings (possessives,
hyphens, capitals in headings, acronyms), ordinary words that look like
names ("prevent", "a home office"), money, counts and percentages, and
references to known and unknown strategies, between plain sentences that
name nothing: about 55% of sentences name nothing, 42% name things and 3%
state a figure. That is about 9,000 mentions and 450 figures per MB; the
2018 strategy's excerpts in the seed have about 10,000 and 250. It is made from templates with a
seeded random generator, so the same arguments give the same text.

Examples
--------
>>> text = strategy_text(2_000, seed=1)
>>> len(text) >= 2_000 and text.startswith("# ")
True
>>> strategy_text(2_000, seed=1) == text
True
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

from sockg.errors import IngestError

__all__ = ["strategy_text", "write_corpus"]

_ORGS = ["the Home Office", "the Home Office's analysts", "the National Crime Agency", "the NCA", "the NCA's officers",
         "local authorities", "police forces", "the Department for Education", "the Ministry of Justice",
         "the College of Policing", "the Youth Justice Board", "the private sector", "the Welsh Government",
         "the Scottish Government", "international partners", "the Department for Transport",
         "the Regional Organised Crime Units", "the National Economic Crime Centre"]
_THREATS = ["fraud", "cyber crime", "cyber-crime", "cybercrime", "money laundering", "modern slavery",
            "human trafficking", "county lines", "knife crime", "organised immigration crime", "illegal drugs",
            "child sexual exploitation and abuse", "bribery and corruption", "serious and organised crime",
            "economic crime", "illegal firearms"]
_STRATEGIES = ["the Serious Violence Strategy", "CONTEST", "the 2017-2022 Anti-Corruption Strategy",
               "the 2018 Serious and Organised Crime Strategy", "the Modern Slavery Strategy",
               "the National Cyber Security Strategy", "the Coastal Resilience Strategy 2029",
               "the Safer Ports Plan 2027", "Cm 9718"]
_POWERS = ["Unexplained Wealth Orders", "an Unexplained Wealth Order", "UWOs", "Serious Crime Prevention Orders"]
_STRANDS = ["Pursue", "Prepare", "Protect", "Prevent"]
_VERBS = ["will work with", "has agreed with", "will fund", "reports to", "shares data with", "supports"]
#: sentences that name things but state no figure
_NAMING = [
    "{org} {verb} {org2} to reduce {threat} in coastal towns.",
    "Under {strand}, {org} will make more use of {power} against those behind {threat}.",
    "This plan draws on {strategy} and on {strategy2} for its work on {threat}.",
    "Nothing here can prevent every offence, and staff will protect victims first.",
    "An analyst working from a home office found the first link between two networks.",
    "{Strand} work will be shaped with {org} and {org2}.",
    "Operation {op} brought together {org} and {org2} against {threat}.",
    "There is no contest between enforcement and prevention: both matter to {org}.",
    "{org} will publish what it knows about {threat} and {threat2} each quarter.",
    "{Threat} harms the most vulnerable, and {org} will put victims first.",
]
#: sentences that state a figure
_FIGURES = [
    "{Threat} is estimated to cost the UK at least £{bn}bn every year.",
    "Reports of {threat} rose by {pct}% over {n} years, while {threat2} showed a {pct2}% fall.",
    "{org} is aware of more than {count:,} organised crime groups operating across the country.",
    "Funding of £{m} million will go to {org}, including £{small}m for {threat}.",
    "Around {count2} young people at risk of exploitation will be offered support each year.",
]
#: sentences that name nothing and state no figure, as most sentences of a strategy do
_PLAIN = [
    "We will set out how this work is governed, who is accountable for it and how progress will be judged.",
    "The approach depends on partners sharing what they know early, before harm has been done.",
    "Communities told us that they want visible action and a clear route for raising concerns.",
    "Our evidence base is uneven, and we will invest in better data before we make firm promises.",
    "Staff at every level need training, supervision and the time to use what they learn.",
    "Where a measure does not work, we will stop it and say so in the annual report.",
    "Victims should be treated with dignity, kept informed and offered support that lasts.",
    "The threat changes quickly, so this plan will be reviewed each year and revised where needed.",
    "Local leaders know their areas best, and the plan gives them room to set their own priorities.",
    "We will publish what we find, including the things that have not gone as we hoped.",
]
_OPS = ["Harbourlight", "Tidewater", "Lantern", "Keel", "Breakwater", "Saltmarsh"]
_HEADINGS = ["Pursue", "Prevent", "Protect", "Prepare", "What we know", "Funding", "Partners", "Links to other plans",
             "HOME OFFICE AND NATIONAL CRIME AGENCY ROLES", "Cyber Crime", "Delivery"]


def _sentence(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.55:
        return rng.choice(_PLAIN)
    t = rng.choice(_NAMING if r < 0.97 else _FIGURES)
    threat = rng.choice(_THREATS)
    strand = rng.choice(_STRANDS)
    s = t.format(org=rng.choice(_ORGS), org2=rng.choice(_ORGS), verb=rng.choice(_VERBS), threat=threat,
                 Threat=threat[0].upper() + threat[1:], threat2=rng.choice(_THREATS), strand=strand,
                 Strand=strand, power=rng.choice(_POWERS), bn=rng.randint(2, 60), pct=rng.randint(3, 60),
                 pct2=rng.randint(3, 60), n=rng.randint(2, 9), count=rng.randint(1000, 9000),
                 count2=rng.randint(50, 900), m=rng.randint(20, 900), small=rng.randint(1, 9),
                 strategy=rng.choice(_STRATEGIES), strategy2=rng.choice(_STRATEGIES), op=rng.choice(_OPS))
    return s[0].upper() + s[1:]


def strategy_text(size: int, seed: int = 0, width: int = 78) -> str:
    """About ``size`` characters (at least ``size``, 0 or more) of strategy-like Markdown, lines ``width`` wide."""
    if size < 0 or width < 1:
        raise IngestError(f"size must be 0 or more and width 1 or more (got size {size}, width {width})")
    rng = random.Random(seed)
    parts = [f"# Safer places: a delivery plan, edition {seed}\n\n"]
    total = len(parts[0])
    number = 0
    while total < size:
        r = rng.random()
        if r < 0.06:
            chunk = f"## {rng.choice(_HEADINGS)}\n\n"
        elif r < 0.14:
            chunk = "".join(f"- {_sentence(rng)}\n" for _ in range(rng.randint(2, 4))) + "\n"
        else:
            body = " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))
            if rng.random() < 0.7:
                number += 1
                body = f"{number}. {body}"
            chunk = textwrap.fill(body, width=width, break_on_hyphens=False) + "\n\n"
        parts.append(chunk)
        total += len(chunk)
    return "".join(parts)


def write_corpus(folder: Path | str, total: int, file_size: int = 1_000_000, seed: int = 0) -> list[Path]:
    """Write about ``total`` characters of text as ``.md`` files of about ``file_size`` each; return their paths.

    ``total`` is 0 or more and ``file_size`` 1 or more (a ``file_size`` of 0 would write a file per heading).
    """
    if total < 0 or file_size < 1:
        raise IngestError(f"total must be 0 or more and file_size 1 or more (got total {total}, file_size {file_size})")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    written = 0
    i = 0
    while written < total:
        text = strategy_text(min(file_size, total - written), seed=seed * 100_003 + i)
        p = folder / f"plan-{i:04d}.md"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
        written += len(text)
        i += 1
    return paths
