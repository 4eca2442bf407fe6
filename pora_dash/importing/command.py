"""`python -m pora_dash import FILE --kind persons [--dry-run] [--sheet NAME] [--agency CODE]
[--as USERNAME] [--confirm-matches]`: the importer from the command line.

Same checks as the import page; problems are printed in Indonesian, one per line, with their
row and column. Exit codes: 0 imported (or, with --dry-run, would import), 2 refused input
(nothing written), 1 operational failure (database unreachable, file unreadable from disk).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from pora_dash.access import auth
from pora_dash.access.permissions import can
from pora_dash.config import settings
from pora_dash.i18n import fmt_int, t
from pora_dash.importing import Actor, ImportInputError, import_file, prepare, render
from pora_dash.importing.reading import check_size
from pora_dash.store import db
from pora_dash.store.models import User

SHOWN_PROBLEMS = 200


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="impor daftar CSV/Excel (orang, lokasi, rapat, kejadian)")
    p.add_argument("file", help="berkas .csv atau .xlsx")
    p.add_argument("--kind", required=True, choices=("persons", "sites", "meetings", "incidents"))
    p.add_argument("--dry-run", action="store_true", help="periksa saja, tidak menyimpan")
    p.add_argument("--sheet", default=None, help="nama lembar Excel (bawaan: lembar pertama)")
    p.add_argument("--agency", default=None, help="kode instansi sumber bila tidak ada kolomnya")
    p.add_argument("--as", dest="as_user", default=None, help="impor atas nama pengguna ini")
    p.add_argument(
        "--confirm-matches",
        action="store_true",
        help="terima nama wilayah yang dicocokkan dengan ejaan mirip",
    )
    p.set_defaults(func=run)


def _actor(session, username: str | None):  # type: ignore[no-untyped-def]

    if username is None:
        return Actor("cli")
    user = session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    if user is None or not user.is_active:
        print(f"Pengguna tidak dikenal: {username}", file=sys.stderr)
        return None
    if not can(user.role, "import"):
        print(f"Pengguna {user.username} tidak berhak mengimpor data.", file=sys.stderr)
        return None
    return Actor(user.username, auth.scope_of(session, user))


def _progress(done: int, total: int) -> None:
    print(
        f"Menulis ke basis data: {fmt_int(done)} dari {fmt_int(total)} baris",
        file=sys.stderr,
        flush=True,
    )


def _print_problems(problems: list) -> None:  # type: ignore[type-arg]

    for problem in problems[:SHOWN_PROBLEMS]:
        print(f"- {render(problem, 'id')}", file=sys.stderr)
    if len(problems) > SHOWN_PROBLEMS:
        print(f"… dan {fmt_int(len(problems) - SHOWN_PROBLEMS)} masalah lain.", file=sys.stderr)


def _print_matches(plan) -> None:  # type: ignore[no-untyped-def]
    similar = [(m, n) for m, n in plan.region_matches() if m.needs_confirmation]
    if similar:
        print("Nama wilayah yang dicocokkan dengan ejaan mirip (periksa):")
        for match, rows in similar:
            print(f"  {match.written} → {match.code} {match.label} ({fmt_int(rows)} baris)")


def run(args: argparse.Namespace) -> int:

    path = Path(args.file)
    try:
        check_size(path.stat().st_size, settings().max_upload_mb)  # before reading it
        data = path.read_bytes()
    except OSError as exc:
        print(f"Berkas tidak dapat dibaca: {path} ({exc.strerror})", file=sys.stderr)
        return 1
    except ImportInputError as exc:
        _print_problems(exc.problems)
        print("Ditolak: tidak ada yang disimpan.", file=sys.stderr)
        return 2
    try:
        with db.session_scope() as session:
            actor = _actor(session, args.as_user)
            if actor is None:
                return 2
            if args.dry_run:
                plan = prepare(
                    session,
                    data,
                    kind=args.kind,
                    file_name=path.name,
                    actor=actor,
                    sheet=args.sheet,
                    default_agency=args.agency,
                )
                _print_matches(plan)
                if not plan.ok:
                    _print_problems(plan.problems)
                    print(
                        f"Ditolak: {fmt_int(plan.refused_rows)} baris bermasalah dari "
                        f"{fmt_int(plan.rows_total)}. Tidak ada yang disimpan.",
                        file=sys.stderr,
                    )
                    return 2
                print(
                    f"Uji coba: {fmt_int(plan.rows_total)} baris sah; akan ditambah "
                    f"{fmt_int(plan.added)}, diperbarui {fmt_int(plan.updated)}, tetap "
                    f"{fmt_int(plan.unchanged)}. Tidak ada yang disimpan."
                )
                return 0
        print(f"Memeriksa {path.name} …", file=sys.stderr, flush=True)
        outcome = import_file(
            data,
            kind=args.kind,
            file_name=path.name,
            actor=actor,
            sheet=args.sheet,
            default_agency=args.agency,
            confirm_matches=args.confirm_matches,
            progress=_progress,
            on_transaction=lambda: print("Transaksi dimulai.", file=sys.stderr, flush=True),
        )
    except ImportInputError as exc:
        _print_problems(exc.problems)
        print("Ditolak: tidak ada yang disimpan.", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        print(t("error.database", "id", detail=type(exc).__name__), file=sys.stderr)
        return 1
    except MemoryError:  # the readers' limits should make this unreachable; never a traceback
        print(t("import.file.memory", "id"), file=sys.stderr)
        print("Ditolak: tidak ada yang disimpan.", file=sys.stderr)
        return 2
    print(
        f"Impor selesai: {fmt_int(outcome.rows_total)} baris; ditambah {fmt_int(outcome.added)}, "
        f"diperbarui {fmt_int(outcome.updated)}, tetap {fmt_int(outcome.unchanged)}, "
        f"perpindahan dicatat {fmt_int(outcome.movements)}."
    )
    return 0
