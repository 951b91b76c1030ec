"""What `quizgen serve` adds to the HTML it sends: a reload script and the build's problems.

The files in the output folder are never changed: the additions are made to the bytes of each
response, and the page's own Content-Security-Policy is widened just enough to allow them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from quizgen.present.pages import source_hash

VERSION_PATH = "/__quizgen__/version"
POLL_MS = 300  # how often an open page asks whether the build changed

# the script knows the build it was served from; it reloads the page once the server has another
_RELOAD = """(() => {
  const served = "%s";
  const ask = () => fetch("%s", {cache: "no-store"})
    .then(r => r.text())
    .then(now => { if (now !== served) location.reload(); else setTimeout(ask, %d); })
    .catch(() => setTimeout(ask, 2000));
  setTimeout(ask, %d);
})();"""
_STYLE = (
    "#quizgen-serve-problems{margin:0;padding:0.75rem 1rem;background:#fdeeec;color:#1b2233;"
    "border-bottom:3px solid #b1261d;font:1rem/1.45 system-ui,sans-serif}"
    "#quizgen-serve-problems h2{margin:0 0 0.4rem;font-size:1.05rem;color:#8a1c15}"
    "#quizgen-serve-problems p{margin:0 0 0.5rem}"
    "#quizgen-serve-problems pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;"
    "font:0.9rem/1.4 ui-monospace,monospace}"
)
_CSP_META = re.compile(
    r'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.IGNORECASE
)
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(r"</body\s*>", re.IGNORECASE)


def reload_script(version: str) -> str:
    """Return the script that reloads the page once the build is no longer `version`."""
    return _RELOAD % (version, VERSION_PATH, POLL_MS, POLL_MS)


def problems_banner(problems: Sequence[str], failed: bool) -> str:
    """Return the box that shows the last build's problems above the page, escaped."""
    if not problems:
        return ""
    headline = (
        "quizgen serve: the last build failed; this is the last good output"
        if failed
        else "quizgen serve: the last build has warnings"
    )
    advice = "Fix what is listed and save: this page reloads by itself."
    lines = html.escape("\n".join(problems))
    return (
        '<section id="quizgen-serve-problems" aria-labelledby="quizgen-serve-headline" lang="en">'
        f'<h2 id="quizgen-serve-headline">{headline}</h2><p>{advice}</p><pre>{lines}</pre>'
        "</section>"
    )


def served_html(page: str, version: str, problems: Sequence[str], failed: bool) -> str:
    """Return a page as served: the banner after <body>, the script before </body>, a CSP for both."""
    script = reload_script(version)
    banner = problems_banner(problems, failed)
    page = _CSP_META.sub(
        lambda m: (
            m[1] + html.escape(widened_policy(html.unescape(m[2]), script, bool(banner))) + m[3]
        ),
        page,
        count=1,
    )
    if banner:
        banner = f"<style>{_STYLE}</style>{banner}"
        opening = _BODY_OPEN.search(page)
        at = opening.end() if opening else 0
        page = page[:at] + banner + page[at:]
    closings = list(_BODY_CLOSE.finditer(page))
    at = closings[-1].start() if closings else len(page)
    return page[:at] + f"<script>{script}</script>" + page[at:]


def widened_policy(policy: str, script: str, banner: bool) -> str:
    """Return a page's policy that also runs the reload script (and styles the banner)."""
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    additions = {"script-src": source_hash(script), "connect-src": "'self'"}
    if banner:
        additions["style-src"] = source_hash(_STYLE)
    result = []
    for directive in directives:
        name, _, values = directive.partition(" ")
        added = additions.pop(name.lower(), None)
        if added is not None:
            kept = [v for v in values.split() if v != "'none'"]
            directive = " ".join([name, *kept, added])
        result.append(directive)
    result.extend(f"{name} {value}" for name, value in additions.items())
    return "; ".join(result)


def missing_page(path: str, version: str, problems: Sequence[str], failed: bool) -> str:
    """Return the page for a file the output folder does not hold (a bank never built yet)."""
    body = (
        f"<main><h1>Not found</h1><p>The output folder has no file <code>{html.escape(path)}</code>"
        "; a bank with errors gets no files until they are fixed.</p>"
        '<p><a href="/">The index</a></p></main>'
    )
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Not found: {html.escape(path)}</title></head><body>{body}</body></html>"
    )
    return served_html(page, version, problems, failed)
