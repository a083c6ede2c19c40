"""The sidebar shows any change of its tags by changing only what changed,
and every step keeps the model consistent (the model tester checks each)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.modeltest import ModelTester

from storage import ArticleFilter, Library
from ui.sidebar_model import Section, Sections, SidebarEntry, SidebarModel, read_sidebar

NAMES = ["Bão", "Chợ", "Du lịch", "Giáo dục", "Hà Nội", "Kinh tế", "Mới", "Thời sự", "Xuân"]


def with_tags(base: Sections, names: set[str], counts: dict[str, int]) -> Sections:
    """``base`` with these tags, sorted as the library sorts them."""
    tags = [
        SidebarEntry("tag", name, name, ArticleFilter(tag=name), counts.get(name, 1))
        for name in sorted(names, key=Library.tag_key)
    ]
    return {**base, Section.TAGS: tags}


# The library is only read, and each example makes its own model.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(st.sets(st.sampled_from(NAMES)), st.dictionaries(st.sampled_from(NAMES),
                  st.integers(1, 3))),
        min_size=1,
        max_size=6,
    )
)  # fmt: skip
def test_any_change_of_tags_is_shown_whole_and_consistently(
    qtmodeltester: ModelTester, library: Library, steps: list[tuple[set[str], dict[str, int]]]
) -> None:
    model = SidebarModel(library)  # no runner: it applies here and now
    qtmodeltester.check(model, force_py=True)  # stays connected: checks every signal
    base = read_sidebar(library)
    for names, counts in steps:
        fresh = with_tags(base, names, counts)
        model.apply(fresh)
        assert model.tags() == [entry.key for entry in fresh[Section.TAGS]]
        tags = model.section_index(Section.TAGS)
        assert model.rowCount(tags) == len(names)
        for row, entry in enumerate(fresh[Section.TAGS]):
            assert model.entry(model.index(row, 0, tags)) == entry
            assert model.index(row, 1, tags).data() == str(entry.count)
