"""The field's own tools for accessibility and valid HTML, as the tests use them.

- axe-core (npm) runs inside the page in Debian's chromium and reports WCAG 2.1 A/AA
  violations.
- The Nu Html Checker (npm's vnu-jar, on the machine's Java) validates the HTML.
Both are installed by `make test` (package.json).
"""

import json
import subprocess
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
AXE_SOURCE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page):
    """The axe-core violations of the page as it is now, as short readable lines."""
    page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(node["target"][0] for node in v["nodes"][:5])
        for v in result["violations"]
    ]


def html_errors(documents):
    """Nu Html Checker errors for {name: html}, as 'name:line: message' lines."""
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"page{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            names[path.as_uri()] = name
        result = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only"]
            + [uri.removeprefix("file://") for uri in names],
            capture_output=True,
            text=True,
            timeout=180,
        )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{names.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
