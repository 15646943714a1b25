"""Drive CareersDesk through the accessibility bus alone, as a screen reader user would.

Run with Debian's own Python (pyatspi is packaged for it, not for the project's venv):

    /usr/bin/python3 tests/atspi/client.py PUPIL_USERNAME PIN

Prints one JSON object: what it found and did. Exits 0 when the whole journey worked.
"""

import json
import sys
import time

import pyatspi

INTERACTIVE_ROLES = {"push button", "check box", "text", "password text", "combo box",
                     "list", "table", "radio button", "toggle button", "spin button"}


def find_app(name="CareersDesk", wait=30.0):
    deadline = time.time() + wait
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name == name:
                return app
        time.sleep(0.3)
    raise SystemExit(json.dumps({"error": f"{name} never appeared on the accessibility bus"}))


def walk(node, depth=0):
    """Every showing node under ``node``: (node, role, name)."""
    if node is None or depth > 60:
        return
    try:
        states = node.getState()
        showing = states.contains(pyatspi.STATE_SHOWING)
        role, name = node.getRoleName(), node.name or ""
    except Exception:
        return
    if showing:
        yield node, role, name
    for index in range(node.childCount):
        yield from walk(node.getChildAtIndex(index), depth + 1)


def controls(app):
    return [(node, role, name) for node, role, name in walk(app) if role in INTERACTIVE_ROLES]


def named(app, role, name, wait=10.0):
    deadline = time.time() + wait
    while time.time() < deadline:
        for node, node_role, node_name in walk(app):
            if node_role == role and node_name == name:
                return node
        time.sleep(0.2)
    raise LookupError(f"no {role} called {name!r}")


def press(app, name, role="push button"):
    node = named(app, role, name)
    node.queryAction().doAction(0)
    time.sleep(0.25)


def type_into(app, name, text, role="text"):
    node = named(app, role, name)
    node.queryEditableText().setTextContents(text)


def nameless(app):
    return [f"{role} under {parent_name(node)}" for node, role, name in controls(app) if not name]


def parent_name(node):
    parent = node.parent
    while parent is not None and not parent.name:
        parent = parent.parent
    return parent.name if parent is not None else "?"


def main(username, pin):
    report = {"screens": {}}
    app = find_app()
    time.sleep(1.0)
    report["screens"]["sign in"] = {"controls": len(controls(app)), "nameless": nameless(app)}
    press(app, "I am a pupil", role="check box")
    type_into(app, "Username", username)
    type_into(app, "PIN", pin, role="password text")
    press(app, "Simple mode", role="check box")
    press(app, "Sign in")
    named(app, "push button", "Find jobs", wait=15)
    report["screens"]["simple home"] = {"controls": len(controls(app)), "nameless": nameless(app)}
    press(app, "Find jobs")
    press(app, "Answer some questions about what I like")
    answered = 0
    for _ in range(18):
        report["screens"].setdefault("quiz question", {
            "controls": len(controls(app)), "nameless": nameless(app)})
        press(app, "I like this" if answered % 3 == 0 else "I don't like this")
        answered += 1
    named(app, "label", "Jobs you might like", wait=15)
    report["screens"]["quiz results"] = {"controls": len(controls(app)), "nameless": nameless(app)}
    report["answered"] = answered
    press(app, "Home")
    press(app, "Use the full app")
    named(app, "list", "Navigation", wait=15)
    report["screens"]["full home"] = {"controls": len(controls(app)), "nameless": nameless(app)}
    report["ok"] = True
    print(json.dumps(report))


if __name__ == "__main__":
    try:
        main(sys.argv[1], sys.argv[2])
    except LookupError as error:
        print(json.dumps({"error": str(error)}))
        sys.exit(1)


def dump():
    app = find_app()
    time.sleep(1.0)
    for _, role, name in walk(app):
        print(role, "|", name)
