"""The command line: each command builds Settings, calls one public function, prints.

Exit codes: 0 success (files that could not be read are reported on stderr and skipped);
1 ``check`` found a quotation at or above --fail-on; 2 usage error, bad settings, or nothing
readable at all.
"""

from __future__ import annotations

import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from quotedrift.config import Settings, load_settings
from quotedrift.errors import QuotedriftError
from quotedrift.records import Problem
from quotedrift.run import pipeline
from quotedrift.run.output import write_atomic
from quotedrift.run.progress import StageProgress

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="quotedrift",
    help="Find how quotations drift as a news story is rewritten across outlets.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
log = logging.getLogger("quotedrift")


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
    list[Path], typer.Argument(help="Article files or folders (searched recursively).")
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Log detail on stderr.")]
OrderOpt = Annotated[
    str | None,
    typer.Option(
        "--order",
        help="severity (default): most severe statements first | original: the original's order.",
    ),
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="Settings file (default ./quotedrift.toml).")
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="Local sentence-transformers model folder (default: the bundled all-MiniLM-L6-v2).",
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", help="Do not read or write the vector and extraction caches."),
]
EngineOpt = Annotated[
    str | None,
    typer.Option("--engine", help="local (default) | ray: where extraction and embedding run."),
]
RayAddressOpt = Annotated[
    str | None,
    typer.Option(
        "--ray-address", help="Ray cluster to join with --engine ray (default: start a local one)."
    ),
]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir", help="Cache folder (default: the user cache, or $QUOTEDRIFT_CACHE)."
    ),
]
ProcessesOpt = Annotated[
    int | None,
    typer.Option("--processes", help="Worker processes for extraction (0: one per core)."),
]


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(message)s" if not verbose else "%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    for noisy in ("sentence_transformers", "transformers", "urllib3", "trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.ERROR if not verbose else logging.INFO)


def _one_line(text: str) -> str:
    # A file name may hold a newline; each problem must stay on one line of stderr.
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _report_problems(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for p in problems:
        typer.echo(f"warning: {_one_line(p.path)}: {_one_line(p.message)}", err=True)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    else:
        write_atomic(output, text)
        typer.echo(f"wrote {output}", err=True)


def _fail(exc: BaseException, verbose: bool) -> typer.Exit:
    if verbose:
        log.exception("failed")
    typer.echo(f"Error: {exc}", err=True)
    return typer.Exit(EXIT_USAGE)


def _settings(config: Path | None, **overrides: object) -> Settings:
    return load_settings(config, **overrides)


@app.command()
def extract(
    paths: PathsArg,
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option("--format", "-f", help="table (default in a terminal) | jsonl | json | csv."),
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
    """
    from quotedrift.report.text import render_extraction

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
        with StageProgress(2, verbose=verbose) as progress:
            result = pipeline.extract(paths, settings, progress=progress)
        chosen = fmt.value if fmt else ("table" if sys.stdout.isatty() else "jsonl")
        _report_problems(result.problems)
        _emit(render_extraction(result.extractions, chosen), output)  # type: ignore[arg-type]
    except (QuotedriftError, OSError) as exc:
        raise _fail(exc, verbose) from None


@app.command()
def compare(
    paths: PathsArg,
    fmt: Annotated[
        CompareFormat,
        typer.Option("--format", "-f", help="table | markdown | csv | json | html."),
    ] = CompareFormat.table,
    output: OutputOpt = None,
    reference: Annotated[
        str | None,
        typer.Option(
            "--reference", "-r", help="Article (id or file name) or outlet to take as original."
        ),
    ] = None,
    model: ModelOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="SQLite archive: only new articles are processed; the report covers every "
            "stored article.",
        ),
    ] = None,
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

      quotedrift compare wires/ rewrites/ --reference AFP --format html -o drift.html
    """
    from quotedrift.report.text import render_report

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
        with StageProgress(7, verbose=verbose) as progress:
            report = pipeline.compare(paths, settings, progress=progress)
        _report_problems(report.problems)
        _emit(render_report(report, fmt.value, settings.order), output)  # type: ignore[arg-type]
    except (QuotedriftError, OSError) as exc:
        raise _fail(exc, verbose) from None


@app.command()
def check(
    draft: Annotated[Path, typer.Argument(help="The article to check before publication.")],
    against: Annotated[
        list[Path],
        typer.Option(
            "--against",
            "-a",
            help="Source documents: wire copy, transcripts, "
            "statements (repeat the option for several).",
        ),
    ],
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="Fail on quotations at or above this tier (verbatim, typographic, excerpt, "
            "reworded, paraphrased, meaning_changed, attribution_changed, unsupported); words "
            "never said and changed meanings or speakers fail at any tier.",
        ),
    ] = "paraphrased",
    speaker: Annotated[
        str | None,
        typer.Option(
            "--speaker",
            help="Sources are this person's own words (a transcript); a "
            "source may instead start with a line 'speaker: NAME'.",
        ),
    ] = None,
    fmt: Annotated[
        CompareFormat,
        typer.Option("--format", "-f", help="table | markdown | csv | json | html."),
    ] = CompareFormat.table,
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

    Only the problems are printed. A quotation fails when it reaches --fail-on, changes meaning
    (a number, negation, name or hedge), has words inside its quotation marks that the speaker
    never said, or credits the words to someone else. Reported speech is not judged.

    Examples:

      quotedrift check draft.txt --against wire.txt

      quotedrift check draft.md --against transcript.txt --speaker "Mara Lind" --fail-on reworded
    """
    from quotedrift.report.text import render_report
    from quotedrift.run.check import check as run_check

    _setup_logging(verbose)
    try:
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
        with StageProgress(7, verbose=verbose) as progress:
            result = run_check(draft, against, settings, speaker=speaker, progress=progress)
        _report_problems(result.report.problems)
        _emit(
            render_report(result.report, fmt.value, settings.order),  # type: ignore[arg-type]
            output,
        )
    except (QuotedriftError, OSError) as exc:
        raise _fail(exc, verbose) from None
    if result.failures:
        typer.echo(
            f"{len(result.failures)} quotation(s) in {draft} fail the check "
            f"(--fail-on {result.fail_on}).",
            err=True,
        )
        raise typer.Exit(EXIT_PROBLEMS)
    typer.echo(f"{draft}: no quotation reaches {result.fail_on}.", err=True)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
