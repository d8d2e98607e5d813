import subprocess
import sys

import pytest

from kb import safe_yaml


def test_positions_and_plain_dates():
    data, pos = safe_yaml.load("a: 1\nb: [x, y]\nd: 2026-01-01\n", line_offset=1)
    assert data == {"a": 1, "b": ["x", "y"], "d": "2026-01-01"}   # dates stay text for the schema
    assert pos[("b", 1)] == (3, 8)
    assert pos[("d", "<key>")] == (4, 1)


@pytest.mark.parametrize("text,code,line", [
    ("a: &x 1\nb: *x\n", "KB008", 1),
    ("a: !!python/object/apply:os.system ['id']\n", "KB009", 1),
    ("a: 1\na: 2\n", "KB010", 2),
    ("a:\n\t- x\n", "KB012", 2),
    ("a: [1,\nb: 2\n", "KB007", 1),
])
def test_refused(text, code, line):
    with pytest.raises(safe_yaml.YamlProblem) as e:
        safe_yaml.load(text)
    assert (e.value.code, e.value.line) == (code, line)


def test_billion_laughs_is_refused_before_expansion():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    with pytest.raises(safe_yaml.YamlProblem) as e:
        safe_yaml.load(bomb)
    assert e.value.code == "KB008"


@pytest.mark.parametrize("text", ["a: 0b_\n", "a: [0x_]\n", "a: " + "[" * 30000 + "]" * 30000 + "\n"])
def test_inputs_that_make_pyyaml_itself_fail_are_reported(text):
    with pytest.raises(safe_yaml.YamlProblem) as e:
        safe_yaml.load(text)
    assert e.value.code == "KB007"


@pytest.mark.parametrize("text,code", [
    ("a: [1,&x 2]\n", "KB008"), ("a: {b: &x 2}\n", "KB008"), ("a: [x,*y]\n", "KB008"), ("- &x a\n", "KB008"),
    ("? &x a\n: b\n", "KB008"), ('{"a":&x 1}\n', "KB008"), ("&x a: 1\n", "KB008"), ("a: b\n---&x c\n", "KB007"),
    ("a: [!x 1]\n", "KB009"), ("a: {b: !!str 2}\n", "KB009"), ("a:\n  - !x b\n", "KB009"),
])
def test_an_anchor_alias_or_tag_wherever_a_node_begins_is_refused(text, code):
    """Text with & * ! only inside words and addresses is composed at once; every place a node can
    begin is still read event by event and refused."""
    with pytest.raises(safe_yaml.YamlProblem) as e:
        safe_yaml.load(text)
    assert e.value.code == code


def test_ampersands_and_exclamations_inside_text_and_addresses_are_plain_text():
    text = "url: https://ha.ax/text.con?iPage=1030&m=2222\ntitle: Hei! R&D*2\nlist: [a&b, c!]\n"
    assert safe_yaml._plainly_safe(text)   # composed at once, without reading its events first
    assert safe_yaml.load(text)[0] == {"url": "https://ha.ax/text.con?iPage=1030&m=2222", "title": "Hei! R&D*2",
                                       "list": ["a&b", "c!"]}


@pytest.mark.parametrize("nesting", ["- ? ", "? - ", "- - ", "? ? "])
def test_compact_nesting_on_one_line_is_an_error_not_a_crash(nesting):
    """libyaml's composer recurses in C a level for every '- ' or '? ' of a compact collection: 20,000 of
    them ended the process (a segmentation fault) before they were sent the slow, depth-counting way."""
    code = ("from kb import document; doc, found = document.parse(('---\\n' + %r * 20000 + 'a\\n---\\nbody\\n').encode(), 'x.md');"
            " print([d.code for d in found])" % nesting)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout.strip()) == (0, "['KB007']"), result.stderr[-500:]


def test_nesting_too_deep_for_python_is_named_so():
    with pytest.raises(safe_yaml.YamlProblem) as e:
        safe_yaml.load("- ? " * 5000 + "a\n")
    assert (e.value.code, e.value.params["problem"]) == ("KB007", "lists or fields nested too deeply")
