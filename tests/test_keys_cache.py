"""kb/keys_cache.py: a rebuild reads the keys of the last build instead of analysing the words again, and
never reads keys that other rules or data gave."""
import json
import os

import pytest

from kb import keys_cache, morphology, simplemma_db


def counting(answers: dict[str, tuple[str, ...]]):
    calls: list[str] = []

    def compute(word: str) -> tuple[str, ...]:
        calls.append(word)
        return answers[word]
    return compute, calls


ANSWERS = {"asunnottomuuden": ("asunnottomuus",), "ja": (), "nuorten": ("nuori", "nuorten")}


def test_a_rebuild_reads_the_last_builds_keys(tmp_path):
    file = tmp_path / "keys-x-fi-1.json"
    compute, calls = counting(ANSWERS)
    first = keys_cache.Remembered(compute, file)
    assert [first(w) for w in ANSWERS] == list(ANSWERS.values())
    first("ja")
    assert calls == list(ANSWERS)                   # each word analysed once
    first.save()
    again, calls = counting({})                     # would fail on any word
    second = keys_cache.Remembered(again, file)
    assert [second(w) for w in ANSWERS] == list(ANSWERS.values()) and calls == []
    assert not list(tmp_path.glob(".*"))            # no temporary file left


def test_the_file_keeps_only_the_words_of_the_last_build(tmp_path):
    file = tmp_path / "keys-x-fi-1.json"
    compute, _ = counting(ANSWERS)
    first = keys_cache.Remembered(compute, file)
    for w in ANSWERS:
        first(w)
    first.save()
    second = keys_cache.Remembered(compute, file)
    second("ja")
    second.save()
    assert json.loads(file.read_text(encoding="utf-8")) == {"ja": []}


def test_the_same_words_are_not_written_again(tmp_path):
    file = tmp_path / "keys-x-fi-1.json"
    compute, _ = counting(ANSWERS)
    first = keys_cache.Remembered(compute, file)
    first("ja")
    first.save()
    os.utime(file, ns=(0, 0))
    second = keys_cache.Remembered(compute, file)
    second("ja")
    second.save()
    assert file.stat().st_mtime_ns == 0


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"ja": "not a list"}', '{"ja": [1]}'])
def test_a_damaged_file_is_analysed_again(tmp_path, text):
    file = tmp_path / "keys-x-fi-1.json"
    file.write_text(text, encoding="utf-8")
    compute, calls = counting(ANSWERS)
    assert keys_cache.Remembered(compute, file)("ja") == () and calls == ["ja"]


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    compute, _ = counting(ANSWERS)
    remembered = keys_cache.Remembered(compute, blocker / "kb" / "keys-x-fi-1.json")
    assert remembered("nuorten") == ("nuori", "nuorten")
    remembered.save()                               # no exception
    assert blocker.read_text() == "not a folder"


def test_a_word_that_cannot_be_written_leaves_no_file(tmp_path):
    file = tmp_path / "keys-x-fi-1.json"
    remembered = keys_cache.Remembered(lambda w: (w,), file)
    assert remembered("\ud800") == ("\ud800",)
    remembered.save()                               # no exception
    assert list(tmp_path.iterdir()) == []


def test_a_new_version_replaces_the_file_of_the_old_one(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    old, new = keys_cache.path("voikko", "fi", "1"), keys_cache.path("voikko", "fi", "2")
    other_language = keys_cache.path("voikko", "sv", "1")
    compute, _ = counting(ANSWERS)
    for file in (old, other_language):
        remembered = keys_cache.Remembered(compute, file)
        remembered("ja")
        remembered.save()
    remembered = keys_cache.Remembered(compute, new)
    remembered("ja")
    remembered.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([new.name, other_language.name])


def test_the_fingerprint_changes_with_every_part():
    parts = ["code", b"dictionary", "4.3.1"]
    base = keys_cache.fingerprint(parts)
    assert keys_cache.fingerprint(list(parts)) == base
    assert keys_cache.fingerprint(["code", b"dictionary", "4.3.2"]) != base
    assert keys_cache.fingerprint(["cod", b"edictionary", "4.3.1"]) != base   # parts do not run together


WORDS = ["asunnottomuuden", "pitkäaikaisasunnottomuuden", "nuorisotakuu", "Helsingissä", "ja", "kokeiluista"]


@pytest.mark.parametrize("name", ["voikko", "simplemma"])
def test_the_analysers_keys_from_the_file_are_their_own(tmp_path, monkeypatch, name):
    simplemma_db.Factory().get_dictionary("fi")   # simplemma's dictionary from the usual cache, written once
    simplemma_db.share_into(tmp_path)
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    first = morphology.ANALYSERS[name]("fi")
    keys = {w: first.keys(w) for w in WORDS}
    first.remember()
    [file] = tmp_path.glob(f"keys-{name}-fi-*.json")
    assert json.loads(file.read_text(encoding="utf-8"))["asunnottomuuden"] == list(keys["asunnottomuuden"])
    second = morphology.ANALYSERS[name]("fi")
    assert {w: second.keys(w) for w in WORDS} == keys == {w: second._keys(w) for w in WORDS}
    monkeypatch.setattr(morphology, "_CODE", b"other rules")               # a change to the rules
    third = morphology.ANALYSERS[name]("fi")
    third.keys("ja")
    third.remember()
    assert not file.exists() and len(list(tmp_path.glob(f"keys-{name}-fi-*.json"))) == 1
