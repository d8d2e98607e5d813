"""Similar cases come from an inverted index; they must be exactly those of the plain definition
(most shared themes, weighted 2, and regions, weighted 1; ties by title, then by position)."""
import copy
import random

from kb import indexes


def plain(entry, cases, limit=5):
    mine_t, mine_r = set(entry.terms("themes")), set(entry.terms("regions"))
    scored = []
    for other in cases:
        if other is entry:
            continue
        score = 2 * len(mine_t & set(other.terms("themes"))) + len(mine_r & set(other.terms("regions")))
        if score:
            scored.append((-score, other.text(other.original_lang).title.lower(), other))
    return [e for *_, e in sorted(scored, key=lambda s: s[:2])[:limit]]


def test_related_cases_match_the_plain_definition(repo):
    rnd = random.Random(7)
    base = repo.cases[0]
    cases = []
    for i in range(300):
        c = copy.deepcopy(base)
        c.slug = f"c{i}"
        c.meta["themes"] = rnd.sample(["housing", "youth", "migration", "education", "families"], rnd.randint(1, 3))
        c.meta["regions"] = rnd.sample(["FI-01", "FI-18", "FI-12", "nationwide"], rnd.randint(1, 2))
        c.texts["fi"].title = rnd.choice(["Alfa", "Beta", "Gamma"]) + f" {i % 7}"   # many equal titles: ties
        cases.append(c)
    related = indexes.Related(cases)
    for c in cases:
        assert related.of(c) == plain(c, cases)
