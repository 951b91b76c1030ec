"""Self-contained pages: inline assets, a Content-Security-Policy from their hashes, safe JSON."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import jinja2
from markupsafe import Markup

from quizgen.errors import TargetError

# `</style` or `</script` inside an inlined asset would end its element early.
_CLOSING_TAG = {
    "style": re.compile(r"</style", re.IGNORECASE),
    "script": re.compile(r"</script|<!--", re.IGNORECASE),
}
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def read_asset(env: jinja2.Environment, names: tuple[str, ...], kind: str) -> Markup:
    """Return the asset files (found on the template search path) joined, ready to inline."""
    parts = []
    for name in names:
        loader = env.loader
        assert loader is not None
        text, filename, _ = loader.get_source(env, name)
        if _CLOSING_TAG[kind].search(text):
            raise TargetError(
                f"{filename}: error: an inlined {kind} must not contain '</{kind}' or '<!--'"
            )
        parts.append(text.strip())
    return Markup("\n".join(parts))


def source_hash(text: str) -> str:
    """Return the CSP source expression allowing exactly this inline style or script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(styles: tuple[str, ...], scripts: tuple[str, ...]) -> str:
    """Return a policy that forbids every request and runs only the given inline code."""
    directives = [
        "default-src 'none'",
        "style-src " + (" ".join(source_hash(s) for s in styles) or "'none'"),
        "script-src " + (" ".join(source_hash(s) for s in scripts) or "'none'"),
        "img-src data:",  # the favicon only; markup.py renders no images
        "base-uri 'none'",
        "form-action 'none'",
    ]
    return "; ".join(directives)


def script_json(data: object) -> Markup:
    """Return JSON for a <script type="application/json"> block that no text can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text))


def content_digest(*parts: object) -> str:
    """Return a short stable digest of what a page shows and checks (names saved progress)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]
