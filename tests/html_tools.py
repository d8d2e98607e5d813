"""Reading built HTML pages in tests, with the standard library's parser."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class PageInfo:
    lang: str = ""
    ids: set = field(default_factory=set)
    links: list = field(default_factory=list)        # (tag, attribute, value, rel)
    alternates: dict = field(default_factory=dict)   # hreflang -> href
    sections: dict = field(default_factory=dict)     # css class -> hrefs of <a> inside elements with it
    text: list = field(default_factory=list)
    scripts: list = field(default_factory=list)      # inline script bodies


class _Parser(HTMLParser):
    WATCH = ("kb-case-list", "kb-guideline-list", "kb-facts", "kb-related", "kb-newest", "kb-cross-index", "kb-sources", "kb-nationwide-list")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.info, self.stack, self.in_script = PageInfo(), [], False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.info.lang = a.get("lang", "")
        if a.get("id"):
            self.info.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.info.ids.add(a["name"])
        classes = set((a.get("class") or "").split())
        if tag not in ("br", "img", "input", "link", "meta", "hr"):
            self.stack.append((tag, classes))
        for attr in ("href", "src"):
            if a.get(attr) is not None:
                self.info.links.append((tag, attr, a[attr], a.get("rel", "")))
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.info.alternates[a["hreflang"]] = a["href"]
        if tag == "a" and a.get("href"):
            for _, cls in self.stack:
                for watched in (w for w in self.WATCH if w in cls):
                    self.info.sections.setdefault(watched, []).append(a["href"])
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.info.scripts.append(data)
        else:
            self.info.text.append(data)


def parse(path: Path) -> PageInfo:
    p = _Parser()
    p.feed(path.read_text(encoding="utf-8"))
    return p.info


def html_pages(site: Path):
    return [p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts]
