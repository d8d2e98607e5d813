"""Search keys: Voikko for Finnish, simplemma for Swedish and English, and what happens without them."""
import subprocess
import sys

import pytest

from conftest import ROOT
from kb import morphology


@pytest.fixture(scope="module")
def fi():
    return morphology.analyser("fi", ("voikko", "simplemma"))


def test_voikko_gives_base_forms_and_compound_parts(fi):
    keys = fi.keys("pitkäaikaisasunnottomuuden")
    assert keys[0] == "pitkäaikaisasunnottomuus" and "asunnottomuus" in keys
    assert "asunnottomuus" in fi.keys("asunnottomuutta")        # gradation: asunnottomuu-de-n / -tta / -s
    nuorisotakuu = fi.keys("nuorisotakuun")
    assert {"nuorisotakuu", "nuoriso", "takuu"} <= set(nuorisotakuu)
    assert "sota" not in nuorisotakuu and "kuu" not in nuorisotakuu   # the reading with the fewest parts only


def test_dictionary_forms_are_filed_under_voikkos_reading(fi):
    forms = fi.forms_of({"asuminen", "asunnottomuus"})
    assert forms["asumisella"] == fi.keys("asumisella")[0] == "asua"   # simplemma's dictionary says asuminen
    assert forms["asunnottomuuteen"] == "asunnottomuus"          # a form no page of the site uses


def test_swedish_compounds_split_into_known_parts():
    sv = morphology.analyser("sv", ("simplemma",))
    keys = sv.keys("långtidsbostadslösheten")
    assert keys[0] == "långtidsbostadslöshet" and "bostadslöshet" in keys
    assert {"ungdom", "garanti"} <= set(sv.keys("ungdomsgarantin"))
    assert sv.keys("kommunerna") == ("kommun",)                  # an inflected word is not split at its ending


def test_english_is_lemmatised_but_never_split():
    en = morphology.analyser("en", ("simplemma",))
    assert en.keys("children") == ("child",)
    assert en.keys("industrial") == ("industrial",)               # not indus + trial


def test_keys_joined_through_shared_forms_stand_for_one_word():
    same = morphology.unify({"försök", "försöka", "kommun"}, [("försök", "försöka")])
    assert same == {"försöka": "försök"}
    assert morphology.unify({"a", "bb", "ccc"}, [("ccc", "bb"), ("bb", "a")]) == {"bb": "a", "ccc": "a"}


def test_unknown_analyser_is_refused():
    with pytest.raises(morphology.MorphologyUnavailable, match="unknown search analyser"):
        morphology.analyser("fi", ("stemmer",))


def test_build_stops_with_a_message_when_voikko_is_missing(tmp_path):
    """Search never silently gets worse: without Voikko the build says how to install it and builds nothing."""
    code = ("import sys, runpy; sys.modules['libvoikko'] = None; "
            f"sys.argv = ['build.py', '--out', {str(tmp_path / 'site')!r}]; "
            f"runpy.run_path({str(ROOT / 'scripts' / 'build.py')!r}, run_name='__main__')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "needs Voikko" in result.stderr and "apt-get install libvoikko1 voikko-fi" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()
