"""Stop-string and replacement hold-back: exact, and holding back no more than needed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chatprompt._holdback import ReplacementFilter, StopStringFilter, partial_match_start

pieces_of = st.lists(st.text(alphabet="ab<NL>\n", max_size=4), max_size=8)
keys = st.text(alphabet="ab<NL>\n", min_size=1, max_size=4)


def feed_all(stops: StopStringFilter, replacements: ReplacementFilter, pieces: list[str]) -> str:
    out = "".join(replacements.feed(stops.feed(piece)) for piece in pieces)
    return out + replacements.feed(stops.flush()) + replacements.flush()


@settings(max_examples=300, deadline=None)
@given(
    pieces=pieces_of,
    stop_strs=st.lists(keys, max_size=3),
    pairs=st.lists(st.tuples(keys, st.text(alphabet="ab\n", max_size=2)), max_size=3),
)
def test_filters_equal_cutting_at_the_first_stop_then_chained_replace(
    pieces: list[str], stop_strs: list[str], pairs: list[tuple[str, str]]
) -> None:
    text = "".join(pieces)
    cut = min((text.find(s) for s in stop_strs if s in text), default=len(text))
    expected = text[:cut]
    for old, new in pairs:
        expected = expected.replace(old, new)

    actual = feed_all(StopStringFilter(stop_strs), ReplacementFilter(pairs), pieces)

    assert expected == actual


@settings(max_examples=300, deadline=None)
@given(pieces=pieces_of, stop_strs=st.lists(keys, min_size=1, max_size=3))
def test_stop_filter_holds_back_only_a_suffix_that_could_still_become_a_stop(
    pieces: list[str], stop_strs: list[str]
) -> None:
    stops = StopStringFilter(stop_strs)
    seen = released = ""
    for piece in pieces:
        seen += piece
        released += stops.feed(piece)
        if any(s in seen for s in stop_strs):
            break
        assert seen[: partial_match_start(seen, stop_strs)] == released


def test_partial_match_start_finds_the_longest_suffix_that_begins_a_key() -> None:
    assert partial_match_start("Sure\n<hu", ["\n<human>:"]) == 4
    assert partial_match_start("Sure\n<hu", ["<hu", "\n<human>:"]) == 4
    assert partial_match_start("Sure\n<hx", ["\n<human>:"]) == 8


def test_a_stop_string_found_early_waits_for_a_longer_one_that_began_before_it() -> None:
    stops = StopStringFilter(["b", "abc"])

    assert stops.feed("xab") == "x"
    assert stops.feed("c") == ""
    assert stops.stop_str == "abc"


def test_a_stop_string_waiting_for_a_longer_one_is_found_at_the_end() -> None:
    stops = StopStringFilter(["b", "abc"])

    assert stops.feed("xab") == "x"
    assert "x" + stops.flush() == "xa"
    assert stops.stop_str == "b"


def test_replacement_of_overlapping_sources_matches_str_replace() -> None:
    replacements = ReplacementFilter([("aa", "X")])

    out = "".join(replacements.feed(piece) for piece in ["a", "a", "a", "a", "a"])

    assert "aaaaa".replace("aa", "X") == out + replacements.flush()


def test_replacements_apply_in_order_like_chained_str_replace() -> None:
    replacements = ReplacementFilter([("<NL>", "\n"), ("\n", "<br>")])

    out = replacements.feed("a<N") + replacements.feed("L>b") + replacements.flush()

    assert out == "a<br>b"


def test_pairs_that_change_nothing_are_dropped() -> None:
    assert not ReplacementFilter([("", "x"), ("same", "same")])
    assert not StopStringFilter([""])
