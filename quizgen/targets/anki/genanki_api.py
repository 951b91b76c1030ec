"""genanki, imported without the asyncio and ssl its cached_property dependency loads.

genanki uses the cached_property package for one decorator (Model._req, Note.cards), and that
package imports asyncio (and with it ssl) to also cache coroutines: about 13 ms of CPU in every
Anki build, a tenth of making a 1,000-note deck. The standard library's functools.cached_property
caches a plain method the same way, so genanki is imported with it standing in, for genanki alone:
the stand-in is taken out of sys.modules again, and a process that already has the package keeps
it.
"""

from __future__ import annotations

import functools
import sys
import types

_STAND_IN = "cached_property"

if _STAND_IN not in sys.modules and "genanki" not in sys.modules:
    _module = types.ModuleType(_STAND_IN)
    _module.cached_property = functools.cached_property  # type: ignore[attr-defined]
    sys.modules[_STAND_IN] = _module
    try:
        import genanki
    except Exception:  # pragma: no cover - a genanki that wants more of the package: the real one
        for name in [m for m in sys.modules if m == "genanki" or m.startswith("genanki.")]:
            del sys.modules[name]
        del sys.modules[_STAND_IN]
        import genanki
    finally:
        if sys.modules.get(_STAND_IN) is _module:
            del sys.modules[_STAND_IN]
else:  # pragma: no cover - the package is loaded already (or genanki is): nothing to save
    import genanki

__all__ = ["genanki"]  # the module itself: `from quizgen.targets.anki.genanki_api import genanki`
