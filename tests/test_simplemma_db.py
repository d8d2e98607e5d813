"""kb/simplemma_db.py: simplemma's dictionary as an SQLite file gives what the dictionary in memory gives."""
import simplemma
from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY

from kb import morphology, simplemma_db

WORDS = ["houses", "children", "went", "better", "homelessness", "Helsinki", "qqxz", "employment", "studies"]


def test_the_file_holds_the_dictionary(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    forms = simplemma_db.Factory().get_dictionary("en")
    assert isinstance(forms, simplemma_db.Forms) and simplemma_db.path("en").is_file()
    memory = DEFAULT_DICTIONARY_FACTORY.get_dictionary("en")
    assert len(forms) == len(memory)
    for word in WORDS:
        assert forms.get(word) == memory.get(word), word
    bases = {"house", "child", "go"}
    assert sorted(forms.forms_of(bases)) == sorted((f, b) for f, b in memory.items() if b in bases)
    assert not list(tmp_path.glob(".*"))                                   # no temporary file left


def test_without_a_cache_to_write_the_dictionary_is_read_into_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KB_CACHE_DIR", str(blocker / "kb"))
    forms = simplemma_db.Factory().get_dictionary("en")
    assert not isinstance(forms, simplemma_db.Forms) and forms.get("houses") == "house"


def test_the_analyser_reads_words_as_simplemma_does():
    analyser = morphology.Simplemma("en")
    for word in WORDS:
        assert analyser._lemma(word) == simplemma.lemmatize(word, "en").lower(), word
        assert analyser._known(word) == simplemma.is_known(word, "en"), word
    assert analyser.forms_of({"house"})["houses"] == "house"


def test_prefetched_words_are_answered_from_one_query(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    forms = simplemma_db.Factory().get_dictionary("en")
    queries: list[str] = []
    forms._connection().set_trace_callback(queries.append)
    forms.prefetch(WORDS + ["Houses", "houses"])
    assert len(queries) == 1
    memory = DEFAULT_DICTIONARY_FACTORY.get_dictionary("en")
    assert [forms.get(w) for w in WORDS] == [memory.get(w) for w in WORDS]   # found and missing alike
    assert len(queries) == 1
