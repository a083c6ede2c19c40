"""When feeds refresh by themselves: every N minutes while the window is open.

One repeating QTimer; plus, shortly after the window opens, one refresh when
a feed is overdue (never checked, or checked longer ago than the interval),
so a window opened for a few minutes still gets the news.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from core.models import Feed

STARTUP_DELAY_MS = 15_000
"""Let the window open and settle before fetching anything."""
MAX_TIMER_MS = 2**31 - 1  # QTimer takes a signed 32-bit interval


def interval_ms(minutes: float) -> int:
    """The timer interval for ``minutes`` (0: never), at least 1 ms."""
    if minutes <= 0:
        return 0
    return max(1, min(MAX_TIMER_MS, round(minutes * 60_000)))


def any_overdue(feeds: Sequence[Feed], minutes: float, now: datetime | None = None) -> bool:
    """Whether a feed was never checked, or not within the last ``minutes``."""
    moment = now or datetime.now(UTC)
    for feed in feeds:
        if feed.last_checked is None:
            return True
        try:
            checked = datetime.fromisoformat(feed.last_checked)
        except ValueError:
            return True
        if checked.tzinfo is None:
            checked = checked.replace(tzinfo=UTC)
        if moment - checked >= timedelta(minutes=minutes):
            return True
    return False


class RefreshSchedule(QObject):
    due = Signal()
    """Time for an automatic refresh."""

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.minutes = minutes
        self.timer = QTimer(self)
        self.timer.setObjectName("feed-refresh-timer")
        self.timer.timeout.connect(self.due)
        self._catch_up = QTimer(self)
        self._catch_up.setSingleShot(True)
        self._catch_up.setInterval(STARTUP_DELAY_MS)
        self._catch_up.timeout.connect(self.due)

    @property
    def enabled(self) -> bool:
        return interval_ms(self.minutes) > 0

    def start(self, feeds: Sequence[Feed]) -> None:
        """Start the interval; catch up soon if a feed is overdue already."""
        if not self.enabled:
            return
        self.timer.start(interval_ms(self.minutes))
        if feeds and any_overdue(feeds, self.minutes):
            self._catch_up.start()

    def stop(self) -> None:
        self.timer.stop()
        self._catch_up.stop()
