"""The careers provision report for governors and Ofsted (A4, prints in black and white)."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from careersdesk.pdf.common import (
    ACCENT,
    FONT,
    FONT_BOLD,
    INK,
    RULE,
    document,
    markup,
    text,
    write_pdf_atomically,
)
from careersdesk.reports import GROUPS, CohortReport, LineFigures
from careersdesk.tracking.engine import Status

# Dark and light bars stay distinct when printed in black and white.
DARK = colors.HexColor("#0b3d5c")
LIGHT = colors.HexColor("#9fb8c9")
SHORT_LABELS = {
    "B5": "B5 employer this year", "B6-16": "B6 workplace by 16", "B6-18": "B6 workplace by 18",
    "B7-16": "B7 providers by 16", "B7-18": "B7 universities by 18",
    "B8-16": "B8 interview by 16", "B8-18": "B8 interview by 18",
    "PA-8-9": "Provider access Y8-9", "PA-10-11": "Provider access Y10-11",
    "PA-12-13": "Provider access Y12-13", "SEVEN": "Seven encounters",
}


def _table_style(header_rows: int = 1) -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),
        ("FONT", (0, 0), (-1, header_rows - 1), FONT_BOLD, 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, ACCENT),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ])


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def _gap(value: float | None) -> str:
    if value is None:
        return "–"
    return "0" if round(value) == 0 else f"{value:+.0f}"


def _headings(*labels: str) -> list[object]:
    return [text(label, "HeadSmall") for label in labels]


def _chart(lines: list[LineFigures], width: float) -> Drawing:
    height = 14 * len(lines) + 40
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 120, 28
    chart.width, chart.height = width - 140, height - 40
    chart.data = [[line.percent("Others") or 0 for line in lines][::-1],
                  [line.percent("Disadvantaged") or 0 for line in lines][::-1]]
    chart.categoryAxis.categoryNames = [SHORT_LABELS[line.key] for line in lines][::-1]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor = LIGHT
    chart.bars[1].fillColor = DARK
    chart.bars.strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 4
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 120, 10
    legend.fontName, legend.fontSize = FONT, 7.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 150
    legend.colorNamePairs = [(LIGHT, "Other pupils: % met"), (DARK, "Disadvantaged pupils: % met")]
    drawing.add(legend)
    drawing.add(String(0, height - 8, "Share of pupils who have met each measure",
                       fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    return drawing


def write_gatsby_report(report: CohortReport, path: Path) -> Path:
    title = "Careers provision report"

    def build(target: Path) -> None:
        doc = document(target, title, f"{report.school_name} · confidential: contains pupil data")
        story = [
            text(report.school_name, "Small"),
            markup(f"{title}, {report.academic_year_label}", "Title"),
            text(f"Figures on {report.on:%d %B %Y} for {report.pupils:,} pupils on roll, "
                 f"judged against the {report.ruleset} rules (Gatsby Benchmarks 2025 and the "
                 "provider access legislation). A pupil counts towards a measure once its "
                 "window has opened; pupils who joined part-way through are judged on their "
                 "time at the school. 'Disadvantaged' means pupil premium, SEND support or an "
                 "EHC plan, or looked after."),
            Spacer(1, 4 * mm),
            _chart(report.lines, doc.width),
            markup("Benchmarks and provider access", "Heading"),
        ]
        rows: list[list[object]] = [["Measure", "Pupils", "Met", "On track", "At risk", "Missed",
                                     "Gap*"]]
        for line in report.lines:
            counts = line.counts.get("All pupils", {})
            total = line.total("All pupils")
            rows.append([text(line.label, "Cell"), f"{total:,}",
                         _pct(line.percent("All pupils")),
                         _pct(line.percent("All pupils", Status.ON_TRACK)),
                         f"{counts.get(Status.AT_RISK, 0):,}", f"{counts.get(Status.MISSED, 0):,}",
                         _gap(line.gap)])
        table = Table(rows, colWidths=[74 * mm, 16 * mm, 14 * mm, 17 * mm, 16 * mm, 16 * mm,
                                       14 * mm], repeatRows=1)
        table.setStyle(_table_style())
        story += [table, text("* Gap: percentage points by which disadvantaged pupils trail "
                              "other pupils in meeting the measure (a minus sign means they "
                              "are ahead).", "Small")]

        story.append(markup("Priority groups: share who have met each measure", "Heading"))
        groups = [name for name, _ in GROUPS]
        rows = [_headings("Measure", *groups)]
        for line in report.lines:
            rows.append([text(SHORT_LABELS[line.key], "Cell"),
                         *[_pct(line.percent(group)) for group in groups]])
        widths = {"Disadvantaged": 30, "Pupil premium": 23, "Looked after": 23}
        table = Table(rows, colWidths=[40 * mm] + [widths.get(g, 18) * mm for g in groups],
                      repeatRows=1)
        table.setStyle(_table_style())
        story.append(table)

        story.append(markup("Benchmark 5 this year, by year group", "Heading"))
        rows = [_headings("Year group", "Pupils", "Met", "Met (disadvantaged)", "Met (others)")]
        for year, figures in report.by_year.items():
            rows.append([f"Year {year}", f"{figures.total('All pupils'):,}",
                         _pct(figures.percent("All pupils")),
                         _pct(figures.percent("Disadvantaged")), _pct(figures.percent("Others"))])
        table = Table(rows, colWidths=[30 * mm, 20 * mm, 20 * mm, 36 * mm, 28 * mm])
        table.setStyle(_table_style())
        story.append(KeepTogether(table))

        story.append(markup(f"Pupils needing action ({len(report.needing_action):,})",
                            "Heading"))
        story.append(text("Pupils with a measure at risk now, or missed this school year; "
                          "disadvantaged pupils first.", "Small"))
        rows = [["Pupil", "Year", "Form", "Priority", "What needs doing"]]
        for item in report.needing_action:
            pupil = item.pupil
            flags = pupil.priority_flags
            needs = "; ".join(f"{SHORT_LABELS.get(r.rule_id.split('-Y')[0], r.rule_id)} "
                              f"({r.status.value})" for r in item.results)
            rows.append([text(f"{pupil.legal_last_name}, {pupil.first_name}", "Cell"),
                         str(pupil.year_group), text(pupil.form or "", "Cell"), flags,
                         text(needs, "Cell")])
        table = Table(rows, colWidths=[44 * mm, 11 * mm, 13 * mm, 26 * mm, 80 * mm],
                      repeatRows=1)
        style = _table_style()
        style.add("ALIGN", (1, 0), (-1, -1), "LEFT")
        table.setStyle(style)
        story.append(table)
        doc.build(story)

    return write_pdf_atomically(path, build)
