"""`python -m pora_dash COMMAND`: set-up, demo data, geodata build and figures for scripts.

Exit codes: 0 success, 1 failure of the operation, 2 refused input (bad code, bad option).
Messages are in Indonesian, like the app.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import func, select

from pora_dash import clock, demo
from pora_dash.access import auth
from pora_dash.access.agencies import AgencyError, add_agency, list_agencies
from pora_dash.access.scope import Scope
from pora_dash.brief.cli import write_brief
from pora_dash.config import PROJECT_DIR, ConfigError, settings
from pora_dash.filters import Filters
from pora_dash.followthrough.command import add_parser as add_remind_parser
from pora_dash.geo import reference
from pora_dash.geo.geodata import build
from pora_dash.i18n import country_name, fmt_int, t
from pora_dash.importing.command import add_parser as add_import_parser
from pora_dash.reads import overview
from pora_dash.store import db
from pora_dash.store.backup import command_backup, command_restore
from pora_dash.store.bootstrap import ensure_database, load_regions
from pora_dash.store.checks import deploy_problems
from pora_dash.store.models import AGENCY_KINDS, Agency, Person


def _init_db(args: argparse.Namespace) -> int:

    report = ensure_database(demo=args.demo, scale=args.scale, seed=args.seed)
    db.refresh_statistics()  # PostgreSQL: also after a pg_restore, which leaves none
    print(f"Basis data siap: {report['regions']} wilayah dimuat, {report['persons']} orang demo.")
    return 0


def _seed_demo(args: argparse.Namespace) -> int:

    db.upgrade()
    with db.session_scope() as session:
        load_regions(session)
        if session.scalar(select(func.count()).select_from(Person)):
            print(
                "Basis data sudah berisi data orang; data demo tidak ditambahkan.", file=sys.stderr
            )
            return 2
        n = demo.seed_demo(session, scale=args.scale, seed=args.seed)
    db.refresh_statistics()
    print(f"Data demo dibuat: {n} orang (skala {args.scale}, seed {args.seed}).")
    return 0


def _build_geodata(args: argparse.Namespace) -> int:

    source = Path(args.source)
    if not (source / "wilayah.csv").is_file():
        print(f"Sumber data wilayah tidak ditemukan: {source}", file=sys.stderr)
        return 2
    for name, size in build(source, Path(args.out)).items():
        print(f"{name}: {size:,} bytes")
    return 0


def _stats(args: argparse.Namespace) -> int:

    code = args.wilayah
    if code and not reference.is_valid_code(code):
        print(f"Kode wilayah tidak dikenal: {code}", file=sys.stderr)
        return 2
    filters = Filters(wilayah=code)
    with db.session_scope() as session:
        head = overview.headline(session, filters=filters, scope=Scope.national())
        top = overview.by_nationality(session, filters=filters, scope=Scope.national(), limit=5)
    top_list = [
        {"code": r.nationality, "name": country_name(r.nationality), "count": int(r.count)}
        for r in top.itertuples()
    ]
    result: dict[str, object] = {
        "wilayah": code or "",
        "name": reference.region_name(code) if code else "Indonesia",
        "as_of": clock.today().isoformat(),
        "active": head.active,
        "refugees": head.refugees,
        "asylum_seekers": head.asylum_seekers,
        "top_nationalities": top_list,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"{result['name']} ({code or 'nasional'}), per {result['as_of']}")
    print(f"  Orang asing perhatian aktif: {fmt_int(head.active)}")
    print(f"  Pengungsi: {fmt_int(head.refugees)}  Pencari suaka: {fmt_int(head.asylum_seekers)}")
    for item in top_list:
        print(f"  {item['name']}: {fmt_int(item['count'])}")
    return 0


def _brief(args: argparse.Namespace) -> int:
    """The rakor brief (PDF and Excel) of a region and period, with the user's scope."""

    return write_brief(
        region=args.region,
        period=args.period,
        out=Path(args.out),
        lang=args.lang,
        as_user=args.as_user,
        internal=args.internal,
    )


def _check(args: argparse.Namespace) -> int:

    with db.session_scope() as session:
        problems = deploy_problems(settings(), session)
    for key, values in problems:
        print(f"- {t(key, 'id', **values)}")
    if not problems:
        print("Tidak ada masalah: pengaturan aman untuk produksi.")
    return 1 if problems else 0


def _create_user(args: argparse.Namespace) -> int:

    if args.national and args.region:
        print("Pilih --national atau --region, bukan keduanya.", file=sys.stderr)
        return 2
    password = (
        sys.stdin.readline().rstrip("\n")
        if args.password_stdin
        else getpass.getpass("Kata sandi: ")
    )
    try:
        with db.session_scope() as session:
            regions = list(args.region)
            if args.national:  # every province: the whole country (auth.scope_of)
                regions = auth.province_codes(session)
                if not regions:
                    print("Data wilayah belum dimuat: jalankan init-db dulu.", file=sys.stderr)
                    return 1
            agency_id = None
            if args.agency:
                agency_id = session.scalar(select(Agency.id).where(Agency.code == args.agency))
                if agency_id is None:
                    known = session.scalars(select(Agency.code).order_by(Agency.code)).all()
                    hint = (
                        f"instansi yang ada: {', '.join(known[:10])}"
                        if known
                        else "belum ada instansi; tambahkan dengan: python -m pora_dash agency add"
                    )
                    print(f"Instansi tidak dikenal: {args.agency} ({hint}).", file=sys.stderr)
                    return 2
            auth.create_user(
                session,
                username=args.username,
                password=password,
                role=args.role,
                regions=regions,
                display_name=args.name,
                email=args.email,
                agency_id=agency_id,
                actor="cli",
            )
    except auth.AuthError as exc:
        print(t(exc.key, "id", **exc.values), file=sys.stderr)
        return 2
    scope = "nasional" if args.national or args.role == "admin" else ", ".join(args.region)
    print(f"Pengguna {args.username} dibuat ({args.role}, cakupan {scope}).")
    print(
        f"Masuk: buka aplikasi (make run: http://127.0.0.1:8501) dan masuk sebagai "
        f"{args.username} dengan kata sandi tadi."
    )
    return 0


def _agency(args: argparse.Namespace) -> int:

    with db.session_scope() as session:
        if args.action == "list":
            rows = list_agencies(session)
            if not rows:
                print("Belum ada instansi. Tambahkan dengan: python -m pora_dash agency add …")
            for row in rows:
                print(f"{row.code}\t{row.kind}\t{row.region_code or '-'}\t{row.name}")
            return 0
        if not (args.code and args.name and args.kind):
            print("agency add memerlukan --code, --name dan --kind.", file=sys.stderr)
            return 2
        try:
            add_agency(
                session,
                code=args.code,
                name=args.name,
                kind=args.kind,
                region_code=args.region,
                actor="cli",
                contact_email=args.email,
            )
        except AgencyError as exc:
            print(t(exc.key, "id", **exc.values), file=sys.stderr)
            return 2
    print(f"Instansi {args.code.strip().upper()} ditambahkan.")
    return 0


def _backup(args: argparse.Namespace) -> int:

    return command_backup(settings().database_url, Path(args.out) if args.out else None)


def _restore(args: argparse.Namespace) -> int:

    return command_restore(settings().database_url, Path(args.file), yes=args.yes)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pora_dash", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("init-db", help="migrasi skema ke versi terbaru dan muat data wilayah")
    p.add_argument("--demo", action="store_true", help="isi data demo bila basis data kosong")
    p.add_argument("--scale", type=int, default=1)
    p.add_argument("--seed", type=int, default=42)
    p.set_defaults(func=_init_db)

    p = sub.add_parser("seed-demo", help="isi basis data kosong dengan data demo")
    p.add_argument("--scale", type=int, default=1, choices=range(1, 1001), metavar="N")
    p.add_argument("--seed", type=int, default=42)
    p.set_defaults(func=_seed_demo)

    p = sub.add_parser("build-geodata", help="siapkan data/ dari ../shared/geodata")
    p.add_argument("--source", default=str(PROJECT_DIR.parent / "shared" / "geodata"))
    p.add_argument("--out", default=str(PROJECT_DIR / "data"))
    p.set_defaults(func=_build_geodata)

    p = sub.add_parser("stats", help="angka utama suatu wilayah")
    p.add_argument("--wilayah", default=None, help="kode Kemendagri, mis. 33.29.05")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_stats)

    p = sub.add_parser("brief", help="bahan rakor (PDF dan Excel) suatu wilayah dan periode")
    p.add_argument("--region", required=True, help="kode Kemendagri, mis. 33.29")
    p.add_argument(
        "--period", required=True, help="2024-07 (bulan), 2024 (tahun), 2024-07-01..2024-09-30"
    )
    p.add_argument("--out", default=".", help="folder tujuan (dibuat bila belum ada)")
    p.add_argument("--lang", choices=("id", "en"), default=None, help="bahasa (bawaan: id)")
    p.add_argument("--as", dest="as_user", default=None, help="buat dengan cakupan pengguna ini")
    p.add_argument(
        "--internal",
        action="store_true",
        help="versi internal: angka persis, bertanda TERBATAS (perlu --as anggota tim)",
    )
    p.set_defaults(func=_brief)

    p = sub.add_parser("check", help="periksa keamanan pengaturan produksi")
    p.set_defaults(func=_check)

    p = sub.add_parser("create-user", help="buat pengguna (kata sandi ditanyakan)")
    p.add_argument("--username", required=True)
    p.add_argument(
        "--role", required=True, help="admin, leadership, analyst, operator, agency, viewer"
    )
    p.add_argument(
        "--region", action="append", default=[], help="kode wilayah cakupan (boleh berulang)"
    )
    p.add_argument("--national", action="store_true", help="cakupan nasional (semua provinsi)")
    p.add_argument("--name", default=None)
    p.add_argument("--email", default=None)
    p.add_argument("--agency", default=None, help="kode instansi, mis. KESBANGPOL-33.29")
    p.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari stdin")
    p.set_defaults(func=_create_user)

    p = sub.add_parser("agency", help="instansi anggota Tim PORA: add (tambah) atau list (daftar)")
    p.add_argument("action", choices=("add", "list"))
    p.add_argument("--code", default=None, help="kode singkat, mis. KESBANGPOL-33.29")
    p.add_argument("--name", default=None, help="nama lengkap instansi")
    p.add_argument("--kind", default=None, help=", ".join(AGENCY_KINDS))
    p.add_argument("--region", default=None, help="kode wilayah instansi, mis. 33.29")
    p.add_argument("--email", default=None, help="e-mail kontak untuk pengingat harian")
    p.set_defaults(func=_agency)

    add_import_parser(sub)

    add_remind_parser(sub)

    p = sub.add_parser(
        "backup", help="cadangkan basis data (SQLite: salinan daring; PostgreSQL: pg_dump)"
    )
    p.add_argument(
        "--out", default=None, help="berkas atau folder tujuan (default: folder backups)"
    )
    p.set_defaults(func=_backup)

    p = sub.add_parser("restore", help="pulihkan basis data SQLite dari cadangan")
    p.add_argument("file", help="berkas cadangan (.db)")
    p.add_argument("--yes", action="store_true", help="ya, ganti isi basis data sekarang")
    p.set_defaults(func=_restore)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings()
        return int(args.func(args))
    except ConfigError as exc:
        print(f"Konfigurasi salah: {exc}", file=sys.stderr)
        return 2
