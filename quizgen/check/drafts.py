"""Notice questions `quizgen draft` wrote that the teacher has not curated yet."""

from __future__ import annotations

from quizgen.errors import Problem
from quizgen.model import Bank

_SHOWN_IDS = 10


def draft_problems(bank: Bank) -> list[Problem]:
    """Return one warning listing the bank's questions still marked `draft: true`."""
    drafts = [q for q in bank.questions if q.draft]
    if not drafts:
        return []
    ids = ", ".join(q.id for q in drafts[:_SHOWN_IDS])
    if len(drafts) > _SHOWN_IDS:
        ids += f" and {len(drafts) - _SHOWN_IDS} more"
    message = (
        f"{len(drafts)} question(s) still marked 'draft: true' ({ids}); read each one, "
        "delete it or edit it, then remove its 'draft: true' line"
    )
    return [Problem(drafts[0].where("draft"), "warning", message)]
