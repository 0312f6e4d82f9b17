"""The field's own tools for accessibility and valid HTML, as the tests use them.

- axe-core (npm) runs inside the page in Debian's chromium and reports WCAG 2.1 A/AA
  violations, plus the few best-practice rules that check what WCAG asks of structure
  (headings in order, one main landmark, all content in landmarks, a working skip link).
- The Nu Html Checker (npm's vnu-jar, on the machine's Java) validates the HTML.
- `PublicPage` and `visit()`: one public page in one state, and how a browser reaches it.
- `tab_to()`: move through a page with Tab as a keyboard user does, checking that whatever
  has focus shows it (WCAG 2.1.1 Keyboard, 2.4.7 Focus Visible).
Both tools are installed by `make test` (package.json).
"""

import json
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
AXE_SOURCE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe files these under "best-practice", but they test what WCAG 1.3.1 and 2.4.1 ask of us.
STRUCTURE_RULES = [
    "heading-order",
    "empty-heading",
    "page-has-heading-one",
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "region",
    "skip-link",
]
# WCAG 1.4.10 Reflow: 320 CSS pixels wide is a 640 px phone screen at 200 % zoom.
PHONE_AT_200_PERCENT = {"width": 320, "height": 640}


def axe_violations(page):
    """The axe-core violations of the page as it is now, as short readable lines."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """([tags, rules]) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            rules: Object.fromEntries(rules.map(rule => [rule, {enabled: true}])),
        })""",
        [WCAG_TAGS, STRUCTURE_RULES],
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(node["target"][0] for node in v["nodes"][:5])
        for v in result["violations"]
    ]


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the window (0 when it reflows)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


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


@dataclass(frozen=True)
class PublicPage:
    """One public page in one state, as a visitor meets it.

    url:    the path, or a function that makes the data the page needs and returns its path.
    then:   what the visitor does there to reach the state (fill in and send a form ...),
            given the Playwright page; the page the browser ends on is the one audited.
    status: the HTTP status the audited page must have (404 for the not-found page).
    body:   for a page the running server cannot be made to show (the 500 page): a function
            returning its HTML, which the browser is then served at `url`.
    """

    name: str
    url: str | Callable[[], str]
    then: Callable | None = None
    status: int = 200
    body: Callable[[], str] | None = None


def visit(page, base_url, public_page):
    """Open `public_page` in the browser and reach its state; (status, served HTML) of the
    document the browser ends on."""
    url = public_page.url() if callable(public_page.url) else public_page.url
    documents = []

    def keep_document(response):
        if response.request.is_navigation_request() and response.frame == page.main_frame:
            documents.append(response)

    if public_page.body is not None:
        html = public_page.body()
        page.route(
            base_url + url,
            lambda route: route.fulfill(
                status=public_page.status, body=html, content_type="text/html; charset=utf-8"
            ),
        )
    page.on("response", keep_document)
    try:
        page.goto(base_url + url)
        if public_page.then is not None:
            public_page.then(page)
        page.wait_for_load_state()
    finally:
        page.remove_listener("response", keep_document)
        if public_page.body is not None:
            page.unroute(base_url + url)
    final = documents[-1]
    return final.status, final.text()


# The focused element as a keyboard user sees it: its text or label, and whether a focus
# indicator of at least 2 px is drawn around it.
FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const label = element.labels && element.labels.length ? element.labels[0].textContent : "";
    return {
        tag: element.tagName.toLowerCase(),
        text: (element.getAttribute("aria-label") || label || element.textContent || "")
            .replace(/\\s+/g, " ").trim(),
        outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def tab_to(page, text, most=60):
    """Press Tab until the focused element's text contains `text`; every element passed on
    the way must show its focus. The elements passed, in order, as (tag, text)."""
    passed = []
    for _ in range(most):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["outlined"], f"no visible focus on {now['tag']} '{now['text']}'"
        passed.append((now["tag"], now["text"]))
        if text in now["text"]:
            return passed
    raise AssertionError(f"'{text}' not reached with {most} presses of Tab; passed {passed}")
