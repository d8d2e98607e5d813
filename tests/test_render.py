import yaml

from conftest import ROOT
from kb import render


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_core_renders_with_the_extensions_of_mkdocs_yml():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert names == render.EXTENSIONS
