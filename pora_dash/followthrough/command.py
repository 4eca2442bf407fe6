"""`python -m pora_dash remind [--dry-run] [--today DATE]`: today's e-mail digests.

Exit codes: 0 every digest sent (or nothing to send), 1 some digest failed (recorded, tried
again by the next run), 2 refused input or missing mail settings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from pora_dash import clock
from pora_dash.followthrough import digest
from pora_dash.followthrough.mail import mail_settings
from pora_dash.i18n import fmt_date, fmt_int


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "remind",
        help="kirim e-mail pengingat tindak lanjut ke instansi (paling banyak sekali sehari)",
    )
    p.add_argument("--dry-run", action="store_true", help="tampilkan saja, jangan kirim")
    p.add_argument("--today", default=None, help="tanggal acuan YYYY-MM-DD (bawaan: hari ini, WIB)")
    p.set_defaults(func=remind)


def remind(args: argparse.Namespace) -> int:

    try:
        today = dt.date.fromisoformat(args.today) if args.today else clock.today()
    except ValueError:
        print(f"Tanggal tidak sah: {args.today} (gunakan YYYY-MM-DD)", file=sys.stderr)
        return 2
    settings = mail_settings()  # ConfigError -> "Konfigurasi salah: ..." and exit 2 (cli.main)
    report = digest.run(settings, today=today, dry_run=args.dry_run)
    day = fmt_date(today)
    if not report.planned:
        print(f"Tidak ada pengingat untuk dikirim pada {day}.")
        return 0
    if args.dry_run:
        print(f"Uji coba, tidak ada yang dikirim. Pengingat {day}:")
        for d in report.planned:
            print(f"  {d.agency} <{d.recipient}>: {fmt_int(len(d.overdue))} lewat tenggat, "
                  f"{fmt_int(len(d.due_soon))} jatuh tempo dalam {digest.WINDOW_DAYS} hari")  # fmt: skip
        return 0
    for name in report.sent:
        print(f"Terkirim: {name}")
    for name, reason in report.failed:
        print(f"GAGAL: {name} ({reason})", file=sys.stderr)
    if report.failed:
        print(
            f"{fmt_int(len(report.failed))} pengingat gagal dikirim lewat "
            f"{settings.host}:{settings.port}; tercatat dan dicoba lagi pada jalan berikutnya.",
            file=sys.stderr,
        )
        return 1
    print(f"{fmt_int(len(report.sent))} pengingat terkirim ({day}).")
    return 0
