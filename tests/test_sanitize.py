"""The sanitiser, the second line of defence, enforces the validator's rules on rendered pages."""
from kb import sanitize


def test_theme_ids_and_classes_are_removed_safe_ones_kept():
    html = sanitize.clean('<div id="__config" class="md-header admonition note">x</div><h2 id="kb-results">a</h2>'
                          '<h2 id="tulokset">b</h2><p class="kb-summary">c</p>')
    assert "__config" not in html and "md-header" not in html and "kb-results" not in html
    assert 'class="admonition note"' in html and 'id="tulokset"' in html and 'class="kb-summary"' in html


def test_resources_from_other_sites_are_removed_as_a_browser_resolves_them():
    for src in (" //attacker.example/x.png", "/\\attacker.example/x.png", "https://attacker.example/x.png",
                "ht\ttps://attacker.example/x.png", "\\\\attacker.example\\x.png"):
        assert "attacker" not in sanitize.clean(f'<img src="{src}" alt="x">'), src
    assert 'src="diagram.png"' in sanitize.clean('<img src="diagram.png" srcset="//a.example/x.png 2x" alt="x">')
    assert "srcset" not in sanitize.clean('<img src="diagram.png" srcset="//a.example/x.png 2x" alt="x">')


def test_form_controls_and_naming_attributes_are_removed():
    html = sanitize.clean('<input type="text"><button>b</button><a name="x" href="#y">l</a><span form="f">s</span>')
    assert "<input" not in html and "<button" not in html and "name=" not in html and "form=" not in html


def test_checklists_become_ballot_boxes_before_cleaning():
    html = sanitize.clean('<ul class="task-list"><li class="task-list-item"><input type="checkbox" disabled checked/> a</li>'
                          '<li class="task-list-item"><input type="checkbox" disabled/> b</li></ul>')
    assert "<input" not in html and html.count('class="kb-check"') == 2 and "☑" in html and "☐" in html


def test_permalink_to_a_dropped_id_is_no_longer_a_link():
    """A very long heading loses its id; its permalink must not point at an anchor that is gone."""
    long_id = "a" * 90
    html = sanitize.clean(f'<h2 id="{long_id}">T<a class="headerlink" href="#{long_id}">¶</a></h2><a href="#sources">s</a>')
    assert long_id not in html and 'href="#sources"' in html
