"""The command line: parse options, call one core function, print its result."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from quizgen import __version__
from quizgen.answers.numbers import MAX_VARIANTS

if TYPE_CHECKING:
    from quizgen.build import BuildReport
    from quizgen.errors import Problem

EXIT_PROBLEMS = 1


class _Group(click.Group):
    """Turns QuizgenError into a message and exit code, in one place."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _project_first(args))

    def invoke(self, ctx: click.Context) -> Any:
        # imported here: `quizgen --help` and `--version` end before any command runs
        from quizgen.errors import ProblemsFound, QuizgenError, TargetError

        try:
            return super().invoke(ctx)
        except ProblemsFound as exc:
            _echo_problems(exc.problems)
            ctx.exit(exc.exit_code)
        except TargetError as exc:  # already located: "path:line:col: error: …"
            click.echo(str(exc), err=True)
            ctx.exit(exc.exit_code)
        except QuizgenError as exc:
            click.echo(f"quizgen: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The project folder (holds questions/ and quizgen.toml).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what the build does.")
@click.pass_context
def cli(ctx: click.Context, project: Path, verbose: bool) -> None:
    """Turn curated question banks into Anki decks, PDF worksheets and HTML quizzes."""
    import logging  # here, not at the top: `quizgen --help` and `--version` never log

    from quizgen.config import CONFIG_NAME, load_config

    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="quizgen: %(message)s"
    )
    if not project.is_dir():
        raise click.BadParameter(f"'{project}' is not a folder", param_hint="--project")
    ctx.obj = project.resolve()
    options = {name: _option_kinds(command) for name, command in cli.commands.items()}
    # [build] takes every target's own options too, and not those only its command line takes
    # (--force, --roster): the build itself reads and checks it (quizgen.build.build_settings),
    # as a library too; check checks it the same way, from the light table of the targets'
    # options (quizgen.target_options). For other commands its options here only name the
    # section a misplaced top-level option belongs in (or why none does: roster); [header]
    # holds every bank's defaults, read and checked with the banks (quizgen.bank.header)
    if not (ctx.obj / CONFIG_NAME).is_file():
        ctx.default_map = {}
        return
    from quizgen.settings import build_config_rules  # (the targets' options: not without one)

    rules = build_config_rules()
    options["build"] = rules.kinds
    skip = ("header",) if ctx.invoked_subcommand == "check" else ("build", "header")
    limits, refused = {"build": rules.limits}, {"build": rules.refused}
    ctx.default_map = load_config(ctx.obj, options, skip=skip, limits=limits, refused=refused)


def _project_first(args: list[str]) -> list[str]:
    """Move a `--project DIR` given after the command before it: `quizgen check --project DIR`."""
    moved: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg == "--project" and rest and index + 1 < len(args):
            moved += args[index : index + 2]
            index += 2
            continue
        if arg.startswith("--project=") and rest:
            moved.append(arg)
        else:
            rest.append(arg)
        index += 1
    return moved + rest


def _option_kinds(command: click.Command) -> dict[str, str]:
    """Return each option's kind as quizgen.toml may set it (see quizgen.config.KINDS)."""
    kinds = {}
    for param in command.params:
        if not isinstance(param, click.Option):
            continue
        if param.is_flag:
            kinds[param.name] = "flag"
        elif param.multiple:
            kinds[param.name] = "list"
        elif isinstance(param.type, click.IntRange) and param.type.min == 1:
            kinds[param.name] = "count"
        elif isinstance(param.type, click.types.IntParamType):
            kinds[param.name] = "int"
        else:
            kinds[param.name] = "text"
    return kinds


def _echo_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


@cli.command()
@click.argument("banks", nargs=-1)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--jobs", type=click.IntRange(1), default=None, help="Banks read at once (default: all cores)."
)
@click.pass_obj
def check(root: Path, banks: tuple[str, ...], strict: bool, jobs: int | None) -> None:
    """Validate banks: format, and every quote against its source text."""
    from quizgen.check.project_templates import project_template_problems
    from quizgen.project import load_project

    result = load_project(root, banks, strict, jobs=jobs, outlines=True)
    # what only the build would find: the project's own templates and catalogs
    result.problems += project_template_problems(root)
    _echo_problems(result.problems)
    errors = sum(p.severity == "error" for p in result.problems)
    warnings = len(result.problems) - errors
    click.echo(
        f"{len(result.banks)} bank(s) valid, {errors} error(s), {warnings} warning(s)", err=True
    )
    sys.exit(EXIT_PROBLEMS if result.failed(strict) else 0)


@cli.command("list")
@click.pass_obj
def list_banks(root: Path) -> None:
    """Show each valid bank: id, title, language, questions per type, source coverage."""
    from quizgen.check.coverage_table import bank_table
    from quizgen.project import load_project

    result = load_project(root)
    click.echo(bank_table(result.banks))
    if result.problems:
        _echo_problems(result.problems)
        sys.exit(EXIT_PROBLEMS if result.failed(strict=False) else 0)


@cli.command()
@click.argument("bank")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the report (default: output/teacher/BANK/BANK-coverage.html).",
)
@click.pass_obj
def coverage(root: Path, bank: str, output: Path | None) -> None:
    """Write an HTML report of the source text: what each question quotes, what none does."""
    from quizgen.coverage_report import coverage_report

    path, report = coverage_report(root, bank, output)
    click.echo(f"wrote {os.path.relpath(path)}")
    quoted = report.sentences - len(report.uncovered)
    click.echo(
        f"{quoted} of {report.sentences} sentence(s) quoted, {len(report.uncovered)} not", err=True
    )


@cli.command()
@click.argument("banks", nargs=-1)
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="TARGETS",
    help="Comma-separated targets to build (default: all).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Output folder (relative to the project).",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--variants",
    type=click.IntRange(1, MAX_VARIANTS),
    default=1,
    show_default=True,
    help="Worksheet variants A, B, … with their own question and choice order.",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Seed for the variants' order."
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default="a4",
    show_default=True,
)
@click.option(
    "--jobs",
    type=click.IntRange(1),
    default=None,
    help="Banks read and PDFs rendered at once (default: all cores).",
)
@click.option(
    "--combine", is_flag=True, help="Also write output/quizgen.apkg with every bank as a sub-deck."
)
@click.option(
    "--combine-deck",
    default="quizgen",
    show_default=True,
    metavar="NAME",
    help="Parent deck of the banks in output/quizgen.apkg.",
)
@click.option(
    "--roster",
    type=click.Path(),  # a text: click makes "" the current folder as a Path
    default=None,
    metavar="FILE",
    help="Class list (CSV or text: name, class): one named worksheet per student, in "
    "output/teacher/.",
)
@click.option(
    "--force", is_flag=True, help="Make every output again, even those whose inputs are unchanged."
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Show no progress (a bar on a terminal, lines in a log)."
)
@click.pass_obj
def build(
    root: Path,
    banks: tuple[str, ...],
    only: tuple[str, ...],
    out: Path,
    strict: bool,
    variants: int,
    seed: int,
    paper: str,
    jobs: int | None,
    combine: bool,
    combine_deck: str,
    roster: str | None,
    force: bool,
    quiet: bool,
) -> None:
    """Build every output of every valid bank into the output folder.

    Outputs whose inputs (bank, source text, templates, options, quizgen) have not changed since
    the last build are left as they are; --force makes them all again.
    """
    from quizgen.build import build as run_build
    from quizgen.progress import Progress, mode_for

    given = {
        "only": list(only),
        "out": str(out),
        "strict": strict,
        "variants": variants,
        "seed": seed,
        "paper": paper,
        "jobs": jobs,
        "combine": combine,
        "combine_deck": combine_deck,
    }
    # the core applies quizgen.toml itself (as it does for a library caller): pass what was typed
    ctx = click.get_current_context()
    typed = {
        name: value
        for name, value in given.items()
        if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE
    }
    if roster is not None:  # read and checked before any bank is: its errors come first
        from quizgen.targets.pdf.roster import read_roster

        typed["roster"] = read_roster(roster)
    progress = Progress(mode_for(sys.stderr, quiet))
    report = run_build(root, banks, typed, force=force, progress=progress)
    _echo_problems(report.problems)
    for path in report.written:
        click.echo(f"wrote {os.path.relpath(path)}")
    click.echo(_summary(report), err=True)
    sys.exit(EXIT_PROBLEMS if report.failed() else 0)


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--language", default=None, help="The text's language: de or en (default: guessed).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The bank file to write (default: questions/draft.yaml in the project).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_obj
def draft(root: Path, source: Path, language: str | None, output: Path | None, force: bool) -> None:
    """Draft candidate questions from a source text, for you to curate into a bank."""
    from quizgen.draft.command import draft_bank

    report = draft_bank(root, source, language, output, force)
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(report.kinds.items()))
    click.echo(f"wrote {os.path.relpath(report.path)}")
    click.echo(
        f"{report.candidates} candidate(s) from {report.sentences} sentence(s) ({kinds}); "
        "read them, delete or edit, and remove each 'draft: true'",
        err=True,
    )


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free one).",
)
@click.option("--only", multiple=True, metavar="TARGETS", help="Comma-separated targets to build.")
@click.pass_obj
def serve(root: Path, port: int, only: tuple[str, ...]) -> None:
    """Build, serve the output folder on 127.0.0.1, rebuild and reload on every change."""
    from quizgen.progress import Progress, mode_for
    from quizgen.serve import LiveSite, Outcome

    def said(outcome: Outcome) -> None:
        if outcome.report is None:
            click.echo(outcome.error, err=True)
            return
        _echo_problems(outcome.report.problems)
        click.echo(f"{_summary(outcome.report)} ({outcome.seconds:.2f} s)", err=True)
        if outcome.report.failed():
            click.echo("the pages show the last good output, and the problems above", err=True)

    site = LiveSite(
        root, port, {"only": list(only)} if only else {}, Progress(mode_for(sys.stderr, False))
    )
    try:
        said(site.rebuild())
        site.start()
        click.echo(f"serving {site.url} (Ctrl+C stops)", err=True)
        site.watch(said)
    except KeyboardInterrupt:
        click.echo("stopped serving", err=True)
    finally:
        site.close()


def _summary(report: BuildReport) -> str:
    """Return the build's last line: what it wrote, and what it left as it was."""
    kept = f"{report.up_to_date} file(s) up to date"
    if not report.written and not report.unchanged and report.up_to_date:
        return f"nothing to do: {kept} for {report.banks} bank(s) (--force makes them again)"
    parts = [f"built {report.remade} bank(s), {len(report.written)} file(s)"]
    if report.unchanged:
        parts.append(f"{report.unchanged} made again unchanged")
    if report.up_to_date:
        parts.append(kept)
    return "; ".join(parts)


@cli.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.pass_obj
def init(root: Path, folder: Path | None) -> None:
    """Make a new project in FOLDER (default: the project folder): questions/, seeds/, a
    commented quizgen.toml and a .gitignore. Overwrites nothing."""
    from quizgen.authoring.config_template import config_template
    from quizgen.authoring.project_files import make_project, next_steps

    kinds = {name: _option_kinds(command) for name, command in cli.commands.items()}
    made = make_project(folder or root, config_template(cli.commands, kinds))
    click.echo("\n".join(next_steps(made, os.path.relpath(made.root))))


@cli.command()
@click.argument("bank")
@click.option("--source", required=True, metavar="PATH", help="The text the bank quotes.")
@click.option(
    "--language", metavar="TAG", help="The bank's language (default: German or English, guessed)."
)
@click.pass_obj
def new(root: Path, bank: str, source: str, language: str | None) -> None:
    """Write questions/BANK.yaml: a commented starter bank, one example of every question type
    drawn from the source text, valid as written."""
    from quizgen.authoring.starter import describe, write_starter_bank

    for line, to_stderr in describe(write_starter_bank(root, bank, source, language)):
        click.echo(line, err=to_stderr)


def main() -> None:
    """Run the CLI (the console script's entry point)."""
    try:
        cli(prog_name="quizgen")
    finally:
        # the process ends: what it holds is freed as it exits, without the cyclic collector
        # looking through all of it first (a fifth of a second after a 10,000-question build)
        gc.freeze()
