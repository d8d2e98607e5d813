"""kb/compact.py: indentation and blank lines go, except where whitespace means something."""
from kb.compact import compact


def test_indentation_and_blank_lines_go_between_tags():
    assert compact("<div>\n    <p>a</p>\n\n\n    <p>b</p>\n</div>") == "<div>\n<p>a</p>\n<p>b</p>\n</div>"


def test_whitespace_inside_pre_textarea_script_and_style_stays():
    kept = ["<pre><code>if x:\n    y\n\n    z</code></pre>", "<textarea>a\n\n   b</textarea>",
            "<script>\n  var a = 1;\n\n  var b = 2;\n</script>", "<STYLE>\n  p { color: red }\n</STYLE>"]
    for block in kept:
        assert compact(f"<div>\n   {block}\n   </div>") == f"<div>\n{block}\n</div>"


def test_text_keeps_a_separator_where_a_line_was_indented():
    assert compact("<p>one\n      two</p>") == "<p>one\ntwo</p>"
