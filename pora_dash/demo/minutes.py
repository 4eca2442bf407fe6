"""Minutes layer: title, venue, agenda and minutes of a routine rakor, from the data."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from pora_dash.demo.actions import Actions
from pora_dash.demo.helpers import fmt_date_id, fmt_int_id, short_name
from pora_dash.demo.tables import KANIMS, MONTHS_ID, ROMAN


class Minutes(Actions):
    """Writes the texts of routine meetings from the presence figures and their themes."""

    def count_sentence(self, region: str, day: dt.date) -> str:
        n = self.presence.active(region, day)
        where = self.region_label(region) if region else "Indonesia"
        if n == 0:
            return f"Tidak ada pengungsi luar negeri yang tercatat berdomisili di {where}."
        return (
            f"Berdasarkan data per {fmt_date_id(day)}, tercatat {fmt_int_id(n)} pengungsi "
            f"dan pencari suaka berdomisili di {where}."
        )

    def routine_texts(
        self, rng: random.Random, meeting: dict[str, Any], themes: set[str]
    ) -> tuple[str, str, str, str | None]:
        day, level, region = meeting["held_on"], meeting["level"], meeting["region"]
        label = self.region_label(region)
        year = day.year
        if level == "pusat":
            title = (
                f"Rapat Koordinasi Nasional Penanganan Pengungsi dari Luar Negeri "
                f"{'Semester I' if day.month <= 6 else 'Semester II'} Tahun {year}"
            )
            venue = rng.choice(
                (
                    "Ruang Rapat Kemenko Polhukam, Jakarta Pusat",
                    "Aula Direktorat Jenderal Imigrasi, Jakarta Selatan",
                    "Hotel di kawasan Menteng, Jakarta Pusat",
                )
            )
        elif level == "provinsi":
            title = (
                f"Rapat Koordinasi Tim PORA Tingkat Provinsi {label} "
                f"{'Semester I' if day.month <= 6 else 'Semester II'} Tahun {year}"
            )
            venue = rng.choice(
                (
                    f"Aula Kantor Wilayah Imigrasi {label}",
                    f"Ruang Rapat Kesbangpol Provinsi {label}",
                    f"Hotel di ibu kota Provinsi {label}",
                )
            )
        elif level == "kabkota":
            title = (
                f"Rapat Koordinasi Tim PORA {label} Triwulan "
                f"{ROMAN[(day.month - 1) // 3]} Tahun {year}"
            )
            kanim = next(k for k in KANIMS if k.code == meeting["office"])
            venue = rng.choice(
                (
                    f"Aula {kanim.name}",
                    f"Ruang Rapat Kesbangpol {label}",
                    f"Hotel di {short_name(label)}",
                    f"Ruang Rapat Sekretariat Daerah {label}",
                )
            )
        else:
            title = f"Rapat Tim PORA Kecamatan {label} {MONTHS_ID[day.month - 1]} {year}"
            venue = f"Aula Kantor Kecamatan {label}"
        agenda_items = ["Pembukaan", "Paparan situasi orang asing dan pengungsi di wilayah"]
        if "rohingya" in themes:
            agenda_items.append("Penanganan pengungsi Rohingya di penampungan")
        if "pilkada" in themes:
            agenda_items.append("Antisipasi kerawanan menjelang Pilkada serentak 2024")
        if "data" in themes:
            agenda_items.append(
                "Integrasi data dan peta pengawasan orang asing (Permenimipas Nomor 2 Tahun 2025)"
            )
        if "berkumpul" in themes:
            agenda_items.append("Penanganan pencari suaka yang berkumpul di ruang publik")
        if "hunian" in themes and "rohingya" not in themes:
            agenda_items.append("Kondisi community house dan koordinasi dengan IOM")
        agenda_items += ["Evaluasi tindak lanjut rapat sebelumnya", "Rencana tindak lanjut"]
        agenda = "\n".join(f"{i}. {item}" for i, item in enumerate(agenda_items, start=1))
        if day > self.as_of:
            return title, venue, agenda, None
        scope = "" if level == "pusat" else region
        previous = self.presence.active(scope, day - dt.timedelta(days=365))
        now = self.presence.active(scope, day)
        trend = (
            "relatif stabil dibanding tahun lalu"
            if abs(now - previous) <= max(3, now // 20)
            else ("bertambah" if now > previous else "berkurang")
            + f" dari {fmt_int_id(previous)} setahun sebelumnya"
        )
        sentences = [self.count_sentence(scope, day).rstrip(".") + f", {trend}."]
        if "rohingya" in themes and now > 0:
            sentences.append(
                "Kebutuhan dasar di penampungan dipenuhi bersama UNHCR, IOM dan "
                "Pemda; beberapa pengungsi dilaporkan meninggalkan penampungan "
                "tanpa izin."
            )
        if "pilkada" in themes:
            sentences.append(
                "Anggota diminta meningkatkan deteksi dini agar pengungsi tidak "
                "terlibat kegiatan politik dan tidak terjadi gesekan dengan warga."
            )
        if "data" in themes:
            sentences.append(
                "Data pengungsi dari UNHCR, IOM dan Imigrasi perlu dicocokkan "
                "dengan data kependudukan agar pengawasan berbasis bukti."
            )
        sentences.append(
            "Pengawasan dilakukan secara proporsional dengan menghormati hak asasi manusia."
        )
        return title, venue, agenda, " ".join(sentences)
