"""Screenshots of simplified mode for docs/screenshots/ (run under Xvfb):

    xvfb-run -a -s "-screen 0 1280x900x24" .venv/bin/python tools/screenshots_simple.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from screenshots import OUT, open_demo_window  # noqa: E402


def main() -> int:
    app, window, context = open_demo_window(1200, 860)
    from PySide6.QtWidgets import QPushButton

    from ui.style import apply_display

    pupil = context.services.school.sample_usernames()[1][0]
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
