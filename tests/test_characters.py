from kb import characters


def test_invisible_control_and_reversing_characters_are_found_in_fields():
    for text in ("a\u202eb", "a\u2060b", "a\ud800", "a\ufffe", "a\U0010ffff", "a\x1bb", "a\u2028b", "a\u200bb", "a\ufeffb"):
        assert characters.refused_in_field(text) is not None, repr(text)
    for text in ("Äänestys – Ålands «val»", "tavu\u00adviiva", "rivi\nrivi", "👍"):
        assert characters.refused_in_field(text) is None, repr(text)


def test_bodies_keep_emoji_joiners_but_not_reversing_characters():
    assert list(characters.refused_in_body("👩\u200d👧 ok")) == []
    assert [d for _, d in characters.refused_in_body("a\u202eb\x0bc")] == ["U+202E RIGHT-TO-LEFT OVERRIDE", "U+000B unnamed"]


def test_titles_compare_after_normalisation():
    assert characters.comparable("Ｅsimerkki\u2060tapaus ") == characters.comparable("esimerkki\u00adtapaus")


def test_the_fast_search_covers_every_refused_character():
    missed = [hex(cp) for cp in range(0x110000) if characters._kind(chr(cp)) and not characters._CANDIDATES.match(chr(cp))]
    assert missed == []
