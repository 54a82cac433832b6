"""`thads-tui` entry point: the reader, and the extract / search / export / import sub-commands.

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

SUBCOMMANDS = ("extract", "search", "export", "import")


def default_db_path() -> Path:
    env = os.environ.get("THADS_TUI_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("thads-tui", appauthor=False)) / "annotations.json"


class UserError(Exception):
    """Something the user can fix; printed as one line."""


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="FILE", type=Path, default=None,
        help="annotations file (bookmarks and notes); default: %s" % default_db_path(),
    )


def _reader_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="thads-tui",
        description="Offline terminal reader for Vietnamese civil judgment enforcement (THADS) "
        "articles. With no PATH it opens the bundled articles.",
        epilog="sub-commands: thads-tui {extract,search,export,import} --help",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (.txt, .md; folders are read recursively)")
    _db_option(p)
    p.add_argument("--fresh-db", action="store_true", help="if the annotations file is corrupt, keep its backup and start a new empty one")
    p.add_argument("--version", action="version", version=f"thads-tui {__version__}")
    return p


def _sub_parser(name: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"thads-tui {name}")
    if name == "extract":
        p.description = "Print the entities and figures of articles (default: the bundled ones)."
        p.add_argument("paths", nargs="*", metavar="PATH")
        p.add_argument("--json", action="store_true", help="machine-readable output (the gold schema's field names)")
    elif name == "search":
        p.description = "Search articles, ignoring accents and case (`thanh hoa` finds `Thanh Hóa`)."
        p.add_argument("query")
        p.add_argument("paths", nargs="*", metavar="PATH")
        p.add_argument("--json", action="store_true")
        p.add_argument("--limit", type=_positive, default=20, help="how many results at most (default 20)")
    elif name == "export":
        p.description = "Export bookmarks and notes with citations."
        p.add_argument("--format", choices=("md", "json", "csv"), default="md")
        p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
        _db_option(p)
    elif name == "import":
        p.description = "Merge bookmarks and notes from a JSON export (no duplicates)."
        p.add_argument("file", type=Path)
        _db_option(p)
    return p


def _load_corpus(paths: list[str]):
    from .corpus import Corpus

    corpus = Corpus(paths or None)
    corpus.load()
    for problem in corpus.problems:
        print(f"thads-tui: {problem}", file=sys.stderr)
    if not len(corpus) and not corpus.problems:  # nothing skipped, nothing found: say why it is empty
        if not paths:
            raise UserError("the bundled articles are missing from this installation")
        print("thads-tui: no readable articles (.txt, .md) in " + ", ".join(map(str, paths)), file=sys.stderr)
    return corpus


def cmd_extract(args) -> int:
    from .analysis import article_record
    from .corpus import newest_first

    corpus = _load_corpus(args.paths)
    records = [article_record(a) for a in corpus]
    if args.json:
        json.dump({"articles": records}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for a, rec in zip(corpus, records):
        print(f"{a.title}\n  {a.date or 'no date'} · {a.source or 'no source'} · {a.path}")
        for e in rec["entities"]:
            extra = f" → {e['canonical']}" if e["canonical"] != e["text"] else ""
            print(f"  {e['type']:<10} {e['text']}{extra}  ×{e['count']}")
        for f in rec["figures"]:
            print(f"  {'FIGURE':<10} {f['text']} = {f['value']:g} {f['unit']}")
        print()
    return 0


def cmd_search(args) -> int:
    from .corpus.search import search_json

    corpus = _load_corpus(args.paths)
    result = search_json(list(corpus), args.query, limit=args.limit)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if result.get("error"):
        print(f"thads-tui: {result['error']}", file=sys.stderr)
    if not result["results"]:
        print("no results")
    for r in result["results"]:
        print(f"{r['score']:6.2f}  {r['date'] or '----------'}  {r['title']}")
        for s in r["snippets"][:2]:
            print(f"        …{s}…")
    return 0


def _open_annotations(db: Path | None, *, fresh: bool = False, read_only: bool = False):
    from .store import Annotations

    ann = Annotations(db or default_db_path(), read_only=read_only)
    problem = ann.problem
    if problem and fresh:
        ann.start_fresh()
        problem = None
    return ann, problem


def cmd_export(args) -> int:
    from .store import export_annotations

    db = args.db or default_db_path()
    if not db.exists():
        raise UserError(f"no annotations yet: {db} does not exist")
    ann, problem = _open_annotations(db, read_only=True)
    if problem:  # export what could be read, but say so and fail: a script must not take it as whole
        print(f"thads-tui: {problem} The export below holds only what could be read.", file=sys.stderr)
    text = export_annotations(ann, args.format)
    if args.output:
        # Spreadsheet programs only read a CSV as UTF-8 when it starts with a BOM.
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        args.output.write_text(text, encoding=encoding)
        print(f"wrote {args.output}", file=sys.stderr)
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
    print(f"{summary} ({ann.path})")
    return 0


def cmd_read(args) -> int:
    from .ui.app import create_app

    db = args.db or default_db_path()
    if args.fresh_db:
        ann, problem = _open_annotations(db, fresh=True)
        ann.close()
    app = create_app(args.paths or None, db)
    app.run()
    return getattr(app, "return_code", 0) or 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "index":  # the corpus catalogue's own command (corpus/catalog/cli.py)
        from .corpus.catalog.cli import run

        return run(argv[1:])
    if argv and argv[0] in SUBCOMMANDS:
        name = argv[0]
        args = _sub_parser(name).parse_args(argv[1:])
        handler = {"extract": cmd_extract, "search": cmd_search, "export": cmd_export, "import": cmd_import}[name]
    else:
        args = _reader_parser().parse_args(argv)
        handler = cmd_read
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except UserError as err:
        print(f"thads-tui: {err}", file=sys.stderr)
        return 1
    except Exception as err:  # the last line of defence: one sentence, no trace
        if os.environ.get("THADS_TUI_DEBUG"):
            raise
        print(f"thads-tui: {_describe(err)}", file=sys.stderr)
        return 1


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
