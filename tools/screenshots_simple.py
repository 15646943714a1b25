"""Screenshots of simplified mode for docs/screenshots/ (run under Xvfb):

    xvfb-run -a -s "-screen 0 1280x900x24" .venv/bin/python tools/screenshots_simple.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from screenshots import OUT, use_private_folders  # noqa: E402


def main() -> int:
    use_private_folders()
    from PySide6.QtWidgets import QApplication, QPushButton

    from careersdesk.config import load_machine_config
    from ui.app import open_context, parse_args
    from ui.main_window import MainWindow
    from ui.style import apply_display

    app = QApplication([sys.argv[0]])
    app.setApplicationName("CareersDesk")
    apply_display(app, "standard")
    context = open_context(parse_args(["--demo"]), load_machine_config())
    window = MainWindow(context)
    window.resize(1200, 860)
    window.show()
    pupil = context.services.pupils.sample_usernames()[1][0]
    sign_in = window.sign_in_page
    sign_in.pupil_button.click()
    sign_in.username.setText(pupil)
    sign_in.secret.setText("1234")
    sign_in.simple_mode.setChecked(True)
    sign_in.attempt_sign_in()
    workspace = window.workspace
    OUT.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(OUT / f"simple-{name}.png"))
        print(OUT / f"simple-{name}.png")

    def press(name: str) -> None:
        workspace.current_screen().findChild(QPushButton, name).click()

    shot("home")
    press("simpleFind")
    press("simpleQuiz")
    shot("quiz")
    quiz = workspace.library.quiz()
    for statement in quiz.short_statements:
        press("simpleAnswer3" if statement.type in "RS" else "simpleAnswer1")
    shot("suggestions")
    workspace.show_job("zookeeper")
    press("simpleSaveJob")
    shot("job-saved-with-undo")
    workspace.go_home()
    press("simplePlan")
    shot("plan")
    for theme in ("high-contrast-dark", "cream"):
        apply_display(app, theme, 180)
        workspace.go_home()
        shot(f"home-{theme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
