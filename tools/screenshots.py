"""Take screenshots of the real app window for the README and the docs.

Run under a real display, e.g. ``xvfb-run -a -s "-screen 0 1280x800x24" python tools/screenshots.py``.
It opens the demo school in a throw-away folder, signs in as each demo account in turn and saves
what the screen shows to docs/screenshots/.  It uses the same window the app shows, not a mock.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def use_private_folders() -> None:
    """Settings and the demo school go to a throw-away folder, never the user's own."""
    sandbox = Path(tempfile.mkdtemp(prefix="careersdesk-shots-"))
    os.environ["XDG_DATA_HOME"] = str(sandbox / "data")
    os.environ["XDG_CONFIG_HOME"] = str(sandbox / "config")
    os.environ.setdefault("CAREERSDESK_CONFIG", str(sandbox / "none.toml"))


def open_demo_window(width: int, height: int) -> tuple[Any, Any, Any]:
    """The app on the demo school in a private folder, standard theme: (app, window, context)."""
    use_private_folders()
    from PySide6.QtWidgets import QApplication

    from careersdesk.config import load_machine_config
    from ui.app import open_context, parse_args
    from ui.main_window import MainWindow
    from ui.style import apply_display

    app = QApplication([sys.argv[0]])
    app.setApplicationName("CareersDesk")
    apply_display(app, "standard")
    context = open_context(parse_args(["--demo"]), load_machine_config())
    window = MainWindow(context)
    window.resize(width, height)
    window.move(0, 0)
    window.show()
    return app, window, context


def main() -> int:
    from PySide6.QtCore import QTimer

    from ui.style import apply_display

    app, window, context = open_demo_window(1200, 760)
    OUT.mkdir(parents=True, exist_ok=True)
    pupil = context.services.school.sample_usernames()[2][0]
    steps: list[tuple[str, object]] = [
        ("sign-in", None),
        ("pupil-home", ("pupil", pupil, "1234", None)),
        ("pupil-explore", ("pupil", pupil, "1234", "explore")),
        ("pupil-explore-supported-internship", ("pupil", pupil, "1234", "explore")),
        ("pupil-quiz-results", ("pupil", pupil, "1234", "quiz")),
        ("pupil-home-interests", ("pupil", pupil, "1234", "my-careers")),
        ("pupil-routes", ("pupil", pupil, "1234", "routes")),
        ("pupil-choices", ("pupil", pupil, "1234", "my-choices")),
        ("pupil-encounters", ("pupil", pupil, "1234", "my-encounters")),
        ("pupil-plan", ("pupil", pupil, "1234", "my-plan")),
        ("adviser-pupils", ("staff", "adviser", "demo-adviser", None)),
        ("leader-reports", ("staff", "leader", "demo-leader", "reports")),
        ("leader-encounters", ("staff", "leader", "demo-leader", "encounters")),
        ("adviser-guidance", ("staff", "adviser", "demo-adviser", "guidance")),
        ("send-pupils", ("staff", "send", "demo-send", None)),
        ("admin-settings", ("staff", "admin", "demo-admin", "settings")),
        *[(f"theme-{key}", ("pupil", pupil, "1234", "explore")) for key in
          ("high-contrast-dark", "high-contrast-light", "cream")],
    ]
    saved: list[str] = []

    def shoot(index: int = 0) -> None:
        if index == len(steps):
            print("\n".join(saved))
            app.quit()
            return
        name, action = steps[index]
        window.sign_out()
        if action is not None:
            kind, username, secret, page = action  # type: ignore[misc]
            sign_in = window.sign_in_page
            (sign_in.pupil_button if kind == "pupil" else sign_in.staff_button).click()
            sign_in.username.setText(username)
            sign_in.secret.setText(secret)
            if sign_in.attempt_sign_in() is None:
                print(f"could not sign in as {username}: {sign_in.message.text()}")
                app.exit(1)
                return
            if page:
                window.workspace.open_page(page)
            if page == "guidance":
                window.workspace.current_page().table.selectRow(0)
            if page == "explore":
                explore = window.workspace.current_page()
                if name == "pupil-explore-supported-internship":
                    explore.route.setCurrentIndex(explore.route.findData("supported-internship"))
                    explore.search.setText("kitchen assistant")
                else:
                    explore.search.setText("vet")
            apply_display(app, name[6:] if name.startswith("theme-") else "standard",
                          125 if name.startswith("theme-") else 100)
            if page == "quiz":
                quiz = window.workspace.current_page()
                for statement in quiz.statements:
                    quiz.answer(5 if statement["type"] in "RI" else 2)

        def grab() -> None:
            path = OUT / f"{name}.png"
            window.screen().grabWindow(0, 0, 0, 1200, 790).save(str(path))
            saved.append(str(path))
            shoot(index + 1)

        QTimer.singleShot(2500 if name == "leader-reports" else 700, grab)

    QTimer.singleShot(800, shoot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
