"""Names that look the same are the same (docs/rules.md, "Names")."""

from __future__ import annotations

import unicodedata

import pytest

from app.domain.names import KEY_MAX, clean_name, name_key

NFC_CAFE = unicodedata.normalize("NFC", "Café")
NFD_CAFE = unicodedata.normalize("NFD", "Café")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (NFC_CAFE, NFD_CAFE),
        ("Water", "WATER"),
        ("Water", "Ｗａｔｅｒ"),  # full-width
        ("Water", "Wa\u200bter"),  # zero-width space
        ("Water", "\u200dWater\u2060"),  # zero-width joiner, word joiner
        ("Water", "\u202eWater\u202c"),  # bidi override and pop
        ("Water", "\ufeffWater"),  # byte-order mark
        ("Water daily", "Water\u00a0\u3000daily"),  # no-break and ideographic spaces
        ("Straße", "STRASSE"),
        ("fit", "ﬁt"),  # ligature
    ],
)
def test_names_that_look_the_same_have_the_same_key(one: str, other: str):
    assert name_key(one) == name_key(other)


def test_names_that_differ_in_letters_keep_different_keys():
    assert name_key("Water") != name_key("Wafer")
    assert name_key(NFC_CAFE) != name_key("Cafe")


@pytest.mark.parametrize("invisible", ["", "   ", "\u200b", "\u202e\u202c", "\u200d\ufeff\t"])
def test_a_name_of_only_invisible_characters_has_an_empty_key(invisible: str):
    assert name_key(invisible) == ""


def test_the_stored_name_is_what_was_typed_minus_controls():
    assert clean_name("  Ｗａｔｅｒ\u00a0every day ") == "Ｗａｔｅｒ every day"
    assert clean_name("Wa\u200bter\u202e!\u0007") == "Water!"
    assert clean_name("line\nbreak\ttab") == "line break tab"
    assert clean_name(NFD_CAFE) == NFD_CAFE  # normalisation is for comparing, not storing


def test_joiners_stay_in_the_stored_name_for_scripts_and_emoji_that_need_them():
    family = "\U0001f469\u200d\U0001f467"
    assert clean_name(f"Run {family}") == f"Run {family}"


def test_a_very_long_key_is_stored_as_its_hash_and_still_tells_names_apart():
    long = "ﷺ" * 200  # NFKC makes 18 letters of each
    assert name_key(long).startswith("sha256:") and len(name_key(long)) <= KEY_MAX
    assert name_key(long) == name_key(long + "\u200b")
    assert name_key(long) != name_key("ﷺ" * 199)
