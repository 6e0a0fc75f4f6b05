"""HTML at a format's edge: the plain text a reader sees, and back without loss."""

import pytest
from hypothesis import given

from content.interchange.html_text import from_plain, to_plain
from tests.content.interchange.exchanged import texts


@pytest.mark.parametrize(
    "markup, plain",
    [
        ("<p>The sun rises in which direction?</p>", "The sun rises in which direction?"),
        ("<p>One</p>\n  <p>Two</p>", "One\nTwo"),
        ("line<br>break<br/>again", "line\nbreak\nagain"),
        ("<ul>\n<li>Kidal</li>\n<li>Gao</li>\n</ul>", "- Kidal\n- Gao"),
        ("Tom &amp; Jerry &lt;3 &eacute;t&#233;", "Tom & Jerry <3 été"),
        ("<style>p {color: red}</style><script>alert(1)</script>Text", "Text"),
        ("What planet did <em>you</em> grow up on?", "What planet did you grow up on?"),
    ],
)
def test_html_reads_as_the_text_a_reader_sees(markup, plain):
    assert to_plain(markup) == plain


def test_plain_text_is_escaped_and_keeps_its_line_breaks():
    assert from_plain("a < b & c\nnext") == "a &lt; b &amp; c<br>next"


@given(texts())
def test_plain_text_survives_a_trip_through_html(text):
    assert to_plain(from_plain(text)) == text
