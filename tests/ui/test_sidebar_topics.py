"""The sidebar keeps the person's tags and the sites' topics apart.

Tags (given by hand) are the TAGS section and keep the person's spelling;
the sites' own keywords are the Topics section, collapsed until its title is
clicked, and remembered. Real libraries, real widgets offscreen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from storage import Library
from tests.ui.conftest import WindowFactory, picture_article
from ui.sidebar_model import Section, SidebarModel


@pytest.fixture
def topics_path(library_path: Path) -> Path:
    """One article tagged "Du lịch" by hand whose site calls it "du lịch", "mùa lúa", "Sa Pa"."""
    with Library(library_path) as library:
        library.save_article(
            picture_article(topics=["du lịch", "mùa lúa", "Sa Pa"]), tags=["Du lịch"]
        )
    return library_path


def test_tags_and_topics_are_separate_sections(
    qtmodeltester: ModelTester, topics_path: Path
) -> None:
    with Library(topics_path) as library:
        model = SidebarModel(library)
        qtmodeltester.check(model, force_py=True)
        assert model.tags() == ["Du lịch"]
        assert sorted(model.topics(), key=str.casefold) == ["du lịch", "mùa lúa", "Sa Pa"]
        title = model.index(Section.TOPICS, 0)
        assert model.data(title) == "TOPICS (3) ▾"
        model.set_section_closed(Section.TOPICS, True)
        assert model.data(title) == "TOPICS (3) ▸"


def test_topics_start_collapsed_open_on_click_and_list_their_articles(
    qtbot: QtBot, make_window: WindowFactory, topics_path: Path
) -> None:
    window = make_window(topics_path)
    sidebar = window.sidebar
    topics_title = window.sidebar_model.section_index(Section.TOPICS)
    assert not sidebar.isExpanded(topics_title)
    assert "▸" in window.sidebar_model.data(topics_title)

    qtbot.mouseClick(
        sidebar.viewport(), Qt.MouseButton.LeftButton, pos=sidebar.visualRect(topics_title).center()
    )
    assert sidebar.isExpanded(topics_title)
    assert sidebar.topics_expanded

    topic = window.sidebar_model.index_of("topic", "mùa lúa")
    assert topic.isValid()
    assert sidebar.visualRect(topic).height() > 0  # shown now that the section is open
    assert sidebar.select_entry("topic", "mùa lúa")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1)

    # The tag keeps the person's spelling; the site's "du lịch" is only a topic.
    tag = window.sidebar_model.index_of("tag", "Du lịch")
    assert window.sidebar_model.data(tag) == "Du lịch"


def test_the_topics_section_is_remembered(
    qtbot: QtBot, make_window: WindowFactory, topics_path: Path
) -> None:
    first = make_window(topics_path)
    first.sidebar.set_topics_expanded(True)
    first.close()
    second = make_window(topics_path)
    assert second.sidebar.topics_expanded
    assert second.sidebar.isExpanded(second.sidebar_model.section_index(Section.TOPICS))
