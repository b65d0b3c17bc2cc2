"""The command line: each command builds Settings, calls one public function, prints.

Exit codes: 0 success (files that could not be read are reported on stderr and skipped; one
readable article for ``compare`` is said on stderr to have nothing to compare it with);
1 ``check`` found a quotation at or above --fail-on; 2 usage error (an output folder that does not
exist among them), bad settings, or nothing readable at all.
"""

from __future__ import annotations

import logging
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperCommand
from typer.core import _click as click_core

from quotedrift import __version__
from quotedrift.config import Settings, load_settings
from quotedrift.errors import NoArticlesError, QuotedriftError
from quotedrift.read.folders import MISSING
from quotedrift.records import Problem, Report
from quotedrift.report.terminal import printable
from quotedrift.run import pipeline
from quotedrift.run.output import refuse_input_as_output, write_atomic
from quotedrift.run.progress import StageProgress

if TYPE_CHECKING:
    from quotedrift.run.check import CheckResult

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
HelpFormatter = click_core.HelpFormatter

app = typer.Typer(
    name="quotedrift",
    help="Find how quotations drift as a news story is rewritten across outlets.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
log = logging.getLogger("quotedrift")


class _PlainCommand(TyperCommand):
    """Usage lines and argument rows as ``DRAFT [SOURCE]...``: typer would write ``{draft}`` and
    ``<list[Path]>``, which read as syntax to type."""

    def collect_usage_pieces(self, ctx: click_core.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(param.metavar or (param.name or "").upper())
        return pieces

    def format_options(self, ctx: click_core.Context, formatter: HelpFormatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                help_text = getattr(param, "help", None) or ""
                arguments.append((param.metavar or (param.name or "").upper(), help_text))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"quotedrift {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Find how quotations drift as a news story is rewritten across outlets."""


class ExtractFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


class CompareFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    html = "html"


PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Article files or folders (searched recursively): .txt, .md, .html, .json, .jsonl, "
        ".docx, .pdf.",
        metavar="PATH...",
        show_default=False,
    ),
]


def _output_folder_exists(output: Path | None) -> Path | None:
    # Checked before any work: a run of minutes should not end on a folder that is not there.
    if output is not None and not output.parent.is_dir():
        raise typer.BadParameter(
            f"cannot write {output}: the folder {output.parent} does not exist"
        )
    return output


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        callback=_output_folder_exists,
        help="Write to this file (atomically) instead of stdout; its extension (.html, .md, "
        ".csv, .json, .jsonl, .txt) picks the format when --format is not given.",
    ),
]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Log detail on stderr.")]
OrderOpt = Annotated[
    str | None,
    typer.Option(
        "--order",
        metavar="ORDER",
        help="severity (default): most severe statements first | original: the original's order.",
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE", help="Settings file (default ./quotedrift.toml)."),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="DIR",
        help="Local sentence-transformers model folder (default: the bundled all-MiniLM-L6-v2).",
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", help="Do not read or write the vector and extraction caches."),
]
EngineOpt = Annotated[
    str | None,
    typer.Option(
        "--engine",
        metavar="ENGINE",
        help="local (default) | ray: where extraction and embedding run.",
    ),
]
RayAddressOpt = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        metavar="ADDRESS",
        help="Ray cluster to join with --engine ray (default: start a local one).",
    ),
]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        metavar="DIR",
        help="Cache folder (default: the user cache, or $QUOTEDRIFT_CACHE).",
    ),
]
ProcessesOpt = Annotated[
    int | None,
    typer.Option(
        "--processes", metavar="N", help="Worker processes for extraction (0: one per core)."
    ),
]


class _PrintableFormatter(logging.Formatter):
    """Log lines with control characters shown, not obeyed (report/terminal.py)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        _PrintableFormatter("%(message)s" if not verbose else "%(levelname)s %(name)s: %(message)s")
    )
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, handlers=[handler], force=True
    )
    noisy_loggers = ("sentence_transformers", "transformers", "urllib3", "trafilatura", "htmldate")
    # pypdf warns about every repairable flaw of a PDF; a file that fails is reported once.
    for noisy in (*noisy_loggers, "pypdf"):
        logging.getLogger(noisy).setLevel(logging.ERROR if not verbose else logging.INFO)


def _one_line(text: str) -> str:
    # A file name may hold a newline or an escape sequence; each problem must stay one line.
    return printable(text, one_line=True)


def _problem_line(p: Problem) -> str:
    if p.message == MISSING:
        return f"{MISSING}: {_one_line(p.path)}"
    return f"{_one_line(p.path)}: {_one_line(p.message)}"


def _report_problems(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for p in problems:
        typer.echo(f"warning: {_problem_line(p)}", err=True)


def _terminal_width() -> int | None:
    """Columns to fit the table to: $COLUMNS, else the terminal's; None off a terminal (a file
    or a pipe gets the full table)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        try:
            return os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError):
            return None
    return None


def _chosen_format(fmt: StrEnum | None, output: Path | None, allowed: tuple[str, ...]) -> str:
    """--format when given, else what the output file's extension asks for, else the default:
    a table (in a terminal, for extract; JSONL otherwise)."""
    from quotedrift.report.formats import format_for_output

    if fmt is not None:
        return str(fmt.value)
    terminal = output is None and sys.stdout.isatty()
    default = "table" if "markdown" in allowed or terminal else "jsonl"
    return default if output is None else format_for_output(output.name, allowed, default)


def _emit(text: str, output: Path | None, fmt: str) -> None:
    if fmt == "table":  # the one format meant for a person's eyes, not a program's
        text = printable(text)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    else:
        write_atomic(output, text)
        typer.echo(f"wrote {_one_line(str(output))}", err=True)


def _fail(exc: BaseException, verbose: bool) -> typer.Exit:
    if verbose:
        log.exception("failed")
    problems = getattr(exc, "problems", ()) if isinstance(exc, NoArticlesError) else ()
    if len(problems) > 1:  # one problem is the message itself
        _report_problems([p for p in problems if isinstance(p, Problem)])
    typer.echo(f"Error: {_one_line(str(exc))}", err=True)
    return typer.Exit(EXIT_USAGE)


def _width_for(output: Path | None) -> int | None:
    return None if output is not None else _terminal_width()


def _settings(config: Path | None, **overrides: object) -> Settings:
    return load_settings(config, **overrides)


@app.command(cls=_PlainCommand)
def extract(
    paths: PathsArg,
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table (default in a terminal) | jsonl | json | csv.",
        ),
    ] = None,
    output: OutputOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    engine: EngineOpt = None,
    ray_address: RayAddressOpt = None,
    processes: ProcessesOpt = None,
    config: ConfigOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Show each quotation, its kind, speaker and cue (stages 1-3), with offsets into the file.

    Examples:

      quotedrift extract data/story

      quotedrift extract article.html --format jsonl > quotes.jsonl

      quotedrift extract press_release.pdf draft.docx -o quotes.csv
    """
    from quotedrift.report.extraction import render_extraction

    _setup_logging(verbose)
    try:
        settings = _settings(
            config,
            cache=False if no_cache else None,
            cache_dir=cache_dir,
            engine=engine,
            ray_address=ray_address,
            processes=processes,
            verbose=verbose,
        )
        if output is not None:
            refuse_input_as_output(output, paths)
        with StageProgress(2, verbose=verbose) as progress:
            result = pipeline.extract(paths, settings, progress=progress)
        chosen = _chosen_format(fmt, output, tuple(ExtractFormat))
        _report_problems(result.problems)
        _emit(render_extraction(result.extractions, chosen), output, chosen)  # type: ignore[arg-type]
    except (QuotedriftError, OSError) as exc:
        raise _fail(exc, verbose) from None


FormatOpt = Annotated[
    CompareFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table | markdown | csv | json | html (default: by the --output extension, else "
        "table).",
        show_default=False,
    ),
]

ReferenceOpt = Annotated[
    str | None,
    typer.Option(
        "--reference",
        "-r",
        metavar="ARTICLE|OUTLET|WIRE",
        help="Article (id or file name), outlet or wire credit (as the report shows it, "
        "e.g. AFP) to take as the original.",
    ),
]
StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store",
        metavar="FILE",
        help="SQLite archive: only new articles are processed; the report covers every "
        "stored article.",
    ),
]


@app.command(cls=_PlainCommand)
def compare(
    paths: PathsArg,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    reference: ReferenceOpt = None,
    model: ModelOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    store: StoreOpt = None,
    engine: EngineOpt = None,
    ray_address: RayAddressOpt = None,
    processes: ProcessesOpt = None,
    order: OrderOpt = None,
    config: ConfigOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Align every speaker's statements across the articles and show how each version drifted.

    Examples:

      quotedrift compare data/story

      quotedrift compare wires/ rewrites/ --reference AFP -o drift.html

    With one readable article there is nothing to compare: a line on stderr says so (exit 0).
    """
    _setup_logging(verbose)
    try:
        settings = _settings(
            config,
            reference=reference,
            model=model,
            cache=False if no_cache else None,
            cache_dir=cache_dir,
            store=store,
            engine=engine,
            ray_address=ray_address,
            processes=processes,
            order=order,
            verbose=verbose,
        )
        chosen = _chosen_format(fmt, output, tuple(CompareFormat))
        if output is not None:
            refuse_input_as_output(output, paths)
        with StageProgress(7, verbose=verbose) as progress:
            report = pipeline.compare(paths, settings, progress=progress)
        _report_problems(report.problems)
        _emit_compare(report, chosen, output, settings.order)
    except (QuotedriftError, OSError) as exc:
        raise _fail(exc, verbose) from None


def _emit_compare(report: Report, chosen: str, output: Path | None, order: str) -> None:
    """The report in the chosen format; with one article only, a line on stderr instead (there
    is nothing to compare it with)."""
    from quotedrift.report.text import render_report

    if len(report.articles) == 1:
        only = report.articles[0].path
        typer.echo(f"only one article ({_one_line(only)}): nothing to compare it with", err=True)
        return
    text = render_report(
        report,
        chosen,  # type: ignore[arg-type]
        order,
        width=_width_for(output),
    )
    _emit(text, output, chosen)


# The check command's own arguments and options.
DraftArg = Annotated[
    Path, typer.Argument(help="The article to check before publication.", metavar="DRAFT")
]
MoreSourcesArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="More source documents, after the first --against (the draft comes first).",
        metavar="[SOURCE]...",
        show_default=False,
    ),
]
AgainstOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--against",
        "-a",
        metavar="SOURCE",
        help="Source documents: wire copy, transcripts, statements (--against A B, or "
        "repeat the option).",
    ),
]
FailOnOpt = Annotated[
    str,
    typer.Option(
        "--fail-on",
        metavar="TIER",
        help="Fail on quotations at or above this tier (verbatim, typographic, excerpt, "
        "reworded, paraphrased, meaning_changed, attribution_changed, unsupported); words never "
        "said and changed meanings or speakers fail at any tier.",
    ),
]
SpeakerOpt = Annotated[
    str | None,
    typer.Option(
        "--speaker",
        metavar="NAME",
        help="Sources are this person's own words (a transcript); a "
        "source may instead start with a line 'speaker: NAME'.",
    ),
]


@app.command(cls=_PlainCommand)
def check(
    draft: DraftArg,
    more_sources: MoreSourcesArg = None,
    against: AgainstOpt = None,
    fail_on: FailOnOpt = "paraphrased",
    speaker: SpeakerOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    model: ModelOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    processes: ProcessesOpt = None,
    order: OrderOpt = None,
    config: ConfigOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Check a draft's quotations against its sources; exit 1 when one fails.

    Only the problems are printed; a clean draft gets one line saying what was checked. A
    quotation fails when it reaches --fail-on, changes meaning (a number, negation, name or
    hedge), has words inside its quotation marks that the speaker never said, or credits the
    words to someone else. Reported speech is not judged.

    Examples:

      quotedrift check draft.docx --against wire.txt statement.pdf

      quotedrift check draft.md --against transcript.txt --speaker "Mara Lind" --fail-on reworded
    """
    from quotedrift.run.check import check as run_check

    _setup_logging(verbose)
    sources = [*(against or []), *(more_sources or [])]
    if not sources:
        typer.echo("Error: give the source documents: --against SOURCE [SOURCE]...", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        chosen = _chosen_format(fmt, output, tuple(CompareFormat))
        settings = _settings(
            config,
            fail_on=fail_on,
            model=model,
            cache=False if no_cache else None,
            cache_dir=cache_dir,
            processes=processes,
            order=order,
            verbose=verbose,
        )
        if output is not None:
            refuse_input_as_output(output, [draft, *sources])
        with StageProgress(7, verbose=verbose) as progress:
            result = run_check(draft, sources, settings, speaker=speaker, progress=progress)
        _report_problems(result.report.problems)
        _emit_check(result, draft, chosen, output, settings.order)
    except (QuotedriftError, OSError) as exc:
        raise _fail(exc, verbose) from None
    if result.failures:
        raise typer.Exit(EXIT_PROBLEMS)


def _emit_check(
    result: CheckResult, draft: Path, chosen: str, output: Path | None, order: str = "severity"
) -> None:
    """The failing quotations in the chosen format, and the summary line on stderr; a clean
    draft's table or Markdown is the summary line itself (there is nothing to tabulate)."""
    from quotedrift.report.text import render_report

    summary = f"{_one_line(str(draft))}: {result.summary}"
    if not result.failures and chosen in ("table", "markdown"):
        _emit(summary + "\n", output, chosen)
        if output is None:
            return
    else:
        text = render_report(
            result.report,
            chosen,  # type: ignore[arg-type]
            order,
            width=_width_for(output),
        )
        _emit(text, output, chosen)
    typer.echo(summary, err=True)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
