"""A YAML loader for untrusted front matter: no anchors, aliases, tags or duplicate keys, dates kept
as strings, and the line and column of every value recorded for error messages."""
from __future__ import annotations

import re

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode


class YamlProblem(Exception):
    """A refused construct, with the message key, its values and the 1-based position to report."""

    def __init__(self, key: str, line: int, col: int, /, **params):
        super().__init__(key)
        self.key, self.line, self.col, self.params = key, line, col, params

    @property
    def code(self) -> str:
        return self.key.split(".")[0]


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            m = event.start_mark
            raise YamlProblem("KB008.anchor", m.line + 1, m.column + 1)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            m = event.start_mark
            raise YamlProblem("KB009.tag", m.line + 1, m.column + 1, tag=tag)
        return super().compose_node(parent, index)


# Keep dates as "YYYY-MM-DD" strings so the JSON Schema checks them, not PyYAML.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _plain(node, path: tuple, positions: dict, constructor):
    """Build Python data from a node tree, recording each path's (line, col)."""
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _plain(key_node, path + ("<key>",), {}, constructor)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise YamlProblem("KB010.duplicate", key_node.start_mark.line + 1, key_node.start_mark.column + 1, key=key)
            positions[path + (key, "<key>")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _plain(value_node, path + (key,), positions, constructor)
        return out
    if isinstance(node, SequenceNode):
        return [_plain(item, path + (i,), positions, constructor) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    if node.tag == _STR:
        return node.value   # most values are text: what the constructor would return, without its bookkeeping
    return constructor.construct_object(node, deep=True)


_STR = "tag:yaml.org,2002:str"


def load(text: str, line_offset: int = 0):
    """Parse one YAML document. Returns (data, positions): positions maps a path tuple to the (line, col)
    of its value, and path + ("<key>",) to the position of a mapping key.

    libyaml's C parser and composer read the text (17 times faster than PyYAML's Python ones, with the
    same marks); anchors, aliases and tags are refused from its events before anything is composed, so
    an alias bomb is never expanded. Text the C parser rejects is read again by the Python loader,
    which words the error exactly as contributors have always seen it."""
    node = _fast_node(text) if yaml.__with_libyaml__ else None
    if node is _EMPTY:
        return None, {}
    if node is None:
        node = _python_node(text, line_offset)
        if node is None:
            return None, {}
    positions: dict = {}
    try:
        data = _plain(node, (), positions, _Loader(""))
    except YamlProblem as p:
        p.line += line_offset
        raise
    except (yaml.YAMLError, ValueError, RecursionError) as e:   # ValueError: PyYAML misreads '0b_' as a number
        raise YamlProblem("KB007.syntax", 1 + line_offset, 1, problem=_problem(e)) from None
    positions = {k: (line + line_offset, c) for k, (line, c) in positions.items()}
    return data, positions


MAX_FAST_DEPTH = 50


class _CLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):
    pass


_CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _fast_node(text: str):
    """The node tree from libyaml, or None when the text needs the Python loader (an error, an anchor,
    an alias or a tag: the Python loader reports each with its code and position)."""
    try:
        if _plainly_safe(text):
            return _compose(text)
        depth = 0
        for event in yaml.parse(text, Loader=_CLoader):
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None) or getattr(event, "tag", None) not in (None, "!"):
                return None
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_FAST_DEPTH:   # libyaml's composer recurses in C: deep nesting would crash it
                    return None
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
        return _compose(text)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


def _compose(text: str):
    loader = _CLoader(text)
    try:
        return loader.get_single_node() or _EMPTY
    finally:
        loader.dispose()


_DEEP = " " * 40
# Compact nesting: "- - -", "? ? ?" and mixed "- ? - ?" nest a level every few characters on one line.
_NESTED = re.compile(r"[-?:] +[-?]")
_PROPERTY = re.compile(r"[&*!]")
# An anchor, alias or tag begins a node: after a space, a line's start or an indicator, never right
# after a letter, digit or one of these characters that addresses hold ("?a=1&b=2", "/#!/", "Hei!").
_INSIDE = set("_/.=%~+#;@()")


def _plainly_safe(text: str) -> bool:
    """Text that cannot hold an anchor, alias or tag (no & * ! where a node can begin) nor nest deeply
    (few brackets, no deep indentation, no compact nesting such as '- -', '? ?' or '- ?'): composed at
    once, without first reading its events. Cheap searches, as this runs for every file."""
    for m in _PROPERTY.finditer(text):
        before = text[m.start() - 1] if m.start() else "\n"
        if not (before.isalnum() or before in _INSIDE):
            return False
    return (text.count("[") + text.count("{") < MAX_FAST_DEPTH and not text.startswith(_DEEP) and "\n" + _DEEP not in text
            and not _NESTED.search(text))


_EMPTY = object()   # a document with no content


def _problem(error: Exception) -> str:
    """What went wrong, in words a contributor can act on (not Python's "maximum recursion depth")."""
    return "lists or fields nested too deeply" if isinstance(error, RecursionError) else str(error) or "invalid YAML"


def _python_node(text: str, line_offset: int):
    try:
        loader = _Loader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except YamlProblem as p:
        p.line += line_offset
        raise
    except yaml.MarkedYAMLError as e:
        # An unclosed bracket or quote is reported where it opened (the context), not where YAML gave up.
        mark = e.context_mark or e.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (e.problem or "invalid YAML").strip()
        if e.context_mark and e.problem_mark:
            problem = f"{(e.context or '').strip()} starting here, {problem} on line {e.problem_mark.line + 1 + line_offset}"
        if "'\\t'" in problem:
            raise YamlProblem("KB012.tab_anywhere", line + line_offset, col) from None
        raise YamlProblem("KB007.syntax", line + line_offset, col, problem=problem) from None
    except (yaml.YAMLError, RecursionError) as e:   # RecursionError: brackets nested thousands deep
        raise YamlProblem("KB007.syntax", 1 + line_offset, 1, problem=_problem(e)) from None
