"""The statistics screen: the learner's progress in the open course, in tabs that fit 80x24.

The study thread computes the figures (`Session.statistics`); this screen only lays them out. It
is dismissed with the id of a question to study now (from the hardest), or None.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, OptionList, ProgressBar, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from progress.statistics import Retention, Statistics
from tutor.tui.session import Session, StatsReady

# Answers on a day, by quarter of the busiest day's: the calendar's cell colours.
SHADES = ("#3a3a3a", "#0e4429", "#006d32", "#26a641", "#39d353")
NO_REVIEWS = "No reviews yet: answer a few questions, then come back here to see how they stick."


class StudyDays(Widget):
    """The past year as a calendar: a column a week, a row a weekday, each day shaded by its answers."""

    DEFAULT_CSS = "StudyDays { height: 9; width: auto; }"

    def __init__(self, figures: Statistics) -> None:
        super().__init__()
        self.figures = figures

    def render(self) -> Content:
        days = self.figures.calendar
        busiest = max((day.count for day in days), default=0)
        offset = days[0].date.weekday()
        weeks = (offset + len(days) + 6) // 7
        cells: list[list[Content | tuple[str, str]]] = [[Content(" ")] * weeks for _ in range(7)]
        for index, day in enumerate(days):
            column, row = divmod(offset + index, 7)
            level = 0 if not day.count else max(1, -(-day.count * (len(SHADES) - 1) // busiest))
            cells[row][column] = ("■", SHADES[level])
        names = ("Mon", "", "Wed", "", "Fri", "", "Sun")
        lines = [Content.assemble(f"{name:<4}", *row) for name, row in zip(names, cells)]
        lines.append(Content("    " + _month_initials(days[0].date, offset, weeks)))
        legend = Content.assemble("    less ", *[("■", shade) for shade in SHADES], " more")
        return Content("\n").join([*lines, legend])


def _month_initials(first: date, offset: int, weeks: int) -> str:
    line = []
    for column in range(weeks):
        monday = date.fromordinal(first.toordinal() - offset + 7 * column)
        # The first column is labelled only if its month lasts long enough to leave room for the next's.
        later = date.fromordinal(monday.toordinal() + 14)
        new_month = date.fromordinal(monday.toordinal() - 7).month != monday.month or (
            column == 0 and later.month == monday.month)
        line.append(monday.strftime("%b")[0] if new_month else " ")
    return "".join(line)


def _rate(passed: int, failed: int) -> str:
    total = passed + failed
    return "—" if not total else f"{passed / total:.0%} of {total}"


def retention_table(figures: Statistics) -> Content:
    rows = [f"{'':<7}{'young':>14}{'mature':>14}{'all':>14}"]
    for name, kinds in figures.true_retention.items():
        rows.append(_retention_row(name, kinds))
    return Content("\n".join(rows))


def _retention_row(name: str, kinds: Retention) -> str:
    return (f"{name:<7}{_rate(kinds.young_passed, kinds.young_failed):>14}"
            f"{_rate(kinds.mature_passed, kinds.mature_failed):>14}{_rate(kinds.passed, kinds.failed):>14}")


class StatsScreen(Screen[str | None]):
    """Overview, calendar, forecast, retention, topics and the hardest questions, a tab each."""

    CSS_PATH = "stats.tcss"
    BINDINGS = [
        Binding("escape,f4,q", "dismiss_screen", "Back"),
        Binding("s", "study_hardest", "Study it now"),
        Binding("left", "tab(-1)", "Tab", show=False),
        Binding("right", "tab(1)", "Tab", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.figures: Statistics | None = None

    def compose(self) -> ComposeResult:
        yield Static("Your progress", classes="title", id="stats-title")
        yield Static("Reading your progress…", id="stats-waiting")
        yield Footer()

    def on_mount(self) -> None:
        self.session.statistics(self)

    @on(StatsReady)
    def _ready(self, event: StatsReady) -> None:
        self.session.replied()
        self.figures = figures = event.statistics
        waiting = self.query_one("#stats-waiting", Static)
        if figures is None:
            waiting.update(NO_REVIEWS)
            return
        waiting.remove()
        self.query_one("#stats-title", Static).update(
            Content.from_markup("Your progress · $who · $bank · $day", who=figures.learner, bank=figures.bank_id,
                                day=figures.today.isoformat())
        )
        self.mount(self._tabs(figures), before=self.query_one(Footer))
        self.refresh_bindings()

    def _tabs(self, figures: Statistics) -> TabbedContent:
        tabs = TabbedContent(id="stats-tabs")
        tabs.compose_add_child(TabPane("Overview", self._overview(figures), id="overview"))
        tabs.compose_add_child(TabPane("Calendar", VerticalScroll(
            Static(Content(f"Streak: {figures.streak} day{'s' if figures.streak != 1 else ''} · "
                           f"{figures.answers} answers in the past year")),
            StudyDays(figures)), id="calendar"))
        tabs.compose_add_child(TabPane("Forecast", PlotextPlot(id="forecast-plot"), id="forecast"))
        tabs.compose_add_child(TabPane("Retention", PlotextPlot(id="retention-plot"), id="retention"))
        tabs.compose_add_child(TabPane("Topics", self._topics(figures), id="topics"))
        tabs.compose_add_child(TabPane("Hardest", self._hardest(figures), id="hardest"))
        return tabs

    def _overview(self, figures: Statistics) -> Widget:
        bar = ProgressBar(total=max(1, figures.questions), show_eta=False, id="mastered-bar")
        bar.progress = figures.mastered
        cards = figures.cards
        return VerticalScroll(
            Static(Content(f"{figures.mastered} of {figures.questions} questions mastered"), classes="figure"),
            bar,
            Static(Content(f"Cards: {cards.new} new · {cards.learning} learning · {cards.young} young · "
                           f"{cards.mature} mature · {cards.suspended} suspended · {cards.leeches} leeches"),
                   classes="figure"),
            Static(Content(f"True retention (desired {figures.desired_retention:.0%})"), classes="heading"),
            Static(retention_table(figures), classes="table"),
        )

    def _topics(self, figures: Statistics) -> Widget:
        rows = []
        for topic in figures.topics:
            rows.append(Static(Content(f"{topic.name}  {topic.mastered} of {topic.questions}"), classes="topic"))
            bar = ProgressBar(total=max(1, topic.questions), show_eta=False, show_percentage=True)
            bar.progress = topic.mastered
            rows.append(bar)
        return VerticalScroll(*rows) if rows else Static(Content("This course's questions have no topics."))

    def _hardest(self, figures: Statistics) -> Widget:
        options = [
            Option(Content(f"{hard.question_id}  ·  {hard.lapses} lapses  ·  R {hard.retrievability:.0%}"), id=f"h{i}")
            for i, hard in enumerate(figures.hardest)
        ]
        return Vertical(
            Static(Content("Most lapses first, then lowest retrievability. Enter or s: study it now."),
                   classes="heading"),
            OptionList(*options, id="hardest-list"),
        )

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if self.figures is None:
            return
        if event.pane.id == "forecast":
            self._plot_forecast(self.figures)
        elif event.pane.id == "retention":
            self._plot_retention(self.figures)
        elif event.pane.id == "hardest":
            self.query_one("#hardest-list", OptionList).focus()

    def _plot_forecast(self, figures: Statistics) -> None:
        plot = self.query_one("#forecast-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        days = figures.forecast
        plt.bar(list(range(1, len(days) + 1)), [day.count for day in days])
        # Ticks given, a week apart: plotext's own choice for these labels varied from run to run.
        ticks = list(range(1, len(days) + 1, 7))
        plt.xticks(ticks, [days[tick - 1].date.strftime("%d %b") for tick in ticks])
        plt.title("Reviews due, the next 30 days (today includes overdue)")
        plot.refresh()

    def _plot_retention(self, figures: Statistics) -> None:
        plot = self.query_one("#retention-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        months = [month for month in figures.retention_by_month if month.rate is not None]
        labels = [month.month[2:] for month in figures.retention_by_month]
        if months:
            plt.plot([labels.index(m.month[2:]) + 1 for m in months], [100 * (m.rate or 0.0) for m in months],
                     marker="dot", label="passed %")
        plt.hline(100 * figures.desired_retention)
        plt.xticks(list(range(1, len(labels) + 1)), labels)
        plt.ylim(0, 100)
        plt.title(f"Retention by month (line: desired {figures.desired_retention:.0%})")
        plot.refresh()

    @on(OptionList.OptionSelected, "#hardest-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        assert self.figures is not None
        self.dismiss(self.figures.hardest[event.option_index].question_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "study_hardest":
            return self.figures is not None and bool(self.figures.hardest)
        return True

    def action_study_hardest(self) -> None:
        """The highlighted hardest question (the hardest of all, unless another is highlighted)."""
        if self.figures is None or not self.figures.hardest:
            return
        highlighted = self.query_one("#hardest-list", OptionList).highlighted
        self.dismiss(self.figures.hardest[highlighted or 0].question_id)

    def action_tab(self, step: int) -> None:
        if self.figures is None:
            return
        tabs = self.query_one(TabbedContent)
        panes = [pane.id for pane in tabs.query(TabPane)]
        tabs.active = panes[(panes.index(tabs.active) + step) % len(panes)]

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
