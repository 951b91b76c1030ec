"""The html target: one self-contained interactive quiz per bank."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import jinja2

from quizgen.answers.numbers import uses_decimal_comma
from quizgen.answers.solve import solve_bank
from quizgen.context import BuildContext
from quizgen.errors import TargetError
from quizgen.model import QUESTION_TYPES, Bank
from quizgen.present import markup
from quizgen.present.article import article
from quizgen.present.pages import content_security_policy, read_asset, script_json
from quizgen.present.strings import ui_strings
from quizgen.present.templates import environment, render_template, template_errors
from quizgen.target_options import HtmlOptions
from quizgen.targets import FileRole, OutputWriter
from quizgen.targets.html.quiz import answer_key, question_hashes, question_views, quiz_path

log = logging.getLogger(__name__)

QUIZ_TEMPLATE = "html/quiz.html.j2"
TYPE_TEMPLATE = "html/types/{type}.html.j2"  # one per question type: its controls and solution
TYPE_MACROS = ("controls", "solution")
# quiz-flow.css before quiz.css, so that a teacher's own quiz.css has the last word
QUIZ_STYLES = (
    "html/site.css",
    "html/result.css",
    "html/quiz-flow.css",
    "html/source-text.css",
    "html/quiz.css",
)
QUIZ_SCRIPTS = ("html/quiz-check.js", "html/result-code.js", "html/quiz.js")
# the result file a student saves: its sheet's look and the script that checks its code
RESULT_STYLES = ("html/result.css",)
RESULT_SCRIPTS = ("html/result-code.js", "html/result-check.js")
# the UI strings the page's script shows; everything else the template renders
SCRIPT_STRINGS = (
    "right",
    "wrong",
    "unanswered",
    "partly_one",
    "partly_other",
    "answer_first",
    "not_a_number",
    "number_example",
    "score",
    "progress",
    "result_great",
    "result_good",
    "result_fair",
    "result_low",
    "review",
    "question_number",
    "storage_off",
    "changed_one",
    "changed_other",
    "check_open_one",
    "check_open_other",
    "result_label",
    "result_name",
    "result_no_name",
    "result_date",
    "result_number",
    "result_question",
    "result_answer",
    "result_points",
    "result_points_of",
    "result_total",
    "result_none",
    "result_code",
    "result_unchecked",
    "result_fits",
    "result_edited",
    "result_made",
    "result_file",
)


class HtmlTarget:
    """Writes <bank>/<bank>-quiz.html for every bank."""

    name = "html"
    options = HtmlOptions
    labels = ("quiz",)
    template_folders = ("html",)  # and the string catalogs of each bank's language

    def build(self, banks: Sequence[Bank], out: OutputWriter, context: BuildContext) -> None:
        """Write each bank's quiz."""
        env = environment(context.template_dirs)
        env.auto_reload = False  # no file check on each of the thousands of renders
        require_type_macros(env)
        for bank in banks:
            log.info("html: %s", quiz_path(bank))
            page = render_quiz(bank, env, context)
            out.write(quiz_path(bank), page, FileRole("quiz", bank.id, featured=True))


def require_type_macros(env: jinja2.Environment) -> None:
    """Refuse a question-type template (a teacher's own, perhaps) that lacks one of its macros."""
    for question_type in QUESTION_TYPES:
        name = TYPE_TEMPLATE.format(type=question_type)
        with template_errors(env, name):
            template = env.get_template(name)
            module = template.module
        missing = [macro for macro in TYPE_MACROS if not hasattr(module, macro)]
        if missing:
            raise TargetError(
                f"{template.filename}: error: no macro '{missing[0]}'; a question type's template "
                f"defines {' and '.join(TYPE_MACROS)} (copy quizgen's {name} to start from)"
            )


def render_quiz(bank: Bank, env: jinja2.Environment, context: BuildContext) -> str:
    """Return the quiz page of one bank."""
    options = context.options(HtmlOptions)
    strings = ui_strings(bank.language, context.template_dirs)
    texts = strings.get("html", {})
    missing = [name for name in SCRIPT_STRINGS if name not in texts]
    if missing:
        raise TargetError(
            f"{bank.display_path}: error: no [html] string '{missing[0]}' for language "
            f"'{bank.language}' in templates/i18n/"
        )
    common = strings.get("common", {})
    # variant 0: the options in the order of the plain worksheet (and, with seed 0, the deck)
    solved = solve_bank(bank, common, 0, options.seed)
    views = question_views(solved, common)
    key = answer_key(solved)
    style = read_asset(env, QUIZ_STYLES, "style")
    script = read_asset(env, QUIZ_SCRIPTS, "script")
    result_style = read_asset(env, RESULT_STYLES, "style")
    result_script = read_asset(env, RESULT_SCRIPTS, "script")
    data = {
        "bank": bank.id,
        "title": bank.title,
        "hashes": question_hashes(views, key, bank.language),
        "lang": bank.language,
        "decimalComma": uses_decimal_comma(bank.language),
        "strings": {name: texts[name] for name in SCRIPT_STRINGS},
        "questions": key,
        "result": {
            "style": str(result_style),
            "script": str(result_script),
            "csp": content_security_policy((result_style,), (result_script,)),
        },
    }
    return render_template(
        env,
        QUIZ_TEMPLATE,
        bank=bank,
        description=markup.block(bank.description),
        article=article(bank.source),
        questions=views,
        t={**common, **texts},  # the page's strings; plurals are shared with the PDF
        common=common,
        style=style,
        script=script,
        csp=content_security_policy((style,), (script,)),
        data=script_json(data),
    )


TARGET = HtmlTarget()
