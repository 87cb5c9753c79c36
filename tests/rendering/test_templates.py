"""The filters every tippack template has: a value in a right-to-left script is set apart so
its own direction decides where its brackets, numbers and punctuation sit; others are untouched."""

from __future__ import annotations

from tippack.rendering.templates import environment, isolated


def test_a_right_to_left_value_is_isolated_and_any_other_is_given_back_as_it_is():
    assert isolated("ہمارا گھر (نیا)!") == "\u2068ہمارا گھر (نیا)!\u2069"
    assert isolated("Oakview (اوک ویو)") == "\u2068Oakview (اوک ویو)\u2069"  # its first letter decides: LTR
    for text in ("Oakview Care Home", "Dom Opieki „Łąka”", "Олександра", "प्रिया शर्मा", ""):
        assert isolated(text) is text


def test_the_filter_escapes_like_any_value(tmp_path):
    (tmp_path / "t.html").write_text("<p>{{ name | isolated }}</p>", encoding="utf-8")
    html = environment(tmp_path).get_template("t.html").render(name="<b>گھر</b>")
    assert html == "<p>\u2068&lt;b&gt;گھر&lt;/b&gt;\u2069</p>"
