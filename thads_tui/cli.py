"""`thads-tui` entry point: the reader, and the index / extract / search / export / import sub-commands.

Every failure a user can cause ends in one line on stderr and a non-zero exit, never a trace
(set THADS_TUI_DEBUG=1 to see one).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .textsafe import has_surrogates, one_line, printable

SUBCOMMANDS = ("extract", "search", "export", "import")


def default_db_path() -> Path:
    env = os.environ.get("THADS_TUI_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("thads-tui", appauthor=False)) / "annotations.json"


class UserError(Exception):
    """Something the user can fix; printed as one line. `code` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def _size(text: str) -> int:
    from .corpus.decode import parse_size

    try:
        return parse_size(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


class _Parser(argparse.ArgumentParser):
    """argparse's, but the error it prints quotes the arguments printable: `thads-tui search
    '-\x1b]0;t\x07'` echoed the escape sequence in its usage error, and the terminal obeyed it."""

    def error(self, message: str):
        super().error(printable(message))


def _global_options() -> argparse.ArgumentParser:
    """Options every command takes, before or after the sub-command's name."""
    from .corpus.decode import LIMIT_SETTING

    p = _Parser(add_help=False, allow_abbrev=False)
    p.add_argument("--db", metavar="FILE", type=Path, default=None,
                   help="annotations file (bookmarks and notes); default: %s" % default_db_path())
    p.add_argument("--max-file-size", metavar="SIZE", type=_size, default=None,
                   help=f"skip article files larger than this (bytes, or e.g. 5MiB, 800kB; default 5MiB; "
                   f"also the {LIMIT_SETTING} setting)")
    return p


def _reader_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="thads-tui", parents=[_global_options()],
        description="Offline terminal reader for Vietnamese civil judgment enforcement (THADS) "
        "articles. With no PATH it opens the bundled articles.",
        epilog="sub-commands: thads-tui {index,extract,search,export,import} --help",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders, read recursively: .txt, .md, .html, .docx, .pdf, .jsonl/.json dumps")
    p.add_argument("--fresh-db", action="store_true", help="if the annotations file is corrupt, keep its backup and start a new empty one")
    p.add_argument("--no-cache", action="store_true", help="keep the corpus catalogue in memory only "
                   "(default: kept in the user cache folder, so the next launch opens at once)")
    p.add_argument("--theme", metavar="NAME", help="colour theme for this run, e.g. textual-light (default: the saved one)")
    p.add_argument("--version", action="version", version=f"thads-tui {__version__}")
    return p


def _extract_parser(p: argparse.ArgumentParser) -> None:
    p.description = "Print the entities and figures of articles (default: the bundled ones)."
    p.add_argument("paths", nargs="*", metavar="PATH")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON document (the gold schema's field names)")
    out.add_argument("--jsonl", action="store_true", help="one JSON object per article and line, as each is done")


def _search_parser(p: argparse.ArgumentParser) -> None:
    p.description = "Search articles, ignoring accents and case (`thanh hoa` finds `Thanh Hóa`)."
    p.add_argument("query")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=_positive, default=20, help="how many results at most (default 20)")
    p.add_argument("--no-cache", action="store_true", help="search a catalogue built in memory (nothing kept)")


def _export_parser(p: argparse.ArgumentParser) -> None:
    p.description = "Export bookmarks and notes with citations."
    p.add_argument("--format", choices=("md", "json", "csv"), default="md")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output); never "
                   "the annotations file, a link or a special file")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")


def _import_parser(p: argparse.ArgumentParser) -> None:
    p.description = "Merge bookmarks and notes from a JSON export (no duplicates)."
    p.add_argument("file", type=Path)


_SUB_PARSERS = {"extract": _extract_parser, "search": _search_parser, "export": _export_parser,
                "import": _import_parser}


def _sub_parser(name: str) -> argparse.ArgumentParser:
    p = _Parser(prog=f"thads-tui {name}", parents=[_global_options()])
    _SUB_PARSERS[name](p)
    return p


def parse(argv: list[str]):
    """(handler, args). Global options (`--db`, `--max-file-size`) may come before or after the
    sub-command: `thads-tui --db X export` and `thads-tui export --db X` are the same."""
    head, dashes, tail = _split_dashes(argv)
    first, rest = _global_options().parse_known_args(head)
    if rest and rest[0] in SUBCOMMANDS:
        name = rest[0]
        args = _sub_parser(name).parse_args(rest[1:] + dashes + tail)
        handler = HANDLERS[name]
    else:
        args = _reader_parser().parse_args(rest + dashes + tail)
        handler = cmd_read
    for option in ("db", "max_file_size"):
        if getattr(args, option) is None:
            setattr(args, option, getattr(first, option))
    return handler, args


def _split_dashes(argv: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Options are only looked for before a `--` (after it, everything is a path or a query)."""
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], ["--"], argv[i + 1:]
    return argv, [], []


def _apply_settings(args) -> None:
    from .corpus.decode import LIMIT_SETTING, parse_size

    if args.max_file_size is not None:
        os.environ[LIMIT_SETTING] = str(args.max_file_size)
    elif os.environ.get(LIMIT_SETTING):
        try:
            parse_size(os.environ[LIMIT_SETTING])
        except ValueError as err:
            raise UserError(f"the {LIMIT_SETTING} setting is wrong: {err}", 2) from None


def _say(message: object) -> None:
    """One line on stderr; whatever it quotes (paths, article text) is made printable."""
    print(f"thads-tui: {one_line(message)}", file=sys.stderr)


def _check_paths(paths: list[str]) -> None:
    """A PATH that does not exist is a mistake in the command (exit 2), not an empty result."""
    missing = [p for p in paths if not os.path.lexists(os.path.expanduser(p))]
    if missing:
        raise UserError("no such file or folder: " + ", ".join(missing), 2)


def _corpus(paths: list[str]):
    """The listed (not yet read) corpus; problems found while listing are said at once."""
    from .corpus import Corpus

    _check_paths(paths)
    corpus = Corpus(paths or None)
    for problem in corpus.problems:
        _say(problem)
    if not corpus.paths and not corpus.problems:  # nothing skipped, nothing found: say why it is empty
        if not paths:
            raise UserError("the bundled articles are missing from this installation")
        from .corpus.formats import SUFFIXES

        _say(f"no readable articles ({', '.join(SUFFIXES)}) in " + ", ".join(map(str, paths)))
    return corpus


def _load_corpus(paths: list[str]):
    corpus = _corpus(paths)
    listed = len(corpus.problems)
    corpus.load()
    for problem in corpus.problems[listed:]:
        _say(problem)
    return corpus


def _articles_one_by_one(corpus):
    """Each article of the corpus in turn, read when its turn comes and not kept afterwards
    (a JSON extract of hundreds of large files must not hold them all); the same article under
    a second path is skipped, as `Corpus.load` does."""
    from .corpus import Problem, SkippedFile, read_article

    first_path: dict[str, object] = {}
    for path in corpus.paths:
        try:
            article = read_article(path)
        except SkippedFile as skipped:
            _say(skipped.problem)
            continue
        if article.id in first_path:
            _say(Problem(path, f"same article as {first_path[article.id]}"))
            continue
        first_path[article.id] = path
        yield article


def cmd_extract(args) -> int:
    from .analysis import article_record

    records = (article_record(a) for a in _articles_one_by_one(_corpus(args.paths)))
    if args.jsonl:
        for rec in records:
            sys.stdout.write(_json(rec) + "\n")
            sys.stdout.flush()
        return 0
    if args.json:
        _write_json_stream(records)
        return 0
    for n, rec in enumerate(records):
        if n == 0:
            print("×N: occurrences in the whole file (title and date line too); \"N in the body\": what the"
                  " reader's panels count, when different\n")
        _print_extract_text(rec)
    return 0


def _json(data, indent: int | None = None) -> str:
    """JSON text that can be written as UTF-8: a file name that is not UTF-8 (lone surrogates in
    Python) comes out as \\udcxx escapes, which read back to the very same name."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return json.dumps(data, ensure_ascii=True, indent=indent) if has_surrogates(text) else text


def _write_json_stream(records) -> None:
    """`{"articles": [...]}` written one article at a time, byte for byte what
    `json.dump({"articles": list(records)}, indent=1)` gives, without the list."""
    out = sys.stdout
    out.write('{\n "articles": [')
    sep = "\n"
    for rec in records:
        out.write(sep + "\n".join("  " + line for line in _json(rec, indent=1).split("\n")))
        sep = ",\n"
    out.write("]\n}\n" if sep == "\n" else "\n ]\n}\n")


def _print_extract_text(rec: dict) -> None:
    from .extract.display import figure_line

    say = lambda *parts: print(printable("".join(map(str, parts))))  # noqa: E731 - article text, never raw
    say(one_line(rec["title"]), "\n  ", rec["date"] or "no date", " · ", one_line(rec["source"] or "no source"),
        " · ", one_line(rec["file"]))
    for e in rec["entities"]:
        extra = f" → {one_line(e['canonical'])}" if e["canonical"] != e["text"] else ""
        body = f", {e['body_count']} in the body" if e.get("body_count", e["count"]) != e["count"] else ""
        say(f"  {e['type']:<10} {one_line(e['text'])}{extra}  ×{e['count']}{body}")
    for f in rec["figures"]:
        say(f"  {'FIGURE':<10} {one_line(figure_line(f))}")
        first = (f.get("metric"), f.get("subject"), f.get("period"))
        for r in f.get("readings", ()):  # the same text read another way further on
            if (r["metric"], r["subject"], r["period"]) != first:
                facts = " · ".join(str(x) for x in (r["metric"], r["subject"], r["period"]) if x)
                say(f"  {'':<10} {one_line(f['text'])} at {r['start']}  [{one_line(facts)}]")
    print()


def cmd_search(args) -> int:
    from .corpus.catalog import Catalog
    from .corpus.loader import bundled_seeds

    if has_surrogates(args.query):  # bytes that are not UTF-8 (a terminal in another encoding)
        raise UserError("the query is not valid UTF-8 text; check your terminal's character encoding", 2)
    _check_paths(args.paths)
    cat = Catalog.open(args.paths or [bundled_seeds()], no_cache=args.no_cache, notice=_say)
    try:
        for problem in cat.update().problems:
            _say(problem)
        result = search_record(cat.search(args.query, limit=args.limit, detail=args.limit), args.query)
    finally:
        cat.close()
    if args.json:
        print(_json(result, indent=1))
        return 0
    if result.get("error"):
        _say(result["error"])
    if not result["results"]:
        print("no results")
    for r in result["results"]:
        print(f"{r['score']:6.2f}  {r['date'] or '----------'}  {one_line(r['title'])}")
        for snippet in r["snippets"][:2]:
            print(f"        …{one_line(snippet)}…")
    return 0


def search_record(found, query: str) -> dict:
    """`thads-tui search QUERY --json`: {"query", "error", "notes", "total", "together", "results"};
    each result: file, id, title, date, score, snippets (plain strings), hits ([start, end] in the
    article's NFC text)."""
    return {"query": query, "error": found.error, "notes": list(found.notes), "total": found.total,
            "together": found.together,
            "results": [{"file": r.file, "id": r.id, "title": r.title, "date": r.date, "score": round(r.score, 4),
                         "snippets": [sn.text for sn in r.snippets], "hits": [list(h) for h in r.hits]}
                        for r in found.results]}


def _open_annotations(db: Path | None, *, fresh: bool = False, read_only: bool = False):
    from .store import Annotations

    ann = Annotations(db or default_db_path(), read_only=read_only)
    problem = ann.problem
    if problem and fresh:
        ann.start_fresh()
        problem = None
    return ann, problem


def cmd_export(args) -> int:
    from .store import export_annotations, write_export

    db = args.db or default_db_path()
    if not db.exists():
        raise UserError(f"no annotations yet: {db} does not exist")
    ann, problem = _open_annotations(db, read_only=True)
    if problem:  # export what could be read, but say so and fail: a script must not take it as whole
        _say(f"{problem} The export {'below ' if not args.output else ''}holds only what could be read.")
    text = export_annotations(ann, args.format)
    if args.output:
        # Spreadsheet programs only read a CSV as UTF-8 when it starts with a BOM.
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        written = write_export(text, args.output, annotations=db, force=args.force, encoding=encoding)
        print(f"wrote {one_line(written)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 2 if problem else 0


def cmd_import(args) -> int:
    from .store import import_annotations, read_export

    data = read_export(args.file)
    ann, problem = _open_annotations(args.db)
    if problem:
        raise UserError(problem)
    summary = import_annotations(ann, data)
    print(one_line(f"{summary} ({ann.path})"))
    return 0


def cmd_read(args) -> int:
    from .ui.app import create_app

    db = args.db or default_db_path()
    if args.fresh_db:
        ann, problem = _open_annotations(db, fresh=True)
        ann.close()
    app = create_app(args.paths or None, db, theme=getattr(args, "theme", None), no_cache=args.no_cache)
    app.run()
    return getattr(app, "return_code", 0) or 0


HANDLERS = {"extract": cmd_extract, "search": cmd_search, "export": cmd_export, "import": cmd_import}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "index":  # the corpus catalogue's own command (corpus/catalog/cli.py)
        from .corpus.catalog.cli import run

        return run(argv[1:])
    handler, args = parse(argv)
    try:
        _apply_settings(args)
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except UserError as err:
        _say(err)
        return err.code
    except Exception as err:  # the last line of defence: one sentence, no trace
        if os.environ.get("THADS_TUI_DEBUG"):
            raise
        _say(_describe(err))
        return 1


def _quiet_stdout() -> None:
    """After the reader of our output went away (`| head`), closing stdout must not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _describe(err: Exception) -> str:
    try:
        from .store import AnnotationsError
    except Exception:  # a broken store module must not hide the original error
        AnnotationsError = ()
    if isinstance(err, AnnotationsError):
        return str(err)
    return f"unexpected error ({type(err).__name__}: {err}); rerun with THADS_TUI_DEBUG=1 for details"

if __name__ == "__main__":
    sys.exit(main())
