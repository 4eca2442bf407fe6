"""Seeded generator of realistic, entirely fictitious demo data.

`seed_demo(session, scale=1, seed=42, as_of=...)` fills an empty database (regions already
loaded) with a history up to `as_of`, shaped after the public aggregate figures in the product
brief: about 12,100 people of concern active nationally at scale 1 (Afghanistan about half,
then Somalia, Myanmar, Iraq, Yemen, Sudan, Sri Lanka, Pakistan, Iran, Palestine and a tail,
53 countries), about 70% recognised refugees, 27% children, half of them in and around Jakarta
and Puncak (Cisarua), IOM community houses in the other hosting cities, Rohingya boat arrivals
in Aceh from November 2023, and exactly 19 refugees in the former Karesidenan Pekalongan, three
of them Palestinians with UNHCR cards in Kecamatan Sirampog (Brebes).

Around the people: Tim PORA member agencies, accommodation sites, coordination meetings (the
five from the meeting reports plus routine ones) with follow-up actions and their history,
incidents, field operations and an event calendar.

Every name and document number is made up by combining common names: no real person appears.
The same (seed, scale, as_of) gives identical data. People are generated and inserted in
chunks, one scale unit at a time, so memory stays bounded at any scale; `scale` multiplies the
people (and the capacity of the sites that house them), everything else stays as at scale 1.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from pora_dash import clock
from pora_dash.store import db
from pora_dash.store.models import (
    Action,
    ActionUpdate,
    Agency,
    Base,
    CalendarEvent,
    Incident,
    Meeting,
    MeetingAgency,
    Movement,
    Operation,
    OperationAgency,
    OperationFinding,
    Person,
    Region,
    Site,
)

CHUNK = 5000
D = dt.date

# ================================================================ nationalities and names

# (ISO alpha-3, name group, weight among the active population outside the special cohorts).
# Myanmar is small here: most Myanmar nationals in the data are the Rohingya boat arrivals.
NATIONALITIES: tuple[tuple[str, str, float], ...] = (
    ("AFG", "afghan", 520),
    ("SOM", "somali", 110),
    ("IRQ", "arab", 50),
    ("YEM", "arab", 40),
    ("SDN", "sudanese", 34),
    ("LKA", "tamil", 28),
    ("PAK", "pakistani", 25),
    ("IRN", "persian", 22),
    ("PSE", "arab", 18),
    ("ETH", "horn", 9),
    ("MMR", "rohingya", 8),
    ("ERI", "horn", 6),
    ("SYR", "arab", 5),
    ("EGY", "arab", 4),
    ("COD", "african", 3),
    ("JOR", "arab", 2.5),
    ("SSD", "sudanese", 2.5),
    ("BGD", "southasian", 2),
    ("IND", "southasian", 2),
    ("KWT", "arab", 2),
    ("CHN", "uyghur", 2),
    ("NGA", "african", 1.5),
    ("CMR", "african", 1.2),
    ("LBY", "arab", 1.2),
    ("SAU", "arab", 1),
    ("TUN", "arab", 1),
    ("MAR", "arab", 1),
    ("DZA", "arab", 1),
    ("UGA", "african", 1),
    ("GIN", "african", 0.8),
    ("CIV", "african", 0.8),
    ("SLE", "african", 0.6),
    ("LBR", "african", 0.6),
    ("CAF", "african", 0.6),
    ("TCD", "african", 0.6),
    ("MLI", "african", 0.5),
    ("VNM", "seasian", 0.5),
    ("LBN", "arab", 0.5),
    ("KHM", "seasian", 0.4),
    ("NPL", "southasian", 0.4),
    ("UZB", "eurasian", 0.4),
    ("TJK", "eurasian", 0.4),
    ("TUR", "eurasian", 0.4),
    ("RUS", "eurasian", 0.3),
    ("UKR", "eurasian", 0.3),
    ("COL", "latin", 0.3),
    ("VEN", "latin", 0.3),
    ("BDI", "african", 0.3),
    ("RWA", "african", 0.3),
    ("KEN", "african", 0.3),
    ("GHA", "african", 0.3),
    ("CUB", "latin", 0.2),
    ("THA", "seasian", 0.2),
)
GROUP_OF = {iso: group for iso, group, _ in NATIONALITIES}

# Common given names (male, female) and family names per origin group, combined at random.
_NAME_LISTS: dict[str, tuple[str, str, str]] = {
    "afghan": (
        (
            "Ali Mohammad Hussain Reza Sajjad Mahdi Ahmad Jawad Murtaza Nasir Qasim Hamid Zakir "
            "Sakhi Abdul Mustafa Karim Amin"
        ),
        (
            "Fatima Zahra Masuma Maryam Sakina Khadija Roya Shabnam Nargis Farzana Marzia Soraya "
            "Zainab Hakima Laila Tahira"
        ),
        (
            "Hussaini Rezaei Ahmadi Jafari Mohammadi Hashimi Sultani Karimi Rahimi Nazari Haidari "
            "Sharifi Yousufi Akbari Amiri Sadiqi Alizada Qasimi Rasuli Naseri"
        ),
    ),
    "somali": (
        (
            "Abdi Mohamed Ahmed Hassan Abdirahman Abdullahi Ismail Omar Yusuf Mustafe Liban Farhan "
            "Guled Hamza"
        ),
        "Fadumo Hodan Amina Hawa Sahra Ifrah Ayan Halima Nimco Sagal Deeqa Filsan",
        "Ali Farah Hussein Warsame Abdi Osman Jama Mohamud Nur Aden Egal Hirsi Dahir Yusuf",
    ),
    "rohingya": (
        "Mohammed Nur Abdul Rashid Hamid Jamal Anwar Sayed Karim Rafiq Shafi Zubair Ayub Hasan",
        "Rahima Noor Sanjida Hasina Roshida Asma Jannat Rokeya Setara Minara Shamima Fatema",
        "Hossain Alam Ullah Islam Kabir Rahman Amin Hoque Uddin Karim Ali Miah",
    ),
    "arab": (
        (
            "Ahmed Mohammed Omar Khaled Mustafa Yousef Ibrahim Hassan Saleh Tariq Ali Mahmoud Fadi "
            "Sami Nabil Adel"
        ),
        "Fatima Aisha Mariam Noor Huda Layla Zainab Rana Amal Sara Hana Reem Dalia Samira",
        (
            "Al-Saadi Hassan Abdullah Al-Amin Mahmoud Saleh Al-Haddad Nasser Othman Khalil Al- "
            "Jabouri Al-Hashimi Mansour Darwish Qasem Barakat Al-Masri Haddad"
        ),
    ),
    "sudanese": (
        "Mohamed Ahmed Osman Abdelrahman Ibrahim Adam Yahya Hamid Deng Musa",
        "Fatima Amna Hawa Mariam Samah Nafisa Achol Zahra",
        "Abdalla Osman Elamin Adam Ibrahim Mohamed Hamid Garang Abdelgadir Yousif",
    ),
    "tamil": (
        "Suresh Rajkumar Tharshan Kajan Niroshan Prakash Sivakumar Mathan Kannan Dinesh",
        "Sharmila Kavitha Priya Tharsika Vasanthi Nirmala Anitha Jeya",
        (
            "Sivakumar Selvaraj Thevarajah Ganeshan Kanagaratnam Rasiah Yogarajah Balasingam "
            "Nadarajah"
        ),
    ),
    "pakistani": (
        "Muhammad Imran Bilal Usman Faisal Kashif Tahir Naveed Waqas Zeeshan Ahmad",
        "Ayesha Sana Rabia Nadia Saima Amna Farah Bushra",
        "Ahmad Khan Butt Qureshi Malik Chaudhry Mirza Hashmi Javed Changezi",
    ),
    "persian": (
        "Reza Amir Hossein Mehdi Saeed Hamid Behnam Arash Kamran",
        "Maryam Zahra Niloofar Parisa Shirin Leila Mina Sahar",
        "Ahmadi Hosseini Karimi Moradi Rostami Jafari Sadeghi Rahmani Kazemi",
    ),
    "horn": (
        "Dawit Tesfaye Yonas Abel Samuel Biniam Kidane Abdulkadir",
        "Selam Hiwot Meron Saba Helen Tigist Senait",
        "Tesfaye Haile Bekele Gebre Tekle Kidane Mengistu Woldemariam",
    ),
    "african": (
        "John Joseph Emmanuel Ibrahim Patrick Moussa Daniel Samuel Jean Mamadou",
        "Grace Mary Fatou Aminata Esther Blessing Mariama Ruth",
        "Mensah Kamara Diallo Okafor Mbeki Kabila Traore Ndayishimiye Mugisha Ouedraogo Kouassi",
    ),
    "southasian": (
        "Rahul Sanjay Rakib Arif Ramesh Sunil Tanvir Bikash",
        "Priya Anjali Nasrin Sunita Rupa Shila",
        "Das Sharma Hossain Gurung Thapa Roy Sarkar Singh",
    ),
    "uyghur": (
        "Abdulla Mehmet Erkin Nurmemet Tursun Ablikim",
        "Ayshe Gulnar Mihray Patigul Zulhumar",
        "Tursun Yusup Abdurehim Memet Niyaz Hoshur",
    ),
    "seasian": (
        "Minh Tuan Sokha Dara Somchai Hung",
        "Linh Mai Sreymom Dara Nong",
        "Nguyen Tran Pham Sok Chan Srisuk",
    ),
    "eurasian": (
        "Alisher Rustam Dmitri Oleksandr Emre Jamshid Farrukh",
        "Dilnoza Olga Iryna Elif Madina Nargiza",
        "Karimov Rahimov Ivanov Shevchenko Yilmaz Nazarov Tursunov",
    ),
    "latin": (
        "Carlos José Luis Andrés Miguel Yoel",
        "María Ana Yelitza Daniela Carmen",
        "García Rodríguez Pérez Hernández Martínez Gómez",
    ),
}
NAMES = {group: tuple(names.split() for names in lists) for group, lists in _NAME_LISTS.items()}

# Indonesian names for officials (person in charge of an action), combined at random.
OFFICIAL_GIVEN = (
    "Agus Budi Dewi Sri Rina Hendra Yusuf Rahmat Siti Nur Eko Dian Fajar Andi Wahyu Teguh Ratna "
    "Indah Bambang Joko Rudi Lina Maya Arif Fitri Hadi Irfan Yuli Taufik Ahmad Putri Dedi Nia "
    "Rizky Bayu Wulan Anton Yanti Heru Sari"
).split()
OFFICIAL_FAMILY = (
    "Santoso Wijaya Saputra Hidayat Kurniawan Pratama Setiawan Nugroho "
    "Siregar Nasution Lubis Harahap Susanto Gunawan Purnomo Hakim Syahputra Permana Wibowo "
    "Maulana Rangkuti Sitompul Daulay Panjaitan Tanjung Yulianto Firmansyah Ramadhan "
    "Prasetyo Handoko Suryadi"
).split()

# ================================================================ geography

JABODETABEK = (
    "31.71",
    "31.72",
    "31.73",
    "31.74",
    "31.75",
    "32.01",
    "32.71",
    "32.75",
    "32.76",
    "36.71",
    "36.74",
)
# Former Karesidenan Pekalongan: only the special cohort lives here.
EX_PEKALONGAN = ("33.25", "33.26", "33.27", "33.28", "33.29", "33.75", "33.76")
SIRAMPOG = "33.29.05"


@dataclass(frozen=True)
class Area:
    """A hosting kab/kota: its share of the active population, the share of households in IOM
    community housing, where in it people live (kecamatan suffix -> weight), its Rudenim."""

    kabkota: str
    weight: float
    ch_share: float
    kecamatan: dict[str, float]
    rudenim: str | None

    def kec_codes(self) -> list[str]:
        return [f"{self.kabkota}.{s}" for s in self.kecamatan]

    def kec_weights(self) -> list[float]:
        return list(self.kecamatan.values())


AREAS: tuple[Area, ...] = (
    # In and around Jakarta, with Puncak (Cisarua, Megamendung) in Kabupaten Bogor.
    Area("32.01", 2600, 0.04, {"25": 70, "26": 20, "24": 6, "01": 2, "27": 2}, "RUDENIM-JKT"),
    Area("31.73", 700, 0.30, {"06": 45, "01": 30, "08": 10, "02": 8, "05": 7}, "RUDENIM-JKT"),
    Area(
        "31.74",
        550,
        0.20,
        {"10": 20, "05": 15, "07": 15, "09": 15, "04": 15, "06": 10, "01": 5, "02": 5},
        "RUDENIM-JKT",
    ),
    Area(
        "31.75",
        450,
        0.12,
        {"08": 15, "04": 20, "09": 20, "10": 15, "03": 10, "07": 10, "06": 10},
        "RUDENIM-JKT",
    ),
    Area("31.72", 100, 0.0, {"01": 40, "06": 20, "02": 20, "03": 20}, "RUDENIM-JKT"),
    Area("31.71", 40, 0.0, {"06": 30, "07": 30, "04": 20, "03": 20}, "RUDENIM-JKT"),
    Area(
        "36.71",
        450,
        0.80,
        {"05": 30, "06": 15, "07": 15, "11": 15, "01": 15, "13": 10},
        "RUDENIM-JKT",
    ),
    Area("36.74", 400, 0.72, {"04": 30, "03": 25, "06": 20, "01": 15, "05": 10}, "RUDENIM-JKT"),
    Area("32.76", 250, 0.50, {"02": 25, "05": 20, "01": 20, "06": 15, "10": 20}, "RUDENIM-JKT"),
    Area("32.75", 200, 0.60, {"02": 25, "04": 25, "08": 25, "09": 25}, "RUDENIM-JKT"),
    Area("32.71", 310, 0.75, {"05": 30, "04": 25, "06": 25, "03": 20}, "RUDENIM-JKT"),
    # Other hosting cities, mostly in IOM-supported community housing.
    Area(
        "12.71",
        1465,
        0.92,
        {"21": 20, "02": 15, "11": 15, "07": 10, "17": 10, "03": 10, "16": 8, "19": 7, "20": 5},
        "RUDENIM-MDN",
    ),
    Area(
        "14.71",
        980,
        0.95,
        {"08": 20, "13": 15, "09": 15, "07": 15, "01": 10, "11": 10, "05": 5, "02": 5, "12": 5},
        "RUDENIM-PKU",
    ),
    Area(
        "21.71",
        399,
        0.92,
        {"10": 25, "03": 20, "06": 15, "12": 15, "09": 10, "04": 10, "11": 5},
        "RUDENIM-TPI",
    ),
    Area("21.72", 350, 0.92, {"02": 30, "04": 35, "01": 20, "03": 15}, "RUDENIM-TPI"),
    Area(
        "73.71",
        650,
        0.95,
        {
            "09": 15,
            "13": 15,
            "14": 12,
            "11": 12,
            "12": 10,
            "10": 12,
            "03": 8,
            "02": 6,
            "01": 5,
            "04": 5,
        },
        "RUDENIM-MKS",
    ),
    Area("35.15", 380, 0.92, {"13": 50, "18": 15, "08": 15, "16": 10, "15": 10}, "RUDENIM-SBY"),
    Area(
        "53.71",
        200,
        0.92,
        {"03": 25, "04": 25, "05": 15, "02": 15, "01": 10, "06": 10},
        "RUDENIM-KPG",
    ),
    Area(
        "33.74",
        150,
        0.85,
        {"01": 15, "11": 15, "10": 15, "09": 10, "08": 10, "07": 10, "06": 10, "12": 15},
        "RUDENIM-SMG",
    ),
    # A tail of small presences, living independently.
    Area("12.07", 40, 0.0, {"23": 40, "26": 30, "22": 30}, "RUDENIM-MDN"),
    Area("32.73", 60, 0.0, {"02": 30, "06": 25, "13": 25, "08": 20}, "RUDENIM-JKT"),
    Area("35.78", 40, 0.0, {"08": 30, "09": 30, "06": 20, "04": 20}, "RUDENIM-SBY"),
    Area("34.71", 30, 0.0, {"03": 40, "13": 35, "02": 25}, "RUDENIM-SMG"),
    Area("51.71", 40, 0.0, {"01": 40, "03": 30, "04": 30}, "RUDENIM-DPS"),
    Area("52.71", 20, 0.0, {"03": 50, "02": 50}, "RUDENIM-DPS"),
    Area("61.71", 40, 0.0, {"01": 40, "05": 30, "03": 30}, "RUDENIM-PNK"),
    Area("64.71", 25, 0.0, {"04": 50, "05": 50}, "RUDENIM-BPN"),
    Area("71.71", 25, 0.0, {"07": 50, "06": 50}, "RUDENIM-MDO"),
    Area("91.71", 20, 0.0, {"03": 60, "02": 40}, "RUDENIM-JAP"),
    Area("11.71", 15, 0.0, {"02": 50, "04": 50}, "RUDENIM-MDN"),
)
AREA_BY_KAB = {a.kabkota: a for a in AREAS}
JAKARTA_START_AREAS = ("32.01", "31.73", "31.74")  # first homes of people relocated by IOM

# Rumah Detensi Imigrasi: (site and agency code, name, kecamatan, capacity at scale 1).
RUDENIM: tuple[tuple[str, str, str, int], ...] = (
    ("RUDENIM-JKT", "Rumah Detensi Imigrasi Jakarta", "31.73.06", 120),
    ("RUDENIM-MDN", "Rumah Detensi Imigrasi Medan", "12.71.08", 200),
    ("RUDENIM-PKU", "Rumah Detensi Imigrasi Pekanbaru", "14.71.08", 150),
    ("RUDENIM-TPI", "Rumah Detensi Imigrasi Tanjungpinang", "21.72.02", 400),
    ("RUDENIM-MKS", "Rumah Detensi Imigrasi Makassar", "73.71.11", 300),
    ("RUDENIM-KPG", "Rumah Detensi Imigrasi Kupang", "53.71.01", 150),
    ("RUDENIM-SBY", "Rumah Detensi Imigrasi Surabaya", "35.15.07", 200),
    ("RUDENIM-SMG", "Rumah Detensi Imigrasi Semarang", "33.74.13", 80),
    ("RUDENIM-MDO", "Rumah Detensi Imigrasi Manado", "71.71.08", 60),
    ("RUDENIM-DPS", "Rumah Detensi Imigrasi Denpasar", "51.03.05", 80),
    ("RUDENIM-BPN", "Rumah Detensi Imigrasi Balikpapan", "64.71.01", 120),
    ("RUDENIM-PNK", "Rumah Detensi Imigrasi Pontianak", "61.12.01", 150),
    ("RUDENIM-JAP", "Rumah Detensi Imigrasi Jayapura", "91.71.02", 80),
)

# Shelters for the Rohingya in Aceh: (site code, name, kecamatan, open on the reference date).
SHELTERS: tuple[tuple[str, str, str, bool], ...] = (
    ("SH-PIDIE", "Penampungan Pengungsi Rohingya Yayasan Mina Raya", "11.07.14", True),
    ("SH-LSM", "Penampungan Pengungsi Rohingya Eks Kantor Imigrasi Punteut", "11.73.03", True),
    ("SH-ABES", "Penampungan Pengungsi Rohingya UPTD Ladong", "11.06.09", True),
    ("SH-ATIM", "Penampungan Sementara Pengungsi Rohingya Idi Rayeuk", "11.03.03", True),
    ("SH-ABAR", "Penampungan Sementara Pengungsi Rohingya Meulaboh", "11.05.01", True),
    ("SH-BMA", "Penampungan Darurat Balai Meuseuraya Aceh", "11.71.02", False),
    ("SH-SABANG", "Penampungan Darurat Gedung Pemuda Sabang", "11.72.01", False),
    ("SH-ASEL", "Penampungan Darurat Labuhanhaji", "11.01.04", False),
)


@dataclass(frozen=True)
class Boat:
    """A Rohingya boat landing: how many landed, how many remain, where they were sheltered."""

    landed_on: dt.date
    kecamatan: str
    people: int
    remain: int
    shelter: str
    transfer: tuple[dt.date, str] | None = None  # everyone moved to another shelter then
    place: str = ""


# 15 boats, 2,026 people from mid-November 2023 to September 2024 (1,084 landed 14-21 Nov 2023);
# 1,175 remain.
BOATS: tuple[Boat, ...] = (
    Boat(D(2023, 11, 14), "11.07.03", 196, 172, "SH-PIDIE", None, "pesisir Batee, Pidie"),
    Boat(D(2023, 11, 15), "11.07.12", 147, 128, "SH-PIDIE", None, "pantai Kulee, Pidie"),
    Boat(D(2023, 11, 16), "11.08.06", 249, 215, "SH-LSM", None, "pesisir Muara Batu, Aceh Utara"),
    Boat(D(2023, 11, 18), "11.06.09", 36, 31, "SH-ABES", None, "pantai Ladong, Aceh Besar"),
    Boat(D(2023, 11, 19), "11.07.12", 256, 222, "SH-PIDIE", None, "pesisir Muara Tiga, Pidie"),
    Boat(
        D(2023, 11, 21),
        "11.72.01",
        200,
        172,
        "SH-SABANG",
        (D(2023, 12, 6), "SH-LSM"),
        "pantai Ie Meulee, Sabang",
    ),
    Boat(D(2023, 12, 2), "11.06.09", 139, 40, "SH-ABES", None, "pantai Lamreh, Aceh Besar"),
    Boat(
        D(2023, 12, 10),
        "11.06.04",
        180,
        45,
        "SH-BMA",
        (D(2024, 1, 4), "SH-ABES"),
        "pesisir Lampanah, Aceh Besar",
    ),
    Boat(D(2023, 12, 10), "11.07.08", 135, 35, "SH-PIDIE", None, "pesisir Kembang Tanjong, Pidie"),
    Boat(
        D(2023, 12, 27),
        "11.06.02",
        137,
        34,
        "SH-BMA",
        (D(2024, 1, 4), "SH-ABES"),
        "pantai Lhoknga, Aceh Besar",
    ),
    Boat(D(2024, 3, 20), "11.05.01", 75, 20, "SH-ABAR", None, "perairan Meulaboh, Aceh Barat"),
    Boat(D(2024, 5, 13), "11.03.03", 52, 13, "SH-ATIM", None, "pantai Idi Rayeuk, Aceh Timur"),
    Boat(
        D(2024, 7, 8),
        "11.01.04",
        61,
        15,
        "SH-ASEL",
        (D(2024, 8, 2), "SH-ABAR"),
        "pesisir Labuhanhaji, Aceh Selatan",
    ),
    Boat(D(2024, 8, 21), "11.03.07", 78, 20, "SH-ATIM", None, "pantai Peureulak, Aceh Timur"),
    Boat(D(2024, 9, 16), "11.08.09", 85, 13, "SH-LSM", None, "pesisir Seunuddon, Aceh Utara"),
)


@dataclass(frozen=True)
class SpecialHousehold:
    """A household of the exact cohort in the former Karesidenan Pekalongan."""

    nationality: str
    # (sex, birth year) per member, head first
    members: tuple[tuple[str, int], ...]
    arrival: dt.date
    registered: dt.date
    # places: (from date, region code); the first from the arrival date
    places: tuple[tuple[dt.date, str], ...]


# 19 refugees with UNHCR cards, three of them a Palestinian family in Sirampog (Brebes).
SPECIAL: tuple[SpecialHousehold, ...] = (
    SpecialHousehold(
        "PSE",
        (("M", 1979), ("F", 1984), ("M", 2009)),
        D(2018, 5, 20),
        D(2018, 9, 11),
        ((D(2018, 5, 20), "31.74.10"), (D(2021, 9, 6), "33.29.05.2008")),
    ),
    SpecialHousehold(
        "AFG",
        (("M", 1981), ("F", 1986), ("F", 2010), ("M", 2014)),
        D(2015, 2, 3),
        D(2015, 6, 18),
        ((D(2015, 2, 3), "32.01.25.2009"), (D(2020, 1, 13), "33.75.03")),
    ),
    SpecialHousehold(
        "AFG",
        (("M", 1988), ("F", 1992), ("M", 2017)),
        D(2016, 4, 11),
        D(2016, 8, 30),
        ((D(2016, 4, 11), "32.01.25"), (D(2019, 10, 2), "33.26.13")),
    ),
    SpecialHousehold(
        "AFG",
        (("M", 1990), ("F", 1995)),
        D(2017, 8, 22),
        D(2018, 1, 9),
        ((D(2017, 8, 22), "33.27.08"),),
    ),
    SpecialHousehold(
        "IRQ", (("M", 1983),), D(2016, 11, 7), D(2017, 3, 2), ((D(2016, 11, 7), "33.27.10"),)
    ),
    SpecialHousehold(
        "SOM", (("M", 1994),), D(2017, 5, 15), D(2017, 9, 26), ((D(2017, 5, 15), "33.25.11"),)
    ),
    SpecialHousehold(
        "SDN", (("M", 1991),), D(2019, 2, 18), D(2019, 7, 4), ((D(2019, 2, 18), "33.25.13"),)
    ),
    SpecialHousehold(
        "YEM",
        (("M", 1980), ("F", 1987), ("F", 2012)),
        D(2016, 1, 25),
        D(2016, 6, 7),
        ((D(2016, 1, 25), "31.73.06"), (D(2018, 3, 5), "33.76.02")),
    ),
    SpecialHousehold(
        "SDN", (("M", 1993),), D(2020, 2, 10), D(2020, 9, 14), ((D(2020, 2, 10), "33.28.10"),)
    ),
)

# Label points (lat, lng) of the kecamatan used, from the shipped boundaries (cahyadsn, MIT).
# fmt: off
KEC_POINTS: dict[str, tuple[float, float]] = {
    "11.01.04": (3.6055, 97.0667), "11.03.03": (4.9540, 97.7585), "11.03.07": (4.7631, 97.8554),
    "11.05.01": (4.1854, 96.1200), "11.06.02": (5.4711, 95.2640), "11.06.04": (5.4748, 95.6251),
    "11.06.09": (5.5881, 95.5182), "11.07.03": (5.4261, 95.8870), "11.07.08": (5.3116, 96.0305),
    "11.07.12": (5.5002, 95.8024), "11.07.14": (5.3541, 95.8166), "11.08.06": (5.2411, 96.9490),
    "11.08.09": (5.1954, 97.4252), "11.71.02": (5.5703, 95.3299), "11.71.04": (5.5834, 95.3519),
    "11.72.01": (5.8710, 95.3221), "11.73.03": (5.1215, 97.1374), "12.07.22": (3.4983, 98.6822),
    "12.07.23": (3.5853, 98.5753), "12.07.26": (3.6590, 98.7526), "12.71.02": (3.5806, 98.6272),
    "12.71.03": (3.6054, 98.6326), "12.71.07": (3.5184, 98.6220), "12.71.08": (3.7681, 98.6690),
    "12.71.11": (3.5294, 98.6708), "12.71.16": (3.5600, 98.6730), "12.71.17": (3.5676, 98.6588),
    "12.71.19": (3.5923, 98.6598), "12.71.20": (3.6192, 98.6818), "12.71.21": (3.5526, 98.6340),
    "14.71.01": (0.5172, 101.4379), "14.71.02": (0.5230, 101.4485), "14.71.05": (0.5356, 101.4365),
    "14.71.07": (0.4730, 101.4665), "14.71.08": (0.4880, 101.3850), "14.71.09": (0.4696, 101.4363),
    "14.71.11": (0.5262, 101.3994), "14.71.12": (0.5773, 101.3989), "14.71.13": (0.4569, 101.3818),
    "21.71.03": (1.1016, 103.9622), "21.71.04": (1.1053, 104.1245), "21.71.06": (1.1338, 104.0068),
    "21.71.09": (1.1568, 104.0362), "21.71.10": (1.1183, 104.0583), "21.71.11": (1.0219, 103.9871),
    "21.71.12": (1.0613, 103.9458), "21.72.01": (0.9154, 104.4468), "21.72.02": (0.9267, 104.5105),
    "21.72.03": (0.9588, 104.4561), "21.72.04": (0.8770, 104.4871), "31.71.03": (-6.1627, 106.8558),
    "31.71.04": (-6.1842, 106.8459), "31.71.06": (-6.1958, 106.8353), "31.71.07": (-6.2054, 106.8094),
    "31.72.01": (-6.1150, 106.7639), "31.72.02": (-6.1319, 106.8750), "31.72.03": (-6.1215, 106.9050),
    "31.72.06": (-6.1610, 106.9037), "31.73.01": (-6.1515, 106.7369), "31.73.02": (-6.1634, 106.7865),
    "31.73.05": (-6.1895, 106.7691), "31.73.06": (-6.1346, 106.7039), "31.73.08": (-6.1982, 106.7418),
    "31.74.01": (-6.2289, 106.8509), "31.74.02": (-6.2196, 106.8300), "31.74.04": (-6.2908, 106.8293),
    "31.74.05": (-6.2495, 106.7801), "31.74.06": (-6.2927, 106.7933), "31.74.07": (-6.2447, 106.8014),
    "31.74.09": (-6.3340, 106.8224), "31.74.10": (-6.2504, 106.7587), "31.75.03": (-6.2273, 106.8774),
    "31.75.04": (-6.2763, 106.8654), "31.75.06": (-6.1885, 106.9409), "31.75.07": (-6.2325, 106.9206),
    "31.75.08": (-6.2663, 106.8911), "31.75.09": (-6.3339, 106.8784), "31.75.10": (-6.3253, 106.9036),
    "32.01.01": (-6.4839, 106.8354), "32.01.24": (-6.7091, 106.8937), "32.01.25": (-6.6985, 106.9552),
    "32.01.26": (-6.6635, 106.9177), "32.01.27": (-6.7366, 106.8660), "32.71.03": (-6.5932, 106.7986),
    "32.71.04": (-6.5732, 106.7655), "32.71.05": (-6.5708, 106.8196), "32.71.06": (-6.5468, 106.7855),
    "32.73.02": (-6.8849, 107.6154), "32.73.06": (-6.9017, 107.5840), "32.73.08": (-6.8636, 107.6062),
    "32.73.13": (-6.9338, 107.6248), "32.75.02": (-6.2336, 106.9628), "32.75.04": (-6.2582, 106.9778),
    "32.75.08": (-6.2691, 106.9299), "32.75.09": (-6.3072, 106.9524), "32.76.01": (-6.3984, 106.7998),
    "32.76.02": (-6.3677, 106.8694), "32.76.05": (-6.3973, 106.8436), "32.76.06": (-6.3731, 106.8190),
    "32.76.10": (-6.4192, 106.8805), "33.25.11": (-6.9078, 109.7292), "33.25.13": (-6.9212, 109.7736),
    "33.26.13": (-6.9657, 109.6505), "33.27.08": (-6.9328, 109.3645), "33.27.10": (-6.8801, 109.4719),
    "33.28.10": (-6.9872, 109.1337), "33.29.05": (-7.2318, 109.0986), "33.74.01": (-6.9803, 110.4208),
    "33.74.06": (-7.0018, 110.4735), "33.74.07": (-6.9969, 110.4246), "33.74.08": (-7.0159, 110.4277),
    "33.74.09": (-7.0128, 110.4056), "33.74.10": (-7.0492, 110.4612), "33.74.11": (-7.0708, 110.4215),
    "33.74.12": (-7.0650, 110.3758), "33.74.13": (-6.9764, 110.3827), "33.75.03": (-6.8709, 109.6831),
    "33.76.02": (-6.8643, 109.1447), "34.71.02": (-7.7828, 110.3641), "34.71.03": (-7.7861, 110.3814),
    "34.71.13": (-7.8138, 110.3871), "35.15.07": (-7.4835, 112.7298), "35.15.08": (-7.4652, 112.7482),
    "35.15.13": (-7.3660, 112.6732), "35.15.15": (-7.4354, 112.7558), "35.15.16": (-7.3915, 112.7297),
    "35.15.18": (-7.3544, 112.7665), "35.78.04": (-7.2978, 112.7379), "35.78.06": (-7.2730, 112.7214),
    "35.78.08": (-7.2797, 112.7595), "35.78.09": (-7.2919, 112.8071), "36.71.01": (-6.1888, 106.6406),
    "36.71.05": (-6.1862, 106.6830), "36.71.06": (-6.2386, 106.7059), "36.71.07": (-6.1812, 106.6180),
    "36.71.11": (-6.2153, 106.6662), "36.71.13": (-6.2392, 106.7330), "36.74.01": (-6.3113, 106.6807),
    "36.74.03": (-6.2664, 106.7114), "36.74.04": (-6.3082, 106.7277), "36.74.05": (-6.2988, 106.7556),
    "36.74.06": (-6.3395, 106.7391), "51.03.05": (-8.8120, 115.1651), "51.71.01": (-8.7055, 115.2258),
    "51.71.03": (-8.6652, 115.1932), "51.71.04": (-8.6253, 115.2132), "52.71.02": (-8.6013, 116.1106),
    "52.71.03": (-8.5841, 116.1304), "53.71.01": (-10.2223, 123.5715), "53.71.02": (-10.2157, 123.6273),
    "53.71.03": (-10.1483, 123.6498), "53.71.04": (-10.1679, 123.6250), "53.71.05": (-10.1820, 123.5918),
    "53.71.06": (-10.1575, 123.5940), "61.12.01": (-0.2290, 109.6351), "61.71.01": (-0.0557, 109.3285),
    "61.71.03": (-0.0158, 109.3008), "61.71.05": (-0.0366, 109.3135), "64.71.01": (-1.1749, 116.9608),
    "64.71.04": (-1.2519, 116.8383), "64.71.05": (-1.2459, 116.8928), "71.71.06": (1.4689, 124.8343),
    "71.71.07": (1.4555, 124.8487), "71.71.08": (1.5315, 124.8970), "73.71.01": (-5.1573, 119.4090),
    "73.71.02": (-5.1643, 119.4159), "73.71.03": (-5.1427, 119.4260), "73.71.04": (-5.1401, 119.4115),
    "73.71.09": (-5.1415, 119.4540), "73.71.10": (-5.1856, 119.4049), "73.71.11": (-5.0962, 119.5154),
    "73.71.12": (-5.1693, 119.4875), "73.71.13": (-5.1707, 119.4437), "73.71.14": (-5.1121, 119.4818),
    "91.71.02": (-2.5538, 140.6683), "91.71.03": (-2.6862, 140.6991),
}
# fmt: on

# ================================================================ history shape

# Relative arrival weight per year for the population still present at the reference date.
ARRIVAL_WEIGHTS = {
    2010: 1,
    2011: 2,
    2012: 7,
    2013: 15,
    2014: 20,
    2015: 18,
    2016: 12,
    2017: 6,
    2018: 4,
    2019: 3,
    2020: 1.5,
    2021: 1.5,
    2022: 1.5,
    2023: 1.5,
    2024: 1.2,
    2025: 1.2,
    2026: 1,
}
# Departures (persons at scale 1) per year, fitted so the active total is ~13,900 through
# 2016-2020, ~12,200 in mid-2023 and ~12,100 in 2025-2026 (with the Rohingya arrivals).
DEPARTURES_PER_YEAR = {
    2012: 60,
    2013: 340,
    2014: 680,
    2015: 1020,
    2016: 1280,
    2017: 1270,
    2018: 970,
    2019: 670,
    2020: 600,
    2021: 850,
    2022: 1220,
    2023: 1400,
    2024: 1050,
    2025: 460,
    2026: 150,
}
STEADY_DEPARTURES = 160  # per year after the reference period
REFERENCE_END = D(2026, 12, 31)
MAIN_ACTIVE = 10_906  # active at scale 1 besides the Rohingya arrivals and the special cohort
HOUSEHOLD_SIZES = {1: 0.66, 2: 0.12, 3: 0.08, 4: 0.07, 5: 0.04, 6: 0.02, 7: 0.01}
DEPARTURE_KINDS = {
    "resettled": 0.52,
    "voluntary_return": 0.12,
    "moved": 0.10,
    "unknown": 0.22,
    "deceased": 0.04,
}

# ================================================================ agencies

PROVINCE_LABEL = {"31": "DKI Jakarta", "34": "DI Yogyakarta"}
POLDA = {
    "11": "Polda Aceh",
    "12": "Polda Sumatera Utara",
    "14": "Polda Riau",
    "21": "Polda Kepulauan Riau",
    "31": "Polda Metro Jaya",
    "32": "Polda Jawa Barat",
    "33": "Polda Jawa Tengah",
    "34": "Polda DI Yogyakarta",
    "35": "Polda Jawa Timur",
    "36": "Polda Banten",
    "51": "Polda Bali",
    "52": "Polda Nusa Tenggara Barat",
    "53": "Polda Nusa Tenggara Timur",
    "61": "Polda Kalimantan Barat",
    "64": "Polda Kalimantan Timur",
    "71": "Polda Sulawesi Utara",
    "73": "Polda Sulawesi Selatan",
    "91": "Polda Papua",
}
KODAM = {
    "11": "Kodam Iskandar Muda",
    "12": "Kodam I/Bukit Barisan",
    "14": "Kodam I/Bukit Barisan",
    "21": "Kodam I/Bukit Barisan",
    "31": "Kodam Jaya",
    "32": "Kodam III/Siliwangi",
    "33": "Kodam IV/Diponegoro",
    "34": "Kodam IV/Diponegoro",
    "35": "Kodam V/Brawijaya",
    "36": "Kodam III/Siliwangi",
    "51": "Kodam IX/Udayana",
    "52": "Kodam IX/Udayana",
    "53": "Kodam IX/Udayana",
    "61": "Kodam XII/Tanjungpura",
    "64": "Kodam VI/Mulawarman",
    "71": "Kodam XIII/Merdeka",
    "73": "Kodam XIV/Hasanuddin",
    "91": "Kodam XVII/Cenderawasih",
}
POLRES = {
    "31.71": "Polres Metro Jakarta Pusat",
    "31.72": "Polres Metro Jakarta Utara",
    "31.73": "Polres Metro Jakarta Barat",
    "31.74": "Polres Metro Jakarta Selatan",
    "31.75": "Polres Metro Jakarta Timur",
    "32.01": "Polres Bogor",
    "32.71": "Polresta Bogor Kota",
    "32.75": "Polres Metro Bekasi Kota",
    "32.76": "Polres Metro Depok",
    "36.71": "Polres Metro Tangerang Kota",
    "36.74": "Polres Tangerang Selatan",
    "12.71": "Polrestabes Medan",
    "12.07": "Polresta Deli Serdang",
    "14.71": "Polresta Pekanbaru",
    "21.71": "Polresta Barelang",
    "21.72": "Polresta Tanjungpinang",
    "73.71": "Polrestabes Makassar",
    "73.72": "Polres Parepare",
    "35.15": "Polresta Sidoarjo",
    "35.78": "Polrestabes Surabaya",
    "53.71": "Polresta Kupang Kota",
    "33.74": "Polrestabes Semarang",
    "33.29": "Polres Brebes",
    "33.28": "Polres Tegal",
    "33.76": "Polres Tegal Kota",
    "33.27": "Polres Pemalang",
    "33.26": "Polres Pekalongan",
    "33.75": "Polres Pekalongan Kota",
    "33.25": "Polres Batang",
    "11.71": "Polresta Banda Aceh",
    "11.06": "Polres Aceh Besar",
    "11.07": "Polres Pidie",
    "11.73": "Polres Lhokseumawe",
    "11.08": "Polres Aceh Utara",
    "11.03": "Polres Aceh Timur",
    "11.05": "Polres Aceh Barat",
    "11.01": "Polres Aceh Selatan",
    "11.72": "Polres Sabang",
    "11.11": "Polres Bireuen",
    "51.71": "Polresta Denpasar",
    "51.03": "Polres Badung",
    "71.71": "Polresta Manado",
    "64.71": "Polresta Balikpapan",
    "61.71": "Polresta Pontianak",
    "61.12": "Polres Kubu Raya",
    "91.71": "Polresta Jayapura Kota",
    "32.73": "Polrestabes Bandung",
    "34.71": "Polresta Yogyakarta",
    "52.71": "Polresta Mataram",
}
KODIM = {
    "31.71": "Kodim 0501/Jakarta Pusat",
    "31.72": "Kodim 0502/Jakarta Utara",
    "31.73": "Kodim 0503/Jakarta Barat",
    "31.74": "Kodim 0504/Jakarta Selatan",
    "31.75": "Kodim 0505/Jakarta Timur",
    "32.01": "Kodim 0621/Kabupaten Bogor",
    "32.71": "Kodim 0606/Kota Bogor",
    "32.75": "Kodim 0507/Bekasi",
    "32.76": "Kodim 0508/Depok",
    "36.71": "Kodim 0506/Tangerang",
    "12.71": "Kodim 0201/Medan",
    "12.07": "Kodim 0204/Deli Serdang",
    "14.71": "Kodim 0301/Pekanbaru",
    "21.71": "Kodim 0316/Batam",
    "21.72": "Kodim 0315/Tanjungpinang",
    "73.71": "Kodim 1408/Makassar",
    "73.72": "Kodim 1405/Parepare",
    "35.15": "Kodim 0816/Sidoarjo",
    "35.78": "Kodim 0830/Surabaya Utara",
    "53.71": "Kodim 1604/Kupang",
    "33.74": "Kodim 0733/Kota Semarang",
    "33.29": "Kodim 0713/Brebes",
    "33.28": "Kodim 0712/Tegal",
    "33.27": "Kodim 0711/Pemalang",
    "33.26": "Kodim 0710/Pekalongan",
    "33.25": "Kodim 0736/Batang",
    "11.71": "Kodim 0101/Kota Banda Aceh",
    "11.06": "Kodim 0101/Aceh Besar",
    "11.07": "Kodim 0102/Pidie",
    "11.73": "Kodim 0103/Aceh Utara",
    "11.03": "Kodim 0104/Aceh Timur",
    "11.05": "Kodim 0105/Aceh Barat",
    "11.01": "Kodim 0107/Aceh Selatan",
    "11.72": "Kodim 0112/Sabang",
    "11.11": "Kodim 0111/Bireuen",
    "51.03": "Kodim 1611/Badung",
    "71.71": "Kodim 1309/Manado",
    "64.71": "Kodim 0905/Balikpapan",
    "61.71": "Kodim 1207/Pontianak",
    "91.71": "Kodim 1701/Jayapura",
    "32.73": "Kodim 0618/Kota Bandung",
    "34.71": "Kodim 0734/Kota Yogyakarta",
    "52.71": "Kodim 1606/Mataram",
}


@dataclass(frozen=True)
class Kanim:
    """A Kantor Imigrasi: the office that leads the Tim PORA of the kab/kota it covers."""

    region: str
    name: str
    slug: str
    covers: tuple[str, ...]

    @property
    def code(self) -> str:
        return f"IMIGRASI-{self.region}"


KANIMS: tuple[Kanim, ...] = (
    Kanim(
        "31.71", "Kantor Imigrasi Kelas I Khusus Non TPI Jakarta Pusat", "jakarta-pusat", ("31.71",)
    ),
    Kanim("31.72", "Kantor Imigrasi Kelas I Non TPI Jakarta Utara", "jakarta-utara", ("31.72",)),
    Kanim("31.73", "Kantor Imigrasi Kelas I Non TPI Jakarta Barat", "jakarta-barat", ("31.73",)),
    Kanim(
        "31.74",
        "Kantor Imigrasi Kelas I Khusus Non TPI Jakarta Selatan",
        "jakarta-selatan",
        ("31.74",),
    ),
    Kanim("31.75", "Kantor Imigrasi Kelas I Non TPI Jakarta Timur", "jakarta-timur", ("31.75",)),
    Kanim("32.71", "Kantor Imigrasi Kelas I Non TPI Bogor", "bogor", ("32.01", "32.71")),
    Kanim("36.71", "Kantor Imigrasi Kelas I Non TPI Tangerang", "tangerang", ("36.71", "36.74")),
    Kanim("32.76", "Kantor Imigrasi Kelas II Non TPI Depok", "depok", ("32.76",)),
    Kanim("32.75", "Kantor Imigrasi Kelas I Non TPI Bekasi", "bekasi", ("32.75",)),
    Kanim("12.71", "Kantor Imigrasi Kelas I Khusus TPI Medan", "medan", ("12.71", "12.07")),
    Kanim("14.71", "Kantor Imigrasi Kelas I TPI Pekanbaru", "pekanbaru", ("14.71",)),
    Kanim("21.71", "Kantor Imigrasi Kelas I Khusus TPI Batam", "batam", ("21.71",)),
    Kanim("21.72", "Kantor Imigrasi Kelas I TPI Tanjung Pinang", "tanjungpinang", ("21.72",)),
    Kanim("73.71", "Kantor Imigrasi Kelas I TPI Makassar", "makassar", ("73.71",)),
    Kanim("73.72", "Kantor Imigrasi Kelas II TPI Parepare", "parepare", ("73.72",)),
    Kanim("35.15", "Kantor Imigrasi Kelas I Khusus TPI Surabaya", "surabaya", ("35.15", "35.78")),
    Kanim("53.71", "Kantor Imigrasi Kelas I TPI Kupang", "kupang", ("53.71",)),
    Kanim("33.74", "Kantor Imigrasi Kelas I TPI Semarang", "semarang", ("33.74",)),
    Kanim(
        "33.27",
        "Kantor Imigrasi Kelas I Non TPI Pemalang",
        "pemalang",
        ("33.29", "33.27", "33.28", "33.76", "33.26", "33.75", "33.25"),
    ),
    Kanim(
        "11.71", "Kantor Imigrasi Kelas I TPI Banda Aceh", "banda-aceh", ("11.71", "11.06", "11.07")
    ),
    Kanim(
        "11.73",
        "Kantor Imigrasi Kelas II TPI Lhokseumawe",
        "lhokseumawe",
        ("11.73", "11.08", "11.11"),
    ),
    Kanim("11.74", "Kantor Imigrasi Kelas II TPI Langsa", "langsa", ("11.03",)),
    Kanim("11.05", "Kantor Imigrasi Kelas II TPI Meulaboh", "meulaboh", ("11.05", "11.01")),
    Kanim("11.72", "Kantor Imigrasi Kelas II TPI Sabang", "sabang", ("11.72",)),
    Kanim("51.71", "Kantor Imigrasi Kelas I TPI Denpasar", "denpasar", ("51.71", "51.03")),
    Kanim("71.71", "Kantor Imigrasi Kelas I TPI Manado", "manado", ("71.71",)),
    Kanim("64.71", "Kantor Imigrasi Kelas I TPI Balikpapan", "balikpapan", ("64.71",)),
    Kanim("61.71", "Kantor Imigrasi Kelas I TPI Pontianak", "pontianak", ("61.71", "61.12")),
    Kanim("91.71", "Kantor Imigrasi Kelas I TPI Jayapura", "jayapura", ("91.71",)),
    Kanim("32.73", "Kantor Imigrasi Kelas I TPI Bandung", "bandung", ("32.73",)),
    Kanim("34.71", "Kantor Imigrasi Kelas I TPI Yogyakarta", "yogyakarta", ("34.71",)),
    Kanim("52.71", "Kantor Imigrasi Kelas I TPI Mataram", "mataram", ("52.71",)),
)
KANIM_OF_KAB = {kab: k for k in KANIMS for kab in k.covers}

# Kab/kota of the Rohingya shelters and landings, and the meeting places without refugees.
ACEH_KABS = (
    "11.07",
    "11.73",
    "11.06",
    "11.03",
    "11.05",
    "11.71",
    "11.72",
    "11.01",
    "11.08",
    "11.11",
)
OTHER_MEMBER_KABS = EX_PEKALONGAN + ("73.72", "51.03", "61.12")

NATIONAL_AGENCIES: tuple[tuple[str, str, str], ...] = (
    ("DITJENIM", "Direktorat Jenderal Imigrasi", "imigrasi"),
    (
        "DITWASDAKIM",
        "Direktorat Pengawasan dan Penindakan Keimigrasian, Ditjen Imigrasi",
        "imigrasi",
    ),
    ("KEMENKOPOLHUKAM", "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan", "other"),
    ("SATGAS-PPLN", "Satuan Tugas Penanganan Pengungsi dari Luar Negeri", "other"),
    ("UNHCR", "UNHCR Indonesia", "unhcr"),
    ("IOM", "IOM Indonesia", "iom"),
    (
        "DITJEN-DUKCAPIL",
        "Direktorat Jenderal Kependudukan dan Pencatatan Sipil, Kemendagri",
        "dukcapil",
    ),
    (
        "DITJEN-POLPUM",
        "Direktorat Jenderal Politik dan Pemerintahan Umum, Kemendagri",
        "kesbangpol",
    ),
    ("BAHARKAM", "Badan Pemelihara Keamanan Polri", "polri"),
    ("BAIS-TNI", "Badan Intelijen Strategis TNI", "tni"),
    ("KEJAGUNG", "Kejaksaan Agung Republik Indonesia", "kejaksaan"),
    ("KEMENSOS", "Kementerian Sosial", "dinsos"),
    ("KEMNAKER", "Kementerian Ketenagakerjaan", "disnaker"),
    ("DJBC", "Direktorat Jenderal Bea dan Cukai", "beacukai"),
    ("KEMENLU", "Kementerian Luar Negeri", "other"),
    ("BIN", "Badan Intelijen Negara", "other"),
)

# Kecamatan with their own Tim PORA (camat as member, kecamatan-level rakor).
KECAMATAN_TEAMS = (
    "32.01.25",
    "32.01.26",
    "31.73.06",
    "31.71.06",
    "31.75.08",
    "12.71.21",
    "14.71.08",
    "21.71.10",
    "21.72.04",
    "73.71.09",
    "35.15.13",
    "53.71.03",
    "11.07.14",
    "11.73.03",
    SIRAMPOG,
)

# Titles of the officials in charge of actions, by agency kind.
PIC_TITLES = {
    "imigrasi": (
        "Kepala Seksi Inteldakim",
        "Kepala Subseksi Pengawasan Keimigrasian",
        "Kepala Seksi Teknologi Informasi Keimigrasian",
    ),
    "kesbangpol": ("Kepala Bidang Kewaspadaan Nasional", "Kepala Bidang Politik Dalam Negeri"),
    "satpolpp": ("Kepala Bidang Ketertiban Umum", "Kepala Seksi Operasi dan Pengendalian"),
    "dukcapil": (
        "Kepala Bidang Pelayanan Pendaftaran Penduduk",
        "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan",
    ),
    "polri": ("Kasat Intelkam", "Kanit Intelkam"),
    "tni": ("Pasi Intel", "Danramil"),
    "kejaksaan": ("Kepala Seksi Intelijen",),
    "beacukai": ("Kepala Seksi Penindakan dan Penyidikan",),
    "disnaker": ("Kepala Bidang Pengawasan Ketenagakerjaan",),
    "dinsos": ("Kepala Bidang Rehabilitasi Sosial", "Kepala Bidang Perlindungan Sosial"),
    "pemda": ("Camat", "Sekretaris Kecamatan", "Kepala Seksi Trantib"),
    "unhcr": ("Protection Associate", "Senior Protection Assistant"),
    "iom": ("Programme Officer", "Project Assistant"),
    "other": ("Kepala Subbidang Penanganan Pengungsi", "Analis Kebijakan"),
}

# ================================================================ calendar

IDUL_FITRI = (D(2022, 5, 2), D(2023, 4, 22), D(2024, 4, 10), D(2025, 3, 31), D(2026, 3, 20))
IDUL_ADHA = (D(2022, 7, 10), D(2023, 6, 29), D(2024, 6, 17), D(2025, 6, 6), D(2026, 5, 27))
CALENDAR_YEARS = range(2022, 2027)


def calendar_events() -> list[dict[str, Any]]:
    """Elections, campaign periods and national holidays (national: no region)."""
    events: list[tuple[str, str, dt.date, dt.date]] = [
        ("Pemungutan Suara Pemilu 2019", "other", D(2019, 4, 17), D(2019, 4, 17)),
        ("Pemungutan Suara Pilkada Serentak 2020", "pilkada", D(2020, 12, 9), D(2020, 12, 9)),
        ("Masa Kampanye Pemilu 2024", "campaign", D(2023, 11, 28), D(2024, 2, 10)),
        ("Pemungutan Suara Pemilu 2024", "other", D(2024, 2, 14), D(2024, 2, 14)),
        ("Masa Kampanye Pilkada Serentak 2024", "campaign", D(2024, 9, 25), D(2024, 11, 23)),
        ("Pemungutan Suara Pilkada Serentak 2024", "pilkada", D(2024, 11, 27), D(2024, 11, 27)),
    ]
    for year in CALENDAR_YEARS:
        events += [
            ("Tahun Baru Masehi", "holiday", D(year, 1, 1), D(year, 1, 1)),
            ("Hari Pengungsi Sedunia", "other", D(year, 6, 20), D(year, 6, 20)),
            ("Hari Kemerdekaan RI", "holiday", D(year, 8, 17), D(year, 8, 17)),
            ("Hari Raya Natal", "holiday", D(year, 12, 25), D(year, 12, 25)),
        ]
    for day in IDUL_FITRI:
        events.append(("Hari Raya Idul Fitri", "holiday", day, day + dt.timedelta(days=1)))
    for day in IDUL_ADHA:
        events.append(("Hari Raya Idul Adha", "holiday", day, day))
    events.sort(key=lambda e: (e[2], e[0]))
    return [
        {
            "name": f"{name} {start.year}" if kind == "holiday" or "Sedunia" in name else name,
            "kind": kind,
            "starts_on": start,
            "ends_on": end,
            "region_code": None,
        }
        for name, kind, start, end in events
    ]


# ================================================================ meetings and actions


@dataclass(frozen=True)
class PlannedAction:
    """An action of a named meeting: what, who, when due, and how it went (days after the
    meeting: (day, status, comment)); cut at the reference date like everything else."""

    description: str
    owner: str
    due_days: int
    history: tuple[tuple[int, str, str], ...]
    operation: str | None = None  # kind of the field operation that carried it out


@dataclass(frozen=True)
class NamedMeeting:
    held_on: dt.date
    level: str
    office: str
    region: str
    venue: str
    title: str
    agenda: str
    minutes: str
    attendees: tuple[str, ...]
    actions: tuple[PlannedAction, ...]


NAMED_MEETINGS: tuple[NamedMeeting, ...] = (
    NamedMeeting(
        D(2024, 6, 5),
        "kabkota",
        "IMIGRASI-73.72",
        "73.72",
        "Aula Lago'Ta Cafe & Resto, Soreang, Kota Parepare",
        "Rapat Tim Pengawasan Orang Asing Kota Parepare Tahun 2024",
        "1. Pembukaan oleh Kepala Divisi Keimigrasian Kanwil Sulawesi Selatan\n"
        "2. Paparan keberadaan dan kegiatan orang asing di Kota Parepare\n"
        "3. Antisipasi gangguan keamanan yang melibatkan orang asing menjelang Pilkada 2024\n"
        "4. Diskusi dan rencana tindak lanjut",
        "Parepare adalah kota pelabuhan dan daerah transit lalu lintas orang asing. Tidak ada "
        "pengungsi luar negeri yang berdomisili di Kota Parepare; pengawasan difokuskan pada WNA "
        "pemegang izin tinggal dan orang asing yang singgah di pelabuhan. Anggota Tim PORA "
        "sepakat meningkatkan pertukaran informasi, mengantisipasi keterlibatan orang asing dalam "
        "kegiatan politik menjelang Pilkada serentak 27 November 2024, dan menjalankan "
        "pengawasan secara proporsional dengan menghormati hak asasi manusia.",
        (
            "IMIGRASI-73.72",
            "KANWIL-IMIGRASI-73",
            "KESBANGPOL-73.72",
            "POLRI-73.72",
            "TNI-73.72",
            "KEJAKSAAN-73.72",
            "DISNAKER-73.72",
            "DUKCAPIL-73.72",
            "BEACUKAI-73.72",
            "PEMDA-73.72",
        ),
        (
            PlannedAction(
                "Pengawasan lalu lintas orang asing di Pelabuhan Nusantara Parepare "
                "bersama KSOP dan Bea Cukai",
                "BEACUKAI-73.72",
                60,
                (
                    (9, "in_progress", "Jadwal pengawasan bersama disusun."),
                    (47, "done", "Pengawasan dilaksanakan, tidak ditemukan pelanggaran."),
                ),
            ),
            PlannedAction(
                "Pemutakhiran data WNA yang tinggal dan bekerja di Kota Parepare",
                "IMIGRASI-73.72",
                45,
                (
                    (12, "in_progress", "Permintaan data ke Disnaker dan DPMPTSP."),
                    (40, "done", "Data WNA per kecamatan diperbarui."),
                ),
                "pendataan",
            ),
            PlannedAction(
                "Sosialisasi Aplikasi Pengawasan Orang Asing (APOA) kepada camat dan "
                "lurah se-Kota Parepare",
                "KESBANGPOL-73.72",
                90,
                (
                    (30, "in_progress", "Undangan sosialisasi dikirim."),
                    (71, "done", "Sosialisasi diikuti camat dan lurah."),
                ),
            ),
            PlannedAction(
                "Antisipasi keterlibatan orang asing dalam kegiatan politik menjelang Pilkada 2024",
                "POLRI-73.72",
                170,
                (
                    (20, "in_progress", "Pemantauan oleh Satintelkam berjalan."),
                    (
                        176,
                        "done",
                        "Pilkada berlangsung kondusif, tidak ada keterlibatan orang asing.",
                    ),
                ),
            ),
        ),
    ),
    NamedMeeting(
        D(2024, 7, 17),
        "kabkota",
        "IMIGRASI-33.27",
        "33.29",
        "Grand Dian Hotel Brebes",
        "Rapat Koordinasi Tim Pengawasan Orang Asing Kabupaten Brebes Tahun 2024",
        "1. Pembukaan oleh Kepala Divisi Keimigrasian Kanwil Jawa Tengah\n"
        "2. Paparan keberadaan orang asing dan pengungsi di wilayah kerja Kantor Imigrasi "
        "Pemalang\n"
        "3. Isu aktual: krisis global, investasi, dan kerawanan menjelang Pilkada 2024\n"
        "4. Sinergi Tim PORA mengantisipasi gelombang kedatangan pengungsi",
        "Kantor Imigrasi Kelas I Non TPI Pemalang melaporkan 19 pengungsi luar negeri di wilayah "
        "eks Karesidenan Pekalongan (Kabupaten Brebes, Tegal, Pemalang, Pekalongan, Batang, Kota "
        "Tegal dan Kota Pekalongan). Tiga di antaranya warga Palestina yang tinggal di Kecamatan "
        "Sirampog, Kabupaten Brebes, dan telah memegang kartu pengungsi UNHCR. Pengawasan "
        "dilakukan dengan memantau kegiatan mereka secara proporsional; yang paling diantisipasi "
        "adalah konflik sosial di tengah masyarakat. Mengingat situasi geopolitik global, Tim "
        "PORA diminta bersinergi mengantisipasi kemungkinan gelombang kedatangan pengungsi, dan "
        "mewaspadai isu-isu menjelang Pilkada 2024.",
        (
            "IMIGRASI-33.27",
            "KANWIL-IMIGRASI-33",
            "KESBANGPOL-33.29",
            "POLRI-33.29",
            "TNI-33.29",
            "SATPOLPP-33.29",
            "DUKCAPIL-33.29",
            "KEJAKSAAN-33.29",
            "DINSOS-33.29",
            "DISNAKER-33.29",
            "CAMAT-33.29.05",
        ),
        (
            PlannedAction(
                "Pendataan ulang pengungsi di Kecamatan Sirampog bersama Dukcapil",
                "DUKCAPIL-33.29",
                45,
                (
                    (8, "in_progress", "Koordinasi jadwal dengan Kecamatan Sirampog."),
                    (
                        34,
                        "done",
                        "Tiga pengungsi asal Palestina terdata ulang; kartu UNHCR masih berlaku.",
                    ),
                ),
                "pendataan",
            ),
            PlannedAction(
                "Koordinasi dengan UNHCR untuk verifikasi status dan kartu pengungsi di "
                "wilayah eks Karesidenan Pekalongan",
                "IMIGRASI-33.27",
                30,
                (
                    (5, "in_progress", "Surat permintaan verifikasi dikirim ke UNHCR."),
                    (29, "done", "UNHCR mengonfirmasi status 19 pengungsi."),
                ),
            ),
            PlannedAction(
                "Pemetaan potensi kerawanan sosial menjelang Pilkada 2024 di lokasi "
                "tempat tinggal pengungsi",
                "KESBANGPOL-33.29",
                60,
                (
                    (21, "in_progress", "Pengumpulan bahan keterangan dari kecamatan."),
                    (
                        74,
                        "done",
                        "Peta kerawanan disampaikan kepada Tim PORA; tidak ada "
                        "titik rawan terkait pengungsi.",
                    ),
                ),
            ),
            PlannedAction(
                "Pembentukan Tim PORA tingkat Kecamatan Sirampog",
                "KESBANGPOL-33.29",
                90,
                (
                    (40, "in_progress", "Rancangan SK disiapkan."),
                    (88, "done", "SK Tim PORA Kecamatan Sirampog ditetapkan."),
                ),
            ),
            PlannedAction(
                "Sosialisasi pelaporan keberadaan orang asing kepada kepala desa "
                "se-Kecamatan Sirampog",
                "CAMAT-33.29.05",
                105,
                (
                    (
                        62,
                        "in_progress",
                        "Sosialisasi di tiga desa telah dilaksanakan; desa "
                        "lain menunggu jadwal musyawarah desa.",
                    ),
                ),
            ),
        ),
    ),
    NamedMeeting(
        D(2024, 10, 17),
        "kabkota",
        "IMIGRASI-31.75",
        "31.75",
        "Hotel Wyndham Casablanca Jakarta",
        "Rapat Tim PORA Kota Administrasi Jakarta Timur: Peningkatan Koordinasi terhadap "
        "Keberadaan Pengungsi untuk Menjaga Stabilitas Pilkada Serentak 2024",
        "1. Pembukaan oleh Kepala Divisi Keimigrasian Kanwil DKI Jakarta\n"
        "2. Paparan keberadaan pengungsi di wilayah Jakarta Timur\n"
        "3. Narasumber: UNHCR Indonesia dan Suku Badan Kesbangpol Jakarta Timur\n"
        "4. Langkah pengamanan menjelang pemungutan suara 27 November 2024",
        "Rapat bertujuan menjaga stabilitas Pilkada serentak 2024 di Jakarta Timur, wilayah "
        "yang luas dan heterogen. {count_sentence} Imigrasi menangani pelanggaran izin tinggal; "
        "penanganan pengungsi memerlukan sinergi seluruh anggota Tim PORA. UNHCR sebagai "
        "narasumber menjelaskan status dan hak serta kewajiban pengungsi, termasuk larangan "
        "terlibat kegiatan politik. Anggota diminta meningkatkan deteksi dini potensi konflik "
        "sosial di sekitar tempat tinggal pengungsi selama masa kampanye.",
        (
            "IMIGRASI-31.75",
            "KANWIL-IMIGRASI-31",
            "KESBANGPOL-31.75",
            "POLRI-31.75",
            "TNI-31.75",
            "SATPOLPP-31.75",
            "DUKCAPIL-31.75",
            "KEJAKSAAN-31.75",
            "DINSOS-31.75",
            "UNHCR",
            "CAMAT-31.75.08",
        ),
        (
            PlannedAction(
                "Pemetaan titik rawan konflik sosial di sekitar tempat tinggal "
                "pengungsi menjelang pemungutan suara 27 November 2024",
                "KESBANGPOL-31.75",
                28,
                (
                    (4, "in_progress", "Pengumpulan data dari sepuluh kecamatan."),
                    (25, "done", "Peta titik rawan disampaikan ke Polres dan Kodim."),
                ),
            ),
            PlannedAction(
                "Patroli bersama di Kecamatan Makasar, Kramat Jati dan Ciracas selama "
                "masa kampanye",
                "POLRI-31.75",
                40,
                (
                    (6, "in_progress", "Patroli dimulai."),
                    (41, "done", "Patroli selesai; situasi kondusif."),
                ),
                "monitoring",
            ),
            PlannedAction(
                "Imbauan melalui UNHCR agar pengungsi tidak terlibat kegiatan kampanye "
                "dan tidak berkumpul di tempat umum",
                "UNHCR",
                14,
                ((10, "done", "Imbauan disampaikan melalui jaringan komunitas pengungsi."),),
            ),
            PlannedAction(
                "Pendataan ulang pengungsi yang tinggal mandiri di Jakarta Timur "
                "bersama Sudin Dukcapil",
                "DUKCAPIL-31.75",
                75,
                (
                    (30, "in_progress", "Pendataan di Kecamatan Makasar dan Ciracas."),
                    (112, "done", "Pendataan selesai terlambat karena pergantian petugas."),
                ),
                "pendataan",
            ),
            PlannedAction(
                "Penyampaian laporan situasi harian orang asing selama masa tenang dan "
                "hari pemungutan suara",
                "IMIGRASI-31.75",
                42,
                (
                    (37, "in_progress", "Laporan harian dimulai 24 November."),
                    (42, "done", "Laporan harian lengkap disampaikan ke Kanwil."),
                ),
            ),
        ),
    ),
    NamedMeeting(
        D(2024, 11, 4),
        "kabkota",
        "IMIGRASI-31.71",
        "31.71",
        "Hotel di kawasan Pasar Baru, Sawah Besar, Jakarta Pusat",
        "Diskusi Publik Tim PORA: Penanganan Pencari Suaka dan Pengungsi di Wilayah Kota "
        "Administrasi Jakarta Pusat",
        "1. Pembukaan oleh Asisten Pemerintahan Sekretariat Kota Administrasi Jakarta Pusat\n"
        "2. Narasumber: Kesbangpol (situasi wilayah), UNHCR Indonesia, Kantor Imigrasi\n"
        "3. Diskusi: pencari suaka yang berkumpul di Jakarta Pusat\n"
        "4. Rekomendasi",
        "Jakarta Pusat lebih banyak menjadi tempat berkumpul dan unjuk rasa pencari suaka dan "
        "pengungsi, terutama di sekitar bekas kantor UNHCR di Jl. Kebon Sirih (Menteng), daripada "
        "tempat tinggal. {count_sentence} {incident_sentence} Penanganan bersifat dilematis: "
        "menjaga ketertiban dan keamanan, namun tetap memperhatikan aspek kemanusiaan. Seluruh "
        "unsur Tim PORA Jakarta Pusat (Imigrasi, Kesbangpol, Satpol PP, Dukcapil) dilibatkan, "
        "dan diusulkan keterlibatan pemerintah pusat.",
        (
            "IMIGRASI-31.71",
            "KANWIL-IMIGRASI-31",
            "KESBANGPOL-31.71",
            "SATPOLPP-31.71",
            "DUKCAPIL-31.71",
            "POLRI-31.71",
            "TNI-31.71",
            "DINSOS-31.71",
            "UNHCR",
            "PEMDA-31.71",
            "CAMAT-31.71.06",
        ),
        (
            PlannedAction(
                "Pendekatan persuasif terhadap pencari suaka yang berkumpul di trotoar "
                "Jl. Kebon Sirih",
                "SATPOLPP-31.71",
                30,
                (
                    (3, "in_progress", "Pendekatan bersama Satpol PP Kecamatan Menteng."),
                    (26, "done", "Kelompok yang berkumpul bersedia kembali ke tempat tinggal."),
                ),
                "monitoring",
            ),
            PlannedAction(
                "Koordinasi dengan UNHCR terkait layanan informasi bagi pencari suaka "
                "agar tidak berkumpul di Jakarta Pusat",
                "UNHCR",
                45,
                (
                    (15, "in_progress", "Jadwal layanan informasi daring dibahas."),
                    (58, "done", "Layanan informasi dan pengaduan daring disosialisasikan."),
                ),
            ),
            PlannedAction(
                "Usulan keterlibatan pemerintah pusat (Satgas PPLN) dalam penanganan "
                "pencari suaka di Jakarta Pusat",
                "PEMDA-31.71",
                60,
                (
                    (20, "in_progress", "Surat usulan disiapkan."),
                    (95, "dropped", "Dibahas di rakor Tim PORA tingkat provinsi."),
                ),
            ),
            PlannedAction(
                "Pendataan pencari suaka yang berkumpul di Menteng dan Tanah Abang "
                "bersama Sudin Dukcapil",
                "DUKCAPIL-31.71",
                30,
                (
                    (7, "in_progress", "Pendataan dimulai."),
                    (27, "done", "Sebagian besar tinggal di Jakarta Barat dan Bogor."),
                ),
                "pendataan",
            ),
        ),
    ),
    NamedMeeting(
        D(2025, 5, 22),
        "kabkota",
        "IMIGRASI-31.75",
        "31.75",
        "Aula Kantor Wali Kota Administrasi Jakarta Timur",
        "Rapat Koordinasi Tim PORA Kota Administrasi Jakarta Timur: Integrasi Data Pengungsi "
        "dengan Data Kependudukan",
        "1. Pembukaan\n"
        "2. Amanat Permenimipas Nomor 2 Tahun 2025: peta pengawasan orang asing berjenjang dari "
        "desa/kelurahan\n"
        "3. Paparan Sudin Dukcapil: pencatatan penduduk non-permanen dalam SIAK\n"
        "4. Rancangan pertukaran data Imigrasi, Dukcapil, UNHCR dan IOM",
        "Data yang terintegrasi membuat pengawasan lebih cepat dan berbasis bukti. {count_sentence} "
        "Data pengungsi dari UNHCR, IOM dan Kantor Imigrasi belum terhubung dengan data "
        "kependudukan; Sudin Dukcapil mengusulkan pencocokan per kelurahan melalui SIAK. Sesuai "
        "Permenimipas Nomor 2 Tahun 2025, Tim PORA menyusun peta pengawasan orang asing "
        "berjenjang dari kelurahan sampai kota. Data pribadi hanya dibuka untuk petugas yang "
        "berwenang.",
        (
            "IMIGRASI-31.75",
            "KANWIL-IMIGRASI-31",
            "DUKCAPIL-31.75",
            "DITJEN-DUKCAPIL",
            "KESBANGPOL-31.75",
            "POLRI-31.75",
            "TNI-31.75",
            "SATPOLPP-31.75",
            "UNHCR",
            "IOM",
        ),
        (
            PlannedAction(
                "Penyusunan format pertukaran data pengungsi antara Kantor Imigrasi, "
                "Sudin Dukcapil, UNHCR dan IOM",
                "IMIGRASI-31.75",
                45,
                (
                    (10, "in_progress", "Rancangan format dibahas bersama UNHCR dan IOM."),
                    (43, "done", "Format pertukaran data disepakati."),
                ),
            ),
            PlannedAction(
                "Pencocokan data pengungsi dengan data penduduk non-permanen di SIAK per kelurahan",
                "DUKCAPIL-31.75",
                120,
                ((49, "in_progress", "Pencocokan selesai di 30 dari 65 kelurahan."),),
            ),
            PlannedAction(
                "Penyusunan peta pengawasan orang asing tingkat kelurahan sesuai "
                "Permenimipas Nomor 2 Tahun 2025",
                "IMIGRASI-31.75",
                90,
                (
                    (21, "in_progress", "Pengumpulan data kelurahan."),
                    (86, "done", "Peta pengawasan dipaparkan di rakor triwulan."),
                ),
            ),
            PlannedAction(
                "Uji coba dasbor PORA untuk rapat koordinasi berikutnya",
                "KESBANGPOL-31.75",
                60,
                (
                    (30, "in_progress", "Akun operator dibuat."),
                    (63, "done", "Dasbor dipakai pada rakor berikutnya."),
                ),
            ),
            PlannedAction(
                "Perjanjian kerja sama pemanfaatan data kependudukan untuk pengawasan orang asing",
                "DITJEN-DUKCAPIL",
                180,
                (),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class ActionTemplate:
    """A routine follow-up: text ({kec}, {kab}), owner kinds in order of preference, the kind
    of field operation that carries it out (if any), and the themes it belongs to."""

    text: str
    owners: tuple[str, ...]
    operation: str | None
    themes: tuple[str, ...]


ACTION_TEMPLATES: tuple[ActionTemplate, ...] = (
    ActionTemplate(
        "Pendataan ulang pengungsi dan pencari suaka di Kecamatan {kec} bersama Dukcapil",
        ("dukcapil", "imigrasi"),
        "pendataan",
        ("umum", "data"),
    ),
    ActionTemplate(
        "Pemutakhiran data sebaran pengungsi per kecamatan untuk peta pengawasan orang asing {kab}",
        ("imigrasi",),
        None,
        ("umum", "data"),
    ),
    ActionTemplate(
        "Operasi gabungan pengawasan orang asing di wilayah {kab}",
        ("imigrasi",),
        "operasi_gabungan",
        ("umum",),
    ),
    ActionTemplate(
        "Monitoring community house di Kecamatan {kec} dan koordinasi kapasitas hunian dengan IOM",
        ("iom", "imigrasi"),
        "monitoring",
        ("hunian",),
    ),
    ActionTemplate(
        "Sosialisasi hak dan kewajiban pengungsi kepada pengelola community house "
        "dan warga sekitar",
        ("kesbangpol", "imigrasi"),
        None,
        ("hunian", "umum"),
    ),
    ActionTemplate(
        "Koordinasi dengan UNHCR terkait pencari suaka yang belum memperoleh keputusan status",
        ("imigrasi", "unhcr"),
        None,
        ("umum",),
    ),
    ActionTemplate(
        "Penyusunan laporan triwulan Tim PORA {kab} kepada Kanwil", ("imigrasi",), None, ("umum",)
    ),
    ActionTemplate(
        "Patroli bersama di sekitar lokasi tempat tinggal pengungsi di Kecamatan {kec}",
        ("polri", "satpolpp", "tni"),
        "monitoring",
        ("umum", "keamanan"),
    ),
    ActionTemplate(
        "Penertiban pengungsi yang bekerja tanpa izin di Kecamatan {kec}",
        ("disnaker", "satpolpp", "imigrasi"),
        "operasi_gabungan",
        ("umum",),
    ),
    ActionTemplate(
        "Deteksi dini potensi konflik sosial di Kecamatan {kec} melalui Forum "
        "Kewaspadaan Dini Masyarakat",
        ("kesbangpol",),
        None,
        ("umum", "keamanan"),
    ),
    ActionTemplate(
        "Verifikasi laporan warga tentang orang asing tanpa dokumen di Kecamatan {kec}",
        ("imigrasi", "polri"),
        "operasi_gabungan",
        ("umum",),
    ),
    ActionTemplate(
        "Pembaruan daftar kontak anggota Tim PORA tingkat kecamatan dan kelurahan",
        ("pemda", "kesbangpol"),
        None,
        ("umum",),
    ),
    ActionTemplate(
        "Pendampingan layanan kesehatan dan pendidikan anak pengungsi bersama Dinas Sosial",
        ("dinsos", "iom"),
        None,
        ("hunian", "umum"),
    ),
    ActionTemplate(
        "Pemantauan pergerakan pengungsi keluar-masuk wilayah {kab}",
        ("polri", "imigrasi"),
        "monitoring",
        ("umum", "keamanan"),
    ),
    ActionTemplate(
        "Penyampaian rekapitulasi data pengungsi kepada Kesbangpol provinsi",
        ("kesbangpol",),
        None,
        ("umum", "data"),
    ),
    ActionTemplate(
        "Evaluasi penempatan pengungsi di Rudenim dan rencana pemindahan ke community house",
        ("imigrasi", "iom"),
        None,
        ("hunian",),
    ),
    ActionTemplate(
        "Pengawasan pelabuhan rakyat dan jalur tidak resmi terhadap kedatangan orang asing",
        ("beacukai", "tni", "polri"),
        "monitoring",
        ("pesisir",),
    ),
    ActionTemplate(
        "Penyuluhan hukum kepada pengungsi tentang larangan bekerja dan kegiatan politik",
        ("kejaksaan", "imigrasi"),
        None,
        ("umum", "pilkada"),
    ),
    ActionTemplate(
        "Pemetaan titik rawan konflik sosial yang melibatkan orang asing menjelang "
        "Pilkada serentak 27 November 2024",
        ("kesbangpol", "polri"),
        None,
        ("pilkada",),
    ),
    ActionTemplate(
        "Pemantauan agar pengungsi tidak terlibat kegiatan kampanye Pilkada di Kecamatan {kec}",
        ("polri", "imigrasi", "kesbangpol"),
        "monitoring",
        ("pilkada",),
    ),
    ActionTemplate(
        "Koordinasi pengamanan lokasi konsentrasi pengungsi pada masa tenang dan hari "
        "pemungutan suara",
        ("polri", "tni"),
        None,
        ("pilkada",),
    ),
    ActionTemplate(
        "Penyiapan lokasi penampungan sementara pengungsi Rohingya bersama Pemda dan UNHCR",
        ("pemda", "dinsos", "unhcr"),
        None,
        ("rohingya",),
    ),
    ActionTemplate(
        "Pendataan dan pemeriksaan kesehatan pengungsi Rohingya di penampungan Kecamatan {kec}",
        ("imigrasi", "dinsos"),
        "pendataan",
        ("rohingya",),
    ),
    ActionTemplate(
        "Pengamanan lokasi penampungan dan pencegahan penolakan warga",
        ("polri", "tni"),
        "monitoring",
        ("rohingya",),
    ),
    ActionTemplate(
        "Penelusuran dugaan penyelundupan manusia terkait kedatangan kapal Rohingya",
        ("polri", "kejaksaan"),
        None,
        ("rohingya",),
    ),
    ActionTemplate(
        "Pencatatan pengungsi Rohingya yang meninggalkan penampungan tanpa izin",
        ("imigrasi", "unhcr"),
        None,
        ("rohingya",),
    ),
    ActionTemplate(
        "Integrasi data pengungsi dengan basis data kependudukan (SIAK) Dukcapil",
        ("dukcapil",),
        None,
        ("data",),
    ),
    ActionTemplate(
        "Penyusunan format pertukaran data antara Imigrasi, Dukcapil, UNHCR dan IOM",
        ("imigrasi", "dukcapil"),
        None,
        ("data",),
    ),
    ActionTemplate(
        "Pembentukan Tim PORA tingkat Kecamatan {kec}", ("pemda", "kesbangpol"), None, ("umum",)
    ),
    ActionTemplate(
        "Pendekatan persuasif terhadap pencari suaka yang berkumpul di ruang publik",
        ("satpolpp", "kesbangpol"),
        "monitoring",
        ("berkumpul",),
    ),
    ActionTemplate(
        "Koordinasi dengan UNHCR tentang layanan informasi bagi pencari suaka yang "
        "berkumpul di Jakarta Pusat",
        ("unhcr", "imigrasi"),
        None,
        ("berkumpul",),
    ),
)

DROP_REASONS = (
    "Digabung dengan tindak lanjut rakor berikutnya.",
    "Sudah ditangani dalam operasi gabungan tingkat provinsi.",
    "Tidak relevan lagi setelah pengungsi direlokasi oleh IOM.",
    "Anggaran kegiatan tidak tersedia pada tahun berjalan.",
    "Diambil alih oleh Satgas Penanganan Pengungsi dari Luar Negeri.",
)
PROGRESS_COMMENTS = (
    "Koordinasi awal dengan instansi terkait.",
    "Jadwal kegiatan disusun.",
    "Surat permintaan data dikirim.",
    "Pelaksanaan lapangan dimulai.",
    "Menunggu data dari UNHCR.",
    "Sebagian kegiatan terlaksana.",
)
DONE_COMMENTS = (
    "Selesai; laporan disampaikan ke sekretariat Tim PORA.",
    "Selesai sesuai rencana.",
    "Kegiatan terlaksana; hasil dibahas pada rakor berikutnya.",
    "Selesai, dokumentasi terlampir.",
    "Tuntas, tidak ditemukan pelanggaran.",
)

FINDINGS = {
    "operasi_gabungan": (
        "tanpa_dokumen",
        "izin_tinggal_habis",
        "pindah_tanpa_lapor",
        "bekerja_tanpa_izin",
    ),
    "pendataan": ("terdata_ulang", "pindah_tanpa_lapor", "tidak_ditemukan", "kelahiran_baru"),
    "monitoring": ("terdata_ulang", "keluhan_warga", "pindah_tanpa_lapor"),
}
OPERATION_TEXT = {
    "operasi_gabungan": "Operasi gabungan Tim PORA pengawasan orang asing di Kecamatan {kec}, "
    "{kab}.",
    "pendataan": "Pendataan ulang pengungsi dan pencari suaka di Kecamatan {kec}, {kab}, "
    "bersama Dukcapil dan UNHCR.",
    "monitoring": "Monitoring lokasi tempat tinggal pengungsi di Kecamatan {kec}, {kab}.",
}

# ================================================================ incidents

INCIDENT_TEXT = {
    "protest": (
        "Unjuk rasa sekitar {n} pencari suaka dan pengungsi menuntut percepatan penempatan ke "
        "negara ketiga.",
        "Sekelompok pencari suaka berkumpul di trotoar dan meminta kejelasan status dari UNHCR.",
        "Aksi damai pengungsi di depan kantor UNHCR; berakhir tertib setelah mediasi.",
        "Pengungsi berkumpul membawa spanduk tuntutan pemukiman kembali; lalu lintas sempat "
        "terganggu.",
    ),
    "tension": (
        "Laporan keresahan warga terkait aktivitas pengungsi di lingkungan permukiman; "
        "diselesaikan melalui musyawarah dengan RT/RW.",
        "Perselisihan antara warga dan pengungsi karena kesalahpahaman; dimediasi oleh "
        "Bhabinkamtibmas.",
        "Penolakan sebagian warga terhadap keberadaan penampungan pengungsi.",
        "Isu di media sosial tentang pengungsi memicu keresahan warga; diklarifikasi oleh Tim "
        "PORA.",
        "Laporan potensi gesekan sosial di sekitar tempat tinggal pengungsi menjelang "
        "pemungutan suara.",
    ),
    "permit_violation": (
        "Pengungsi kedapatan bekerja tanpa izin di sebuah usaha setempat.",
        "Pengungsi berdagang di pasar tanpa izin; diberi pembinaan.",
        "Pengungsi mengendarai sepeda motor tanpa dokumen yang sah.",
        "Pengungsi pindah tempat tinggal tanpa melapor kepada Kantor Imigrasi.",
        "Pengungsi keluar wilayah penempatan tanpa pemberitahuan.",
    ),
    "emergency": (
        "Pengungsi memerlukan rujukan ke rumah sakit; ditangani bersama IOM.",
        "Kebakaran kecil di community house; tidak ada korban jiwa.",
        "Banjir merendam community house; penghuni dievakuasi sementara.",
        "Kasus penyakit menular di penampungan; dilakukan pemeriksaan kesehatan.",
    ),
    "other": (
        "Kegiatan komunitas pengungsi bersama warga dalam rangka Hari Pengungsi Sedunia.",
        "Kunjungan pemantauan UNHCR ke lokasi tempat tinggal pengungsi.",
        "Sosialisasi Tim PORA kepada pengelola community house.",
        "Kegiatan olahraga bersama pengungsi dan pemuda setempat.",
    ),
    "new_arrivals": (
        "Kedatangan {n} pencari suaka baru yang melapor ke UNHCR.",
        "Ditemukan {n} orang asing tanpa dokumen yang mengaku mencari suaka; diserahkan ke "
        "Rudenim untuk pemeriksaan.",
    ),
}

CH_NAMES = (
    "Wisma Melati",
    "Wisma Cendana",
    "Wisma Kenanga",
    "Wisma Anggrek",
    "Wisma Dahlia",
    "Wisma Flamboyan",
    "Wisma Mawar",
    "Wisma Teratai",
    "Wisma Seruni",
    "Wisma Bougenville",
    "Wisma Kamboja",
    "Wisma Nusa Indah",
    "Wisma Asoka",
    "Wisma Cempaka",
    "Wisma Tanjung",
    "Wisma Bakti",
    "Wisma Harapan",
    "Wisma Sejahtera",
    "Wisma Damai",
    "Wisma Pelangi",
    "Wisma Mutiara",
    "Wisma Permata",
    "Wisma Kasih",
    "Wisma Sakura",
    "Wisma Lestari",
    "Wisma Amanah",
    "Wisma Bahagia",
    "Wisma Indah",
    "Wisma Nirwana",
    "Wisma Puri",
)
MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAN = ("I", "II", "III", "IV")


def fmt_date_id(day: dt.date) -> str:
    """17 Juli 2024."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def fmt_int_id(n: int) -> str:
    """12.295."""
    return f"{n:,}".replace(",", ".")


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def placed(code: str) -> dict[str, str | None]:
    """The Placed columns for a region code (33.29.05.2001 -> 33, 33.29, 33.29.05)."""
    parts = code.split(".")
    return {
        "region_code": code,
        "province_code": parts[0],
        "kabkota_code": ".".join(parts[:2]) if len(parts) >= 2 else None,
        "kecamatan_code": ".".join(parts[:3]) if len(parts) >= 3 else None,
    }


def _short(name: str) -> str:
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def _days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, max(low, high)))


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + _days(rng, 0, (end - start).days)


def _at(day: dt.date, rng: random.Random, first_hour: int = 8, last_hour: int = 17) -> dt.datetime:
    minute = rng.randint(first_hour * 60, last_hour * 60)
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60))


def _pick(rng: random.Random, weights: dict[Any, float]) -> Any:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _largest_remainder(weights: Sequence[float], total: int, minimum: int = 1) -> list[int]:
    """Integers proportional to `weights`, each at least `minimum`, summing to `total`."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    counts = [max(minimum, math.floor(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - math.floor(raw[i])), i))
    i = 0
    while sum(counts) < total:
        counts[order[i % len(order)]] += 1
        i += 1
    while sum(counts) > total:
        j = max(range(len(counts)), key=lambda k: (counts[k], -k))
        counts[j] -= 1
    return counts


# ================================================================ generator


@dataclass
class _SiteInfo:
    id: int
    code: str
    kind: str
    kabkota: str
    region: str
    weight: float = 1.0


@dataclass
class _Stay:
    start: dt.date
    region: str
    site: _SiteInfo | None
    accommodation: str
    note: str


@dataclass
class _Household:
    nationality: str
    members: list[tuple[str, dt.date]]  # (sex, birth date), head first
    arrival: dt.date
    stays: list[_Stay]
    status: str
    registered: dt.date | None
    source: str  # agency code
    departure: dt.date | None = None
    lifecycle: str = "active"


@dataclass
class _Presence:
    """Arrivals and departures per month per kecamatan, for the figures quoted in minutes."""

    start_year: int
    months: int
    arrivals: dict[str, list[int]] = field(default_factory=dict)
    departures: dict[str, list[int]] = field(default_factory=dict)
    present: dict[str, list[int]] = field(default_factory=dict)

    def index(self, day: dt.date) -> int:
        return min(self.months - 1, max(0, (day.year - self.start_year) * 12 + day.month - 1))

    def add(self, kecamatan: str, arrival: dt.date, departure: dt.date | None) -> None:
        if kecamatan not in self.arrivals:
            self.arrivals[kecamatan] = [0] * self.months
            self.departures[kecamatan] = [0] * self.months
        self.arrivals[kecamatan][self.index(arrival)] += 1
        if departure is not None:
            self.departures[kecamatan][self.index(departure)] += 1

    def active(self, prefix: str, day: dt.date) -> int:
        """People present at the end of `day`'s month in regions under `prefix` ("" = all)."""
        if len(self.present) != len(self.arrivals):
            self.present = {
                kec: list(accumulate(a - d for a, d in zip(arr, self.departures[kec], strict=True)))
                for kec, arr in self.arrivals.items()
            }
        last = self.index(day)
        return sum(counts[last] for kec, counts in self.present.items() if kec.startswith(prefix))


class _People:
    """Regions, agencies, sites, then the people and their movements, one scale unit at a time."""

    def __init__(self, session: Session, *, scale: int, seed: int, as_of: dt.date) -> None:
        self.s = session
        self.scale = scale
        self.seed = seed
        self.as_of = as_of
        self.horizon = max(as_of, REFERENCE_END)
        self.names: dict[str, str] = {}
        self.kecamatan_of: dict[str, list[str]] = defaultdict(list)  # kab -> kecamatan codes
        self.desa: dict[str, tuple[list[str], list[float]]] = {}
        self.agency: dict[str, int] = {}
        self.agency_kind: dict[str, str] = {}
        self.agency_user: dict[str, str] = {}
        self.sites: dict[str, _SiteInfo] = {}
        self.ch_sites: dict[str, list[_SiteInfo]] = defaultdict(list)
        self.occupancy: Counter[int] = Counter()
        self.presence = _Presence(2010, (self.horizon.year - 2010 + 1) * 12)
        self.case_serial: Counter[int] = Counter()
        self.next_id: dict[str, int] = {}
        self.tables: dict[str, Table] = {}
        self.incident_log: list[tuple[dt.date, str, str]] = []  # (day, kind, kabkota)

    def rng(self, name: str) -> random.Random:
        return random.Random(f"pora-demo:{self.seed}:{name}")

    def new_id(self, table: Table) -> int:
        key = table.name
        self.tables[key] = table
        if key not in self.next_id:
            self.next_id[key] = int(self.s.scalar(select(func.max(table.c.id))) or 0) + 1
        value = self.next_id[key]
        self.next_id[key] = value + 1
        return value

    def sync_sequences(self) -> None:
        """On PostgreSQL, move the id sequences past the explicit ids inserted here."""
        if self.s.get_bind().dialect.name != "postgresql":
            return
        for name in sorted(self.tables):
            table = self.tables[name]
            last = select(func.max(table.c.id)).scalar_subquery()
            self.s.execute(select(func.setval(func.pg_get_serial_sequence(name, "id"), last)))

    def insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        for start in range(0, len(rows), CHUNK):
            self.s.execute(insert(table), rows[start : start + CHUNK])

    # ------------------------------------------------------------ regions

    def load_regions(self) -> None:
        kabs = self.member_kabs()
        provinces = sorted({k[:2] for k in kabs})
        wanted_kec = set(KECAMATAN_TEAMS)
        for area in AREAS:
            wanted_kec.update(area.kec_codes())
        wanted_kec.update(code for _, _, code, _ in RUDENIM)
        wanted_kec.update(code for _, _, code, _ in SHELTERS)
        wanted_kec.update(b.kecamatan for b in BOATS)
        for special in SPECIAL:
            wanted_kec.update(code[:8] for _, code in special.places)
        codes = set(provinces) | set(kabs) | {k.region for k in KANIMS}
        rows = self.s.execute(
            select(Region.code, Region.name, Region.level, Region.parent_code).where(
                (Region.code.in_(sorted(codes)))
                | (Region.parent_code.in_(sorted(kabs)))
                | (Region.code.in_(sorted(wanted_kec)))
            )
        ).all()
        for code, name, level, parent in rows:
            self.names[code] = name.strip()
            if level == 3 and parent:
                self.kecamatan_of[parent].append(code)
        for kab in self.kecamatan_of:
            self.kecamatan_of[kab].sort()
        special_places = {code for s in SPECIAL for _, code in s.places}
        desa_rows = self.s.execute(
            select(Region.code, Region.parent_code)
            .where(Region.level == 4, Region.parent_code.in_(sorted(wanted_kec)))
            .order_by(Region.code)
        ).all()
        by_kec: dict[str, list[str]] = defaultdict(list)
        for code, parent in desa_rows:
            by_kec[str(parent)].append(code)
        missing = sorted((codes | wanted_kec) - set(self.names))
        missing += sorted(c for c in special_places if len(c) > 8 and c not in by_kec[c[:8]])
        if missing:
            raise RuntimeError(
                "regions table lacks codes the demo data needs (load the regions first): "
                + ", ".join(missing[:10])
            )
        for kec in sorted(by_kec):
            desa = sorted(by_kec[kec])  # in Python: the same order on every database
            rng = self.rng(f"desa:{kec}")
            weights = [1 / (i + 1) ** 0.9 for i in range(len(desa))]
            rng.shuffle(weights)
            self.desa[kec] = (desa, weights)

    @staticmethod
    def member_kabs() -> list[str]:
        kabs = {a.kabkota for a in AREAS} | set(ACEH_KABS) | set(OTHER_MEMBER_KABS)
        return sorted(kabs)

    def pick_desa(self, rng: random.Random, kec: str) -> str:
        desa, weights = self.desa.get(kec, ([], []))
        return rng.choices(desa, weights=weights)[0] if desa else kec

    def pick_kecamatan(self, rng: random.Random, kab: str) -> str:
        area = AREA_BY_KAB.get(kab)
        if area:
            return rng.choices(area.kec_codes(), weights=area.kec_weights())[0]
        options = self.kecamatan_of.get(kab) or [kab]
        return rng.choice(options)

    def region_label(self, code: str) -> str:
        name = self.names.get(code, code)
        if len(code) == 2:
            return PROVINCE_LABEL.get(code, name)
        return name

    # ------------------------------------------------------------ agencies

    def agency_rows(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []

        def add(code: str, name: str, kind: str, region: str | None, user: str) -> None:
            # a made-up address under the reserved .example domain: the digests of a demo go nowhere
            email = f"{_slug(code)}@pora-demo.example"
            rows.append(
                {
                    "code": code,
                    "name": name,
                    "kind": kind,
                    "region_code": region,
                    "contact_email": email,
                }
            )
            self.agency_kind[code] = kind
            self.agency_user[code] = user

        for code, name, kind in NATIONAL_AGENCIES:
            user = {"unhcr": "unhcr.indonesia", "iom": "iom.indonesia"}.get(
                kind, f"operator.{_slug(code)}"
            )
            add(code, name, kind, None, user)
        kabs = self.member_kabs()
        kodam_seen: set[str] = set()
        for prov in sorted({k[:2] for k in kabs}):
            label = self.region_label(prov)
            slug = _slug(label)
            add(
                f"KANWIL-IMIGRASI-{prov}",
                f"Kantor Wilayah Direktorat Jenderal Imigrasi {label}",
                "imigrasi",
                prov,
                f"operator.kanwil-{slug}",
            )
            add(
                f"KESBANGPOL-{prov}",
                f"Badan Kesatuan Bangsa dan Politik Provinsi {label}",
                "kesbangpol",
                prov,
                f"kesbangpol.{slug}",
            )
            add(f"POLRI-{prov}", POLDA.get(prov, f"Polda {label}"), "polri", prov, f"polri.{slug}")
            kodam = KODAM.get(prov)
            if kodam and kodam not in kodam_seen:
                kodam_seen.add(kodam)
                add(f"TNI-{prov}", kodam, "tni", prov, f"tni.{slug}")
            add(
                f"DUKCAPIL-{prov}",
                f"Dinas Kependudukan dan Pencatatan Sipil Provinsi {label}",
                "dukcapil",
                prov,
                f"dukcapil.{slug}",
            )
            add(f"PEMDA-{prov}", f"Pemerintah Provinsi {label}", "pemda", prov, f"pemda.{slug}")
        for kanim in KANIMS:
            add(kanim.code, kanim.name, "imigrasi", kanim.region, f"operator.{kanim.slug}")
        for code, name, kec, _ in RUDENIM:
            add(code, name, "imigrasi", kec[:5], f"operator.{_slug(code)}")
        shorts = Counter(_short(self.names[k]) for k in kabs)
        for kab in kabs:
            full = self.names[kab]
            short = _short(full)
            label = short if shorts[short] == 1 else full.replace("Kabupaten ", "Kab. ")
            slug = _slug(label.replace("Kab. ", "kab "))
            dki = kab.startswith("31.")
            sudin = "Suku Dinas " if dki else "Dinas "
            add(
                f"KESBANGPOL-{kab}",
                ("Suku Badan " if dki else "Badan ") + f"Kesatuan Bangsa dan Politik {full}",
                "kesbangpol",
                kab,
                f"kesbangpol.{slug}",
            )
            add(
                f"SATPOLPP-{kab}",
                f"Satuan Polisi Pamong Praja {full}",
                "satpolpp",
                kab,
                f"satpolpp.{slug}",
            )
            add(f"POLRI-{kab}", POLRES.get(kab, f"Polres {label}"), "polri", kab, f"polri.{slug}")
            if kab in KODIM:
                add(f"TNI-{kab}", KODIM[kab], "tni", kab, f"tni.{slug}")
            add(
                f"DUKCAPIL-{kab}",
                f"{sudin}Kependudukan dan Pencatatan Sipil {full}",
                "dukcapil",
                kab,
                f"dukcapil.{slug}",
            )
            add(
                f"KEJAKSAAN-{kab}",
                f"Kejaksaan Negeri {label}",
                "kejaksaan",
                kab,
                f"kejaksaan.{slug}",
            )
            add(f"DINSOS-{kab}", f"{sudin}Sosial {full}", "dinsos", kab, f"dinsos.{slug}")
            add(
                f"DISNAKER-{kab}",
                f"{sudin}Tenaga Kerja, Transmigrasi dan Energi {full}"
                if dki
                else f"Dinas Tenaga Kerja {full}",
                "disnaker",
                kab,
                f"disnaker.{slug}",
            )
            add(
                f"BEACUKAI-{kab}",
                f"Kantor Pengawasan dan Pelayanan Bea dan Cukai {label}",
                "beacukai",
                kab,
                f"beacukai.{slug}",
            )
            add(f"PEMDA-{kab}", f"Pemerintah {full}", "pemda", kab, f"pemda.{slug}")
        for kec in KECAMATAN_TEAMS:
            name = self.names[kec]
            add(f"CAMAT-{kec}", f"Kecamatan {name}", "pemda", kec, f"camat.{_slug(name)}")
        return rows

    def insert_agencies(self) -> None:
        rows = self.agency_rows()
        existing = {code: aid for code, aid in self.s.execute(select(Agency.code, Agency.id))}
        table = _table(Agency)
        new_rows = []
        for row in rows:
            if row["code"] in existing:
                self.agency[row["code"]] = existing[row["code"]]
            else:
                row["id"] = self.new_id(table)
                self.agency[row["code"]] = row["id"]
                new_rows.append(row)
        self.insert(table, new_rows)

    def agencies_in(self, kab: str, kinds: Sequence[str]) -> list[str]:
        return [f"{k.upper()}-{kab}" for k in kinds if f"{k.upper()}-{kab}" in self.agency]

    # ------------------------------------------------------------ sites

    def point(self, rng: random.Random, code: str, spread: float = 0.008) -> tuple[Any, Any]:
        base = KEC_POINTS.get(code[:8])
        if base is None:
            return None, None
        lat = round(base[0] + rng.uniform(-spread, spread), 5)
        lng = round(base[1] + rng.uniform(-spread, spread), 5)
        return lat, lng

    def insert_sites(self) -> None:
        rng = self.rng("sites")
        table = _table(Site)
        rows: list[dict[str, Any]] = []
        existing = {code: sid for code, sid in self.s.execute(select(Site.code, Site.id))}

        def add(
            code: str,
            name: str,
            kind: str,
            region: str,
            capacity: int | None,
            operator: str,
            is_open: bool = True,
            weight: float = 1.0,
        ) -> _SiteInfo:
            lat, lng = self.point(rng, region)
            sid = existing.get(code) or self.new_id(table)
            info = _SiteInfo(sid, code, kind, region[:5], region, weight)
            self.sites[code] = info
            if code not in existing:
                rows.append(
                    {
                        "id": sid,
                        "code": code,
                        "name": name,
                        "kind": kind,
                        "capacity": capacity,
                        "operator_agency_id": self.agency[operator],
                        "lat": lat,
                        "lng": lng,
                        "is_open": is_open,
                        **placed(region),
                    }
                )
            return info

        for code, name, kec, capacity in RUDENIM:
            add(code, name, "rudenim", kec, capacity * self.scale, code)
        for code, name, kec, is_open in SHELTERS:
            add(code, name, "shelter", kec, None, "UNHCR", is_open)
        total_weight = sum(a.weight for a in AREAS)
        for area in AREAS:
            expected = area.weight / total_weight * MAIN_ACTIVE * area.ch_share
            if expected < 1:
                continue
            count = max(1, round(expected / 110))
            city = _short(self.names[area.kabkota])
            for i, label in enumerate(rng.sample(CH_NAMES, count), start=1):
                kec = rng.choices(area.kec_codes(), weights=area.kec_weights())[0]
                region = self.pick_desa(rng, kec) if rng.random() < 0.7 else kec
                info = add(
                    f"CH-{area.kabkota}-{i:02d}",
                    f"Community House {label} {city}",
                    "community_housing",
                    region,
                    None,
                    "IOM",
                    weight=rng.uniform(0.5, 1.5),
                )
                self.ch_sites[area.kabkota].append(info)
        self.insert(table, rows)

    def update_capacities(self) -> None:
        """Capacities from the active occupancy: mostly below it, a couple of houses full."""
        rng = self.rng("capacity")
        rows = []
        fillable = [
            s
            for s in self.sites.values()
            if s.kind == "community_housing" and self.occupancy[s.id] >= 20 * self.scale
        ]
        full = {s.id for s in rng.sample(fillable, min(2, len(fillable)))}
        for site in sorted(self.sites.values(), key=lambda s: s.id):
            if site.kind == "rudenim":
                continue
            occupied = self.occupancy[site.id]
            if occupied == 0:
                capacity = 5 * rng.randint(4, 16) * self.scale
            elif site.id in full:
                capacity = occupied
            elif site.kind == "shelter" and rng.random() < 0.3:
                capacity = max(1, math.floor(occupied * rng.uniform(0.94, 0.99)))  # crowded
            else:
                capacity = max(
                    20 * self.scale, 5 * math.ceil(occupied / rng.uniform(0.72, 0.97) / 5)
                )
            is_open = occupied > 0 or site.kind == "rudenim"
            rows.append({"sid": site.id, "cap": capacity, "open": is_open})
        table = _table(Site)
        stmt = (
            update(table)
            .where(table.c.id == bindparam("sid"))
            .values(capacity=bindparam("cap"), is_open=bindparam("open"))
        )
        if rows:
            self.s.execute(stmt, rows)

    # ------------------------------------------------------------ households

    def arrival_date(self, rng: random.Random, before_year: int | None = None) -> dt.date:
        last = self.horizon.year if before_year is None else before_year - 1
        years = [y for y in range(2010, last + 1)]
        if not years:
            years = [2010]
        weights = [ARRIVAL_WEIGHTS.get(y, 1.0) for y in years]
        year = rng.choices(years, weights=weights)[0]
        end = min(D(year, 12, 31), self.horizon)
        return _date_between(rng, D(year, 1, 1), end)

    @staticmethod
    def status_for(rng: random.Random, arrival: dt.date) -> str:
        year = arrival.year
        if year <= 2015:
            weights = {
                "refugee": 0.83,
                "asylum_seeker": 0.13,
                "rejected": 0.02,
                "not_registered": 0.01,
                "registered_pending": 0.01,
            }
        elif year <= 2018:
            weights = {
                "refugee": 0.62,
                "asylum_seeker": 0.33,
                "rejected": 0.03,
                "not_registered": 0.01,
                "registered_pending": 0.01,
            }
        elif year <= 2022:
            weights = {
                "refugee": 0.35,
                "asylum_seeker": 0.54,
                "rejected": 0.03,
                "not_registered": 0.05,
                "registered_pending": 0.03,
            }
        else:
            weights = {
                "refugee": 0.10,
                "asylum_seeker": 0.50,
                "registered_pending": 0.20,
                "not_registered": 0.20,
            }
        return str(_pick(rng, weights))

    @staticmethod
    def compose(
        rng: random.Random, size: int, arrival: dt.date, ref: dt.date, rohingya: bool = False
    ) -> list[tuple[str, dt.date]]:
        """Sex and birth date of each member, head first; ages reckoned at `ref`."""

        def born(age_at: int, at: dt.date) -> dt.date:
            year = at.year - age_at
            day = _date_between(rng, D(year, 1, 1), D(year, 12, 31))
            return min(day, at)

        head_age = rng.randint(16, 40) if rohingya else rng.randint(18, 45)
        head_birth = born(head_age, arrival)
        if size == 1:
            r = rng.random()
            if rohingya and r < 0.2:
                return [(rng.choice("MF"), born(rng.randint(14, 17), arrival))]
            female = r < (0.45 if rohingya else 0.05)
            return [("F" if female else "M", head_birth)]
        r = rng.random()
        if size == 2:
            kind = "couple" if r < 0.4 else ("mother" if r < 0.65 else "father")
        else:
            kind = "couple" if r < (0.45 if rohingya else 0.85) else "mother"
        if rohingya and size == 2:
            kind = "mother" if r < 0.55 else "couple"
        members: list[tuple[str, dt.date]] = []
        if kind == "couple":
            members.append(("M", head_birth))
            members.append(("F", born(max(16, head_age - rng.randint(0, 8)), arrival)))
        else:
            members.append(("F" if kind == "mother" else "M", head_birth))
        parent_age_at_ref = ref.year - head_birth.year
        for _ in range(size - len(members)):
            oldest = max(0, min(21, parent_age_at_ref - 18))
            age = rng.randint(0, oldest)
            members.append((rng.choice("MF"), born(age, ref)))
        return members

    @staticmethod
    def household_size(rng: random.Random, rohingya: bool = False) -> int:
        if rohingya:
            return int(_pick(rng, {1: 0.42, 2: 0.16, 3: 0.16, 4: 0.12, 5: 0.09, 6: 0.05}))
        return int(_pick(rng, HOUSEHOLD_SIZES))

    def registration(
        self, rng: random.Random, status: str, arrival: dt.date, departure: dt.date | None
    ) -> dt.date | None:
        if status in ("not_registered", "registered_pending"):
            return None
        day = arrival + _days(rng, 7, 400)
        if departure is not None and day >= departure:
            day = arrival + (departure - arrival) // 2
        return day

    def source_for(self, rng: random.Random, status: str, kab: str, site: _SiteInfo | None) -> str:
        kanim = KANIM_OF_KAB.get(kab)
        if status == "not_registered" or (site is not None and site.kind == "rudenim"):
            return kanim.code if kanim else "DITJENIM"
        r = rng.random()
        if site is not None and site.kind == "community_housing" and r < 0.18:
            return "IOM"
        if r > 0.95 and f"DUKCAPIL-{kab}" in self.agency:
            return f"DUKCAPIL-{kab}"
        return "UNHCR"

    def independent_stay(self, rng: random.Random, area: Area, start: dt.date, note: str) -> _Stay:
        kec = rng.choices(area.kec_codes(), weights=area.kec_weights())[0]
        region = self.pick_desa(rng, kec) if rng.random() < 0.4 else kec
        return _Stay(start, region, None, "independent", note)

    def site_stay(self, site: _SiteInfo, start: dt.date, note: str) -> _Stay:
        return _Stay(start, site.region, site, site.kind, note)

    def pick_area(self, rng: random.Random, nationality: str) -> Area:
        weights = []
        for area in AREAS:
            w = area.weight
            if area.kabkota == "32.01":  # Puncak: mostly Afghan (Hazara) households
                w *= 1.5 if nationality == "AFG" else 0.45
            weights.append(w)
        return rng.choices(AREAS, weights=weights)[0]

    def main_household(
        self,
        rng: random.Random,
        nationality: str,
        size: int,
        arrival: dt.date,
        departure: dt.date | None,
        lifecycle: str,
    ) -> _Household:
        area = self.pick_area(rng, nationality)
        status = "refugee" if lifecycle == "resettled" else self.status_for(rng, arrival)
        end = departure or self.horizon
        first = "Kedatangan dan pendaftaran pertama"
        stays: list[_Stay]
        rudenim = self.sites.get(area.rudenim or "")
        ch = self.ch_sites.get(area.kabkota, [])
        r = rng.random()
        if status in ("not_registered", "rejected") and rudenim and r < 0.12:
            stays = [self.site_stay(rudenim, arrival, "Ditempatkan di Rudenim")]
        elif ch and r < area.ch_share:
            site = rng.choices(ch, weights=[s.weight for s in ch])[0]
            roll = rng.random()
            if arrival.year <= 2018 and rudenim and roll < 0.2:
                stays = [
                    self.site_stay(rudenim, arrival, "Ditempatkan di Rudenim"),
                    self.site_stay(
                        site,
                        arrival + _days(rng, 120, 900),
                        "Dipindahkan dari Rudenim ke community house IOM",
                    ),
                ]
            elif area.kabkota not in JABODETABEK and arrival.year <= 2019 and roll < 0.32:
                origin = AREA_BY_KAB[rng.choice(JAKARTA_START_AREAS)]
                stays = [
                    self.independent_stay(rng, origin, arrival, first),
                    self.site_stay(
                        site,
                        arrival + _days(rng, 180, 1100),
                        f"Relokasi oleh IOM ke {_short(self.names[area.kabkota])}",
                    ),
                ]
            else:
                stays = [self.site_stay(site, arrival, first)]
        else:
            stays = [self.independent_stay(rng, area, arrival, first)]
            if rng.random() < 0.07 and area.kabkota in JABODETABEK:
                other = AREA_BY_KAB[rng.choice(JAKARTA_START_AREAS)]
                moved = self.independent_stay(
                    rng, other, arrival + _days(rng, 200, 3000), "Pindah domisili"
                )
                if moved.region != stays[0].region:
                    stays.append(moved)
        stays = [s for s in stays if s.start < end] or stays[:1]
        ref = departure or self.horizon
        members = self.compose(rng, size, arrival, ref)
        registered = self.registration(rng, status, arrival, departure)
        last_site = stays[-1].site
        return _Household(
            nationality,
            members,
            arrival,
            stays,
            status,
            registered,
            self.source_for(rng, status, area.kabkota, last_site),
            departure,
            lifecycle if departure else "active",
        )

    def main_households(self, rng: random.Random) -> list[_Household]:
        specs: list[tuple[str, int, dt.date, dt.date | None, str]] = []
        isos = [iso for iso, _, _ in NATIONALITIES]
        weights = [w for _, _, w in NATIONALITIES]
        for iso, target in zip(isos, _largest_remainder(weights, MAIN_ACTIVE), strict=True):
            left = target
            while left > 0:
                size = min(self.household_size(rng), left)
                left -= size
                specs.append((iso, size, self.arrival_date(rng), None, "active"))
        for year in range(2012, self.horizon.year + 1):
            left = DEPARTURES_PER_YEAR.get(year, STEADY_DEPARTURES)
            while left > 0:
                size = min(self.household_size(rng), left)
                left -= size
                departure = _date_between(rng, D(year, 1, 1), min(D(year, 12, 31), self.horizon))
                arrival = self.arrival_date(rng, before_year=year)
                if arrival >= departure - dt.timedelta(days=60):
                    arrival = departure - _days(rng, 60, 400)
                iso = rng.choices(isos, weights=weights)[0]
                specs.append((iso, size, arrival, departure, str(_pick(rng, DEPARTURE_KINDS))))
        return [self.main_household(rng, *spec) for spec in specs]

    def rohingya_households(self, rng: random.Random) -> list[_Household]:
        households = []
        open_shelters = [self.sites[c] for c, _, _, is_open in SHELTERS if is_open]
        for boat in BOATS:
            shelter = self.sites[boat.shelter]
            for active, count in ((True, boat.remain), (False, boat.people - boat.remain)):
                left = count
                while left > 0:
                    size = min(self.household_size(rng, rohingya=True), left)
                    left -= size
                    departure = None
                    lifecycle = "active"
                    if not active:
                        departure = min(boat.landed_on + _days(rng, 15, 700), D(2025, 12, 31))
                        lifecycle = str(
                            _pick(rng, {"unknown": 0.85, "moved": 0.10, "deceased": 0.05})
                        )
                    stays = [
                        self.site_stay(shelter, boat.landed_on, f"Pendaratan kapal di {boat.place}")
                    ]
                    if boat.transfer:
                        day, code = boat.transfer
                        stays.append(
                            self.site_stay(self.sites[code], day, "Pemindahan antarpenampungan")
                        )
                    elif active and rng.random() < 0.08:
                        other = rng.choice([s for s in open_shelters if s is not shelter])
                        day = _date_between(
                            rng,
                            max(boat.landed_on, D(2024, 1, 1)) + dt.timedelta(days=30),
                            D(2025, 12, 31),
                        )
                        stays.append(self.site_stay(other, day, "Pemindahan antarpenampungan"))
                    status = str(
                        _pick(
                            rng,
                            {"refugee": 0.55, "asylum_seeker": 0.35, "registered_pending": 0.10},
                        )
                    )
                    registered = None
                    if status != "registered_pending":
                        registered = boat.landed_on + _days(rng, 20, 120)
                        if departure is not None and registered >= departure:
                            registered = None
                            status = "registered_pending"
                    # ages at landing: the children in the data arrived on the boats
                    members = self.compose(rng, size, boat.landed_on, boat.landed_on, rohingya=True)
                    kab = stays[-1].region[:5]
                    source = "UNHCR"
                    if rng.random() < 0.2 and kab in KANIM_OF_KAB:
                        source = KANIM_OF_KAB[kab].code
                    households.append(
                        _Household(
                            "MMR",
                            members,
                            boat.landed_on,
                            stays,
                            status,
                            registered,
                            source,
                            departure,
                            lifecycle,
                        )
                    )
        return households

    def special_households(self, rng: random.Random) -> list[_Household]:
        households = []
        for special in SPECIAL:
            members = []
            for sex, year in special.members:
                birth = _date_between(rng, D(year, 1, 1), D(year, 12, 31))
                members.append((sex, birth))
            stays = []
            for i, (start, code) in enumerate(special.places):
                note = "Kedatangan dan pendaftaran pertama" if i == 0 else "Pindah domisili"
                stays.append(_Stay(start, code, None, "independent", note))
            households.append(
                _Household(
                    special.nationality,
                    members,
                    special.arrival,
                    stays,
                    "refugee",
                    special.registered,
                    "UNHCR",
                )
            )
        return households

    # ------------------------------------------------------------ persons and movements

    def case_number(self, registered: dt.date) -> str:
        yy = registered.year % 100
        self.case_serial[yy] += 1
        return f"354-{yy:02d}C{self.case_serial[yy]:05d}"

    def last_verified(
        self, rng: random.Random, arrival: dt.date, departure: dt.date | None
    ) -> dt.date | None:
        if departure is not None:
            if rng.random() < 0.1:
                return None
            return max(arrival, departure - _days(rng, 0, 300))
        r = rng.random()
        if r < 0.05:
            return None
        if r < 0.67:
            ago = rng.randint(0, 180)
        elif r < 0.92:
            ago = rng.randint(181, 365)
        else:
            ago = rng.randint(366, 1000)
        return max(arrival, self.as_of - dt.timedelta(days=ago))

    def emit(
        self,
        rng: random.Random,
        hh: _Household,
        persons: list[dict[str, Any]],
        moves: list[dict[str, Any]],
    ) -> None:
        as_of = self.as_of
        if hh.arrival > as_of:
            return
        departed = hh.departure is not None and hh.departure <= as_of
        end = hh.departure if departed and hh.departure else as_of
        registered = hh.registered if hh.registered and hh.registered <= end else None
        case = self.case_number(registered) if registered else None
        _male, _female, families = NAMES[GROUP_OF[hh.nationality]]
        family = rng.choice(families)
        person_table = _table(Person)
        move_table = _table(Movement)
        for index, (sex, birth) in enumerate(hh.members):
            arrival = max(hh.arrival, birth)
            if arrival > end:
                continue
            status = hh.status
            reg = None
            if registered:
                reg = registered if arrival <= registered else arrival + _days(rng, 20, 300)
                if reg > end:
                    reg = None
                    status = "registered_pending"
            elif status in ("refugee", "asylum_seeker", "rejected"):
                status = "registered_pending"
            document = None
            if reg and status in ("refugee", "asylum_seeker", "rejected") and case:
                document = f"{case}-{index + 1:02d}"
            pid = self.new_id(person_table)
            # where the member was at arrival, then every later move up to the end
            current = max(i for i, stay in enumerate(hh.stays) if stay.start <= arrival)
            previous: _Stay | None = None
            born_here = birth > hh.arrival
            for stay in [hh.stays[current]] + [
                s for s in hh.stays[current + 1 :] if arrival < s.start <= end
            ]:
                moves.append(
                    {
                        "id": self.new_id(move_table),
                        "person_id": pid,
                        "moved_on": arrival if previous is None else stay.start,
                        "from_region_code": previous.region if previous else None,
                        "to_region_code": stay.region,
                        "to_kecamatan_code": stay.region[:8],
                        "from_site_id": previous.site.id if previous and previous.site else None,
                        "to_site_id": stay.site.id if stay.site else None,
                        "note": "Lahir di Indonesia"
                        if previous is None and born_here
                        else stay.note,
                    }
                )
                previous = stay
            assert previous is not None
            last_move = moves[-1]["moved_on"]
            given = NAMES[GROUP_OF[hh.nationality]][0 if sex == "M" else 1]
            verified = self.last_verified(rng, arrival, hh.departure if departed else None)
            stamps = [
                d
                for d in (arrival, last_move, reg, verified, hh.departure if departed else None)
                if d
            ]
            if not departed and previous.site is not None:
                self.occupancy[previous.site.id] += 1
            self.presence.add(previous.region[:8], arrival, hh.departure if departed else None)
            persons.append(
                {
                    "id": pid,
                    "source_agency_id": self.agency[hh.source],
                    "source_ref": f"{_SOURCE_PREFIX.get(self.agency_kind[hh.source], 'REF')}-"
                    f"{pid:08d}",
                    "full_name": f"{rng.choice(given)} {family}",
                    "document_number": document,
                    "case_number": case,
                    "nationality": hh.nationality,
                    "unhcr_status": status,
                    "sex": sex,
                    "birth_year": birth.year,
                    "arrival_date": arrival,
                    "registered_on": reg,
                    "site_id": previous.site.id if previous.site else None,
                    "accommodation": previous.accommodation,
                    "lifecycle": hh.lifecycle if departed else "active",
                    "lifecycle_date": hh.departure if departed else None,
                    "last_verified_on": verified,
                    "updated_at": _at(max(stamps), rng),
                    **placed(previous.region),
                }
            )

    def flush(self, persons: list[dict[str, Any]], moves: list[dict[str, Any]]) -> None:
        self.insert(_table(Person), persons)
        self.insert(_table(Movement), moves)
        persons.clear()
        moves.clear()

    def insert_people(self) -> int:
        count = 0
        for unit in range(self.scale):
            rng = self.rng(f"people:{unit}")
            households = (
                self.main_households(rng)
                + self.rohingya_households(rng)
                + self.special_households(rng)
            )
            order = sorted(range(len(households)), key=lambda i: (households[i].arrival, i))
            persons: list[dict[str, Any]] = []
            moves: list[dict[str, Any]] = []
            for i in order:
                self.emit(rng, households[i], persons, moves)
                if len(persons) >= CHUNK:
                    count += len(persons)
                    self.flush(persons, moves)
            count += len(persons)
            self.flush(persons, moves)
        return count


_SOURCE_PREFIX = {"unhcr": "UNHCR-IDN", "iom": "IOM-CH", "imigrasi": "SIMKIM", "dukcapil": "SIAK"}


class _Demo(_People):
    """The people, and around them incidents, operations, meetings, actions, the calendar."""

    # ------------------------------------------------------------ incidents

    def incident(
        self,
        rng: random.Random,
        day: dt.date,
        kind: str,
        region: str,
        severity: int,
        people: int | None,
        text: str,
        source: str,
    ) -> dict[str, Any]:
        lat, lng = self.point(rng, region)
        kab = region[:5]
        if source not in self.agency:
            source = KANIM_OF_KAB[kab].code if kab in KANIM_OF_KAB else "UNHCR"
        self.incident_log.append((day, kind, kab))
        return {
            "occurred_on": day,
            "kind": kind,
            "severity": severity,
            "people_involved": people,
            "description": text,
            "source_agency_id": self.agency[source],
            "lat": lat,
            "lng": lng,
            **placed(region),
        }

    def incident_rows(self) -> list[dict[str, Any]]:
        rng = self.rng("incidents")
        rows: list[dict[str, Any]] = []
        as_of = self.as_of
        area_weights = {a.kabkota: a.weight for a in AREAS}
        kebon_sirih = [
            d
            for d in self.desa.get("31.71.06", ([], []))[0]
            if self.names.get(d, "").startswith("Kebon Sirih")
        ]
        protest_spot = kebon_sirih[0] if kebon_sirih else "31.71.06"

        def text(kind: str, n: int | None = None) -> str:
            return rng.choice(INCIDENT_TEXT[kind]).format(n=n or "")

        def where(kab: str) -> str:
            kec = self.pick_kecamatan(rng, kab)
            return self.pick_desa(rng, kec) if rng.random() < 0.4 else kec

        def some_day(
            year: int, start: dt.date | None = None, end: dt.date | None = None
        ) -> dt.date:
            return _date_between(rng, start or D(year, 1, 1), end or D(year, 12, 31))

        # The former UNHCR office area in Jakarta Pusat: the 2019 encampment, then protests.
        camp = D(2019, 7, 3)
        rows.append(
            self.incident(
                rng,
                camp,
                "protest",
                protest_spot,
                3,
                1100,
                "Ratusan pencari suaka dan pengungsi berkemah di trotoar Jl. Kebon Sirih menuntut "
                "kejelasan status; dipindahkan ke penampungan sementara di Kalideres.",
                "SATPOLPP-31.71",
            )
        )
        protests_jakpus = {2019: 6, 2020: 2, 2021: 8, 2022: 8, 2023: 6, 2024: 5, 2025: 4}
        protests_cities = {2019: 2, 2020: 1, 2021: 7, 2022: 8, 2023: 3, 2024: 2, 2025: 2}
        protest_cities = ("12.71", "73.71", "14.71", "21.71", "21.72", "53.71", "35.15")
        for year in range(2019, as_of.year + 1):
            for _ in range(protests_jakpus.get(year, 3)):
                spot = rng.choices(
                    [protest_spot, "31.71.06", "31.71.01", "31.71.07"], weights=[60, 15, 10, 15]
                )[0]
                n = rng.randint(20, 300)
                rows.append(
                    self.incident(
                        rng,
                        some_day(year),
                        "protest",
                        spot,
                        3 if n > 200 else rng.choice((1, 2)),
                        n,
                        text("protest", n),
                        "POLRI-31.71",
                    )
                )
            for _ in range(protests_cities.get(year, 2)):
                kab = rng.choice(protest_cities)
                n = rng.randint(15, 250)
                rows.append(
                    self.incident(
                        rng,
                        some_day(year),
                        "protest",
                        where(kab),
                        2 if n > 100 else 1,
                        n,
                        text("protest", n),
                        f"POLRI-{kab}",
                    )
                )
            kinds = {
                "tension": 10,
                "permit_violation": 15,
                "emergency": 5,
                "other": 4,
                "new_arrivals": 2,
            }
            for kind, count in kinds.items():
                for _ in range(count):
                    kab = _pick(rng, area_weights)
                    n = rng.randint(1, 12) if kind != "other" else rng.randint(10, 120)
                    source = {
                        "tension": f"KESBANGPOL-{kab}",
                        "permit_violation": "",
                        "emergency": "IOM",
                        "other": "UNHCR",
                        "new_arrivals": f"POLRI-{kab}",
                    }[kind]
                    severity = (
                        rng.choice((1, 1, 2)) if kind != "emergency" else rng.choice((1, 2, 3))
                    )
                    rows.append(
                        self.incident(
                            rng,
                            some_day(year),
                            kind,
                            where(kab),
                            severity,
                            n,
                            text(kind, n),
                            source,
                        )
                    )
        # Elections: more tension reports, above all in Jakarta Timur during the 2024 campaign.
        pilkada = [("31.75", 8), ("31.73", 2), ("32.01", 2), ("12.71", 1), ("73.71", 1)]
        for kab, count in pilkada:
            for _ in range(count):
                rows.append(
                    self.incident(
                        rng,
                        some_day(2024, D(2024, 9, 25), D(2024, 11, 30)),
                        "tension",
                        where(kab),
                        rng.choice((1, 2, 2)),
                        rng.randint(3, 40),
                        rng.choice(INCIDENT_TEXT["tension"][3:]),
                        f"KESBANGPOL-{kab}",
                    )
                )
        for kab in ("31.75", "31.74", "32.01"):
            rows.append(
                self.incident(
                    rng,
                    some_day(2024, D(2024, 1, 10), D(2024, 2, 20)),
                    "tension",
                    where(kab),
                    1,
                    rng.randint(3, 20),
                    INCIDENT_TEXT["tension"][4],
                    f"KESBANGPOL-{kab}",
                )
            )
        # Rohingya boats in Aceh, and what followed.
        for boat in BOATS:
            rows.append(
                self.incident(
                    rng,
                    boat.landed_on,
                    "new_arrivals",
                    boat.kecamatan,
                    3 if boat.people >= 150 else 2,
                    boat.people,
                    f"Kapal membawa {boat.people} pengungsi Rohingya mendarat di {boat.place}; "
                    "sebagian besar perempuan dan anak-anak. Ditampung sementara bersama UNHCR, IOM "
                    "dan Pemda.",
                    f"POLRI-{boat.kecamatan[:5]}",
                )
            )
        rows.append(
            self.incident(
                rng,
                D(2023, 11, 17),
                "tension",
                "11.07.12",
                2,
                250,
                "Sebagian warga menolak pendaratan pengungsi Rohingya; pengungsi sempat diminta "
                "kembali ke kapal sebelum ditampung sementara.",
                "POLRI-11.07",
            )
        )
        rows.append(
            self.incident(
                rng,
                D(2023, 12, 27),
                "tension",
                "11.71.02",
                3,
                137,
                "Sekelompok mahasiswa mendatangi penampungan di Balai Meuseuraya Aceh dan menuntut "
                "pemindahan pengungsi Rohingya; pengungsi dievakuasi aparat.",
                "POLRI-11.71",
            )
        )
        rows.append(
            self.incident(
                rng,
                D(2024, 3, 21),
                "emergency",
                "11.05.01",
                3,
                75,
                "Kapal pengungsi Rohingya terbalik di perairan Aceh Barat; penyelamatan oleh Basarnas "
                "dan nelayan.",
                "POLRI-11.05",
            )
        )
        for year in (2024, 2025):
            for _ in range(6):
                shelter = self.sites[rng.choice(("SH-PIDIE", "SH-LSM", "SH-ABES", "SH-ATIM"))]
                rows.append(
                    self.incident(
                        rng,
                        some_day(year),
                        "permit_violation",
                        shelter.region,
                        2,
                        rng.randint(5, 60),
                        "Sejumlah pengungsi Rohingya meninggalkan penampungan tanpa izin; diduga "
                        "hendak menyeberang ke Malaysia.",
                        KANIM_OF_KAB[shelter.kabkota].code,
                    )
                )
        rows = [r for r in rows if r["occurred_on"] <= as_of]
        self.incident_log = [e for e in self.incident_log if e[0] <= as_of]
        rows.sort(key=lambda r: (r["occurred_on"], r["region_code"], r["kind"]))
        for row in rows:
            row["id"] = self.new_id(_table(Incident))
        return rows

    # ------------------------------------------------------------ operations

    def operation(
        self,
        rng: random.Random,
        day: dt.date,
        kind: str,
        kab: str,
        lead: str,
        members: Sequence[str],
        ops: dict[str, list[dict[str, Any]]],
        kecamatan: str | None = None,
    ) -> int:
        kec = kecamatan or self.pick_kecamatan(rng, kab)
        region = self.pick_desa(rng, kec) if rng.random() < 0.3 else kec
        oid = self.new_id(_table(Operation))
        text = OPERATION_TEXT[kind].format(
            kec=self.names.get(kec, kec), kab=self.names.get(kab, kab)
        )
        ops["operations"].append(
            {
                "id": oid,
                "held_on": day,
                "kind": kind,
                "lead_agency_id": self.agency[lead],
                "description": text,
                **placed(region),
            }
        )
        agencies = list(dict.fromkeys([lead, *members]))
        ops["agencies"] += [{"operation_id": oid, "agency_id": self.agency[a]} for a in agencies]
        presence = max(5, self.presence.active(kec, day) // self.scale)
        findings = FINDINGS[kind]
        for finding in rng.sample(findings, rng.randint(2, len(findings))):
            if finding == "terdata_ulang":
                count = rng.randint(max(1, presence // 3), presence)
            elif finding == "kelahiran_baru":
                count = rng.randint(0, max(1, presence // 50))
            else:
                count = rng.randint(0, max(2, presence // 25))
            ops["findings"].append({"operation_id": oid, "finding": finding, "count": count})
        return oid

    def routine_operations(self, ops: dict[str, list[dict[str, Any]]]) -> None:
        rng = self.rng("operations")
        for kanim in KANIMS:
            kabs = [
                k for k in kanim.covers if k in AREA_BY_KAB or k in ACEH_KABS or k in EX_PEKALONGAN
            ]
            if not kabs:
                continue
            big = any(AREA_BY_KAB[k].weight >= 150 for k in kabs if k in AREA_BY_KAB)
            for year in range(2022, self.as_of.year + 1):
                for _ in range(5 if big else 2):
                    kab = rng.choice(kabs)
                    start = D(year, 1, 1)
                    if kab in ACEH_KABS:
                        start = max(start, D(2023, 11, 20))
                    end = min(D(year, 12, 31), self.as_of)
                    if start > end:
                        continue
                    day = _date_between(rng, start, end)
                    kind = str(
                        _pick(rng, {"operasi_gabungan": 0.4, "pendataan": 0.35, "monitoring": 0.25})
                    )
                    pool = self.agencies_in(
                        kab, ("polri", "tni", "satpolpp", "kesbangpol", "dukcapil", "disnaker")
                    )
                    members = rng.sample(pool, min(len(pool), rng.randint(2, 5)))
                    if kind == "pendataan":
                        members.append("UNHCR")
                    if kab in ACEH_KABS:
                        members.append("IOM")
                    kec = None
                    if kab in ACEH_KABS:
                        kec = rng.choice(
                            [
                                s.region[:8]
                                for s in self.sites.values()
                                if s.kind == "shelter" and s.kabkota == kab
                            ]
                            or [self.pick_kecamatan(rng, kab)]
                        )
                    elif kab in EX_PEKALONGAN:
                        kec = SIRAMPOG if kab == "33.29" else None
                    self.operation(rng, day, kind, kab, kanim.code, members, ops, kec)

    # ------------------------------------------------------------ meetings and actions

    def meeting_plan(self) -> list[dict[str, Any]]:
        """Every meeting: the named ones and routine rakor, ~quarterly per office, 2022 on."""
        rng = self.rng("meetings")
        limit = self.as_of + dt.timedelta(days=30)  # a few planned meetings ahead
        plan: list[dict[str, Any]] = []
        named_quarters = set()
        for named in NAMED_MEETINGS:
            if named.held_on <= self.as_of:
                plan.append(
                    {
                        "named": named,
                        "held_on": named.held_on,
                        "level": named.level,
                        "office": named.office,
                        "region": named.region,
                    }
                )
                named_quarters.add(
                    (named.office, named.held_on.year, (named.held_on.month - 1) // 3)
                )
        quarters = [(y, q) for y in range(2022, limit.year + 1) for q in range(4)]

        def day_in(year: int, months: Sequence[int]) -> dt.date:
            month = rng.choice(months)
            return D(year, month, rng.randint(3, 26))

        for kanim in KANIMS:
            kabs = [
                k
                for k in kanim.covers
                if k in AREA_BY_KAB or k in ACEH_KABS or k in EX_PEKALONGAN or k == "73.72"
            ]
            if not kabs:
                continue
            weight = sum(AREA_BY_KAB[k].weight for k in kabs if k in AREA_BY_KAB)
            if weight >= 150 or kabs[0] in ACEH_KABS:
                per_year = 4
            elif weight >= 30 or kabs[0] in EX_PEKALONGAN:
                per_year = 2
            else:
                per_year = 1
            for i, (year, q) in enumerate(quarters):
                if per_year == 2 and q % 2 == 1 or per_year == 1 and q != 1:
                    continue
                if (kanim.code, year, q) in named_quarters:
                    continue
                kab = kabs[i % len(kabs)]
                plan.append(
                    {
                        "held_on": day_in(year, range(3 * q + 1, 3 * q + 4)),
                        "level": "kabkota",
                        "office": kanim.code,
                        "region": kab,
                    }
                )
        for kec in KECAMATAN_TEAMS:
            kanim = KANIM_OF_KAB[kec[:5]]
            for year in range(2022, limit.year + 1):
                for months in ((3, 4, 5), (9, 10, 11)):
                    day = day_in(year, months)
                    if kec == SIRAMPOG and day < D(2024, 10, 20):
                        continue  # the kecamatan team was formed after the Brebes rakor
                    if kec[:2] == "11" and day < D(2024, 1, 1):
                        continue
                    plan.append(
                        {"held_on": day, "level": "kecamatan", "office": kanim.code, "region": kec}
                    )
        provinces = sorted({a.kabkota[:2] for a in AREAS if a.weight >= 150} | {"11", "33"})
        for prov in provinces:
            for year in range(2022, limit.year + 1):
                for half in ((2, 3, 4), (8, 9, 10)):
                    plan.append(
                        {
                            "held_on": day_in(year, half),
                            "level": "provinsi",
                            "office": f"KANWIL-IMIGRASI-{prov}",
                            "region": prov,
                        }
                    )
        for year in range(2022, limit.year + 1):
            for office, period in (("KEMENKOPOLHUKAM", (3, 4)), ("DITJENIM", (10, 11))):
                plan.append(
                    {
                        "held_on": day_in(year, period),
                        "level": "pusat",
                        "office": office,
                        "region": "31.71",
                    }
                )
        plan = [m for m in plan if m["held_on"] <= limit]
        plan.sort(key=lambda m: (m["held_on"], m["level"], m["region"], m["office"]))
        return plan

    def attendees(self, rng: random.Random, meeting: dict[str, Any]) -> list[str]:
        level, region, office = meeting["level"], meeting["region"], meeting["office"]
        codes = [office]
        if level == "pusat":
            codes += [
                "DITJENIM",
                "KEMENKOPOLHUKAM",
                "SATGAS-PPLN",
                "UNHCR",
                "IOM",
                "DITJEN-DUKCAPIL",
                "DITJEN-POLPUM",
            ]
            codes += rng.sample(
                ["BAHARKAM", "BAIS-TNI", "KEMENLU", "BIN", "KEMENSOS", "KEJAGUNG", "DITWASDAKIM"], 4
            )
        elif level == "provinsi":
            codes += [f"{k}-{region}" for k in ("KESBANGPOL", "POLRI", "TNI", "DUKCAPIL", "PEMDA")]
            codes += [k.code for k in KANIMS if k.region[:2] == region]
            codes += ["UNHCR", "IOM"]
        elif level == "kabkota":
            codes += self.agencies_in(
                region, ("kesbangpol", "polri", "tni", "satpolpp", "dukcapil", "kejaksaan")
            )
            codes += rng.sample(
                self.agencies_in(region, ("dinsos", "disnaker", "beacukai", "pemda")), 2
            )
            if rng.random() < 0.4:
                codes.append(f"KANWIL-IMIGRASI-{region[:2]}")
            if rng.random() < 0.5 or region[:2] == "11":
                codes.append("UNHCR")
            if self.ch_sites.get(region) or region[:2] == "11":
                codes.append("IOM")
            codes += [f"CAMAT-{k}" for k in KECAMATAN_TEAMS if k.startswith(region)]
        else:
            kab = region[:5]
            codes += [f"CAMAT-{region}"]
            codes += self.agencies_in(kab, ("kesbangpol", "polri", "tni", "satpolpp"))
            if rng.random() < 0.5:
                codes.append(f"DUKCAPIL-{kab}")
        return [c for c in dict.fromkeys(codes) if c in self.agency]

    def themes(self, meeting: dict[str, Any]) -> set[str]:
        day, region = meeting["held_on"], meeting["region"]
        themes = {"umum"}
        kab = region[:5]
        if (
            self.ch_sites.get(kab)
            or meeting["level"] != "kecamatan"
            and region[:2] in ("12", "14", "21", "73")
        ):
            themes.add("hunian")
        if region[:2] == "11" and day >= D(2023, 11, 14):
            themes = {"rohingya", "keamanan"}
        if region[:2] in ("11", "21", "53", "73"):
            themes.add("pesisir")
        if kab == "31.71":
            themes.add("berkumpul")
        if D(2024, 6, 1) <= day <= D(2024, 11, 27):
            themes.add("pilkada")
        if day >= D(2025, 1, 1):
            themes.add("data")
        return themes

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
                    f"Hotel di {_short(label)}",
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

    def action_history(
        self, rng: random.Random, held: dt.date, due: dt.date
    ) -> list[tuple[dt.date, str, str]]:
        """The planned course of a routine action, before cutting at the reference date.

        Some actions stall (never finished); the older the meeting, the rarer that is, since
        forgotten follow-ups get reviewed at later rakor and closed or dropped.
        """
        span = max(1, (due - held).days)
        events = []
        stall = 0.25 * math.exp(-max(0, (self.as_of - held).days) / 250)
        r = rng.random()
        outcome = "stalled" if r < stall else ("dropped" if r < stall + 0.07 else "done")
        started = None
        if rng.random() < 0.8:
            started = held + _days(rng, 1, max(2, span // 2))
            events.append((started, "in_progress", rng.choice(PROGRESS_COMMENTS)))
        after = started or held
        if outcome == "done":
            finish = max(
                after + dt.timedelta(days=1),
                held + dt.timedelta(days=round(span * rng.uniform(0.35, 1.45))),
            )
            events.append((finish, "done", rng.choice(DONE_COMMENTS)))
        elif outcome == "dropped":
            drop = max(after + dt.timedelta(days=1), held + _days(rng, 10, span + 60))
            events.append((drop, "dropped", rng.choice(DROP_REASONS)))
        return events

    def owner_for(
        self, rng: random.Random, template: ActionTemplate, attendees: Sequence[str], office: str
    ) -> str:
        for kind in template.owners:
            options = [a for a in attendees if self.agency_kind[a] == kind]
            if options:
                return rng.choice(options)
        return office

    def pic(self, rng: random.Random, owner: str) -> str:
        titles = PIC_TITLES.get(self.agency_kind[owner], PIC_TITLES["other"])
        return f"{rng.choice(OFFICIAL_GIVEN)} {rng.choice(OFFICIAL_FAMILY)} ({rng.choice(titles)})"

    def insert_meetings(self, ops: dict[str, list[dict[str, Any]]]) -> None:
        rng = self.rng("actions")
        meetings: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        actions: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for plan in self.meeting_plan():
            mid = self.new_id(_table(Meeting))
            held: dt.date = plan["held_on"]
            named: NamedMeeting | None = plan.get("named")
            themes = self.themes(plan)
            if named:
                attendees = [a for a in named.attendees if a in self.agency]
                year_protests = sum(
                    1
                    for day, kind, kab in self.incident_log
                    if kab == "31.71"
                    and kind == "protest"
                    and day.year == held.year
                    and day <= held
                )
                minutes = named.minutes.format(
                    count_sentence=self.count_sentence(named.region, held),
                    incident_sentence=f"Sepanjang {held.year} hingga rapat ini tercatat "
                    f"{year_protests} kejadian unjuk rasa dan berkumpulnya "
                    "pencari suaka di Jakarta Pusat.",
                )
                title, venue, agenda = named.title, named.venue, named.agenda
            else:
                attendees = self.attendees(rng, plan)
                title, venue, agenda, minutes_or_none = self.routine_texts(rng, plan, themes)
                minutes = minutes_or_none or ""
            meetings.append(
                {
                    "id": mid,
                    "level": plan["level"],
                    "office_agency_id": self.agency[plan["office"]],
                    "held_on": held,
                    "venue": venue,
                    "title": title,
                    "agenda": agenda,
                    "minutes": minutes or None,
                    **placed(plan["region"]),
                }
            )
            links += [{"meeting_id": mid, "agency_id": self.agency[a]} for a in attendees]
            if held > self.as_of:
                continue  # a planned meeting: no decisions yet
            if named:
                specs = [
                    (
                        a.description,
                        a.owner,
                        held + dt.timedelta(days=a.due_days),
                        [(held + dt.timedelta(days=d), st, c) for d, st, c in a.history],
                        a.operation,
                    )
                    for a in named.actions
                ]
            else:
                specs = self.routine_actions(rng, plan, attendees, themes)
            for description, owner, due, history, op_kind in specs:
                self.add_action(
                    rng,
                    plan,
                    mid,
                    description,
                    owner,
                    due,
                    history,
                    op_kind,
                    attendees,
                    actions,
                    updates,
                    ops,
                )
        self.insert(_table(Meeting), meetings)
        self.insert(_table(MeetingAgency), links)
        self.insert(_table(Operation), ops["operations"])
        self.insert(_table(OperationAgency), ops["agencies"])
        self.insert(_table(OperationFinding), ops["findings"])
        self.insert(_table(Action), actions)
        self.insert(_table(ActionUpdate), updates)

    def routine_actions(
        self, rng: random.Random, plan: dict[str, Any], attendees: list[str], themes: set[str]
    ) -> list[tuple[str, str, dt.date, list[Any], Any]]:
        held: dt.date = plan["held_on"]
        region: str = plan["region"]
        candidates = [t for t in ACTION_TEMPLATES if themes & set(t.themes)]
        if plan["level"] in ("pusat", "provinsi"):
            candidates = [t for t in candidates if "{kec}" not in t.text]
        high = 4 if plan["level"] == "kecamatan" else 6
        chosen = rng.sample(candidates, min(len(candidates), rng.randint(2, high)))
        specs = []
        for template in chosen:
            owner = self.owner_for(rng, template, attendees, plan["office"])
            kab = region[:5] if len(region) >= 5 else region
            kec = region if len(region) == 8 else self.pick_kecamatan(rng, kab)
            text = template.text.format(kec=self.names.get(kec, kec), kab=self.region_label(kab))
            due = held + _days(rng, 14, 120)
            history = self.action_history(rng, held, due)
            specs.append((text, owner, due, history, template.operation))
        return specs

    def add_action(
        self,
        rng: random.Random,
        plan: dict[str, Any],
        mid: int,
        description: str,
        owner: str,
        due: dt.date,
        history: list[tuple[dt.date, str, str]],
        op_kind: str | None,
        attendees: list[str],
        actions: list[dict[str, Any]],
        updates: list[dict[str, Any]],
        ops: dict[str, list[dict[str, Any]]],
    ) -> None:
        held: dt.date = plan["held_on"]
        aid = self.new_id(_table(Action))
        office_user = self.agency_user[plan["office"]]
        owner_user = self.agency_user[owner]
        happened = [e for e in history if e[0] <= self.as_of]
        status = happened[-1][1] if happened else "open"
        completed = next((d for d, st, _ in happened if st == "done"), None)
        reason = next((c for _, st, c in happened if st == "dropped"), None)
        operation_id = None
        evidence = None
        if completed:
            evidence = f"Laporan pelaksanaan tanggal {fmt_date_id(completed)}."
            region = plan["region"]
            if op_kind and len(region) >= 5 and region[:5] in self.kecamatan_of:
                kab = region[:5]
                kanim = KANIM_OF_KAB.get(kab)
                lead = owner if self.agency_kind[owner] == "imigrasi" or not kanim else kanim.code
                members = [
                    a
                    for a in attendees
                    if self.agency_kind[a]
                    in (
                        "polri",
                        "tni",
                        "satpolpp",
                        "dukcapil",
                        "kesbangpol",
                        "unhcr",
                        "iom",
                        "pemda",
                    )
                ]
                kec = region if len(region) == 8 else None
                operation_id = self.operation(
                    rng,
                    completed,
                    op_kind,
                    kab,
                    lead,
                    [owner, *rng.sample(members, min(3, len(members)))],
                    ops,
                    kec,
                )
                evidence = f"Berita acara kegiatan tanggal {fmt_date_id(completed)}."
        actions.append(
            {
                "id": aid,
                "meeting_id": mid,
                "meeting_date": held,
                "description": description,
                "owner_agency_id": self.agency[owner],
                "person_in_charge": self.pic(rng, owner),
                "due_date": due,
                "status": status,
                "completed_on": completed,
                "drop_reason": reason,
                "evidence_text": evidence,
                "evidence_url": None,
                "operation_id": operation_id,
            }
        )
        stamp = _at(held, rng, 13, 17)
        updates.append(
            {
                "id": self.new_id(_table(ActionUpdate)),
                "action_id": aid,
                "changed_at": stamp,
                "username": office_user,
                "old_status": None,
                "new_status": "open",
                "changes": json.dumps(
                    {"status": [None, "open"], "due_date": [None, due.isoformat()]}
                ),
                "comment": "Dicatat dari notulen rapat.",
            }
        )
        old = "open"
        for day, new, comment in happened:
            stamp = max(stamp + dt.timedelta(minutes=5), _at(day, rng))
            changes: dict[str, Any] = {"status": [old, new]}
            if new == "done":
                changes["completed_on"] = [None, day.isoformat()]
            if new == "dropped":
                changes["drop_reason"] = [None, comment]
            updates.append(
                {
                    "id": self.new_id(_table(ActionUpdate)),
                    "action_id": aid,
                    "changed_at": stamp,
                    "username": owner_user,
                    "old_status": old,
                    "new_status": new,
                    "changes": json.dumps(changes),
                    "comment": comment,
                }
            )
            old = new

    # ------------------------------------------------------------ everything

    def run(self) -> int:
        self.load_regions()
        self.insert_agencies()
        self.insert_sites()
        count = self.insert_people()
        self.update_capacities()
        self.insert(_table(CalendarEvent), calendar_events())
        self.insert(_table(Incident), self.incident_rows())
        ops: dict[str, list[dict[str, Any]]] = {"operations": [], "agencies": [], "findings": []}
        self.routine_operations(ops)
        self.insert_meetings(ops)
        self.sync_sequences()
        return count


def seed_demo(
    session: Session, *, scale: int = 1, seed: int = 42, as_of: dt.date | None = None
) -> int:
    """Fill an empty database (regions loaded) with demo data; returns the persons inserted.

    `as_of` (default: today, see clock.py) ends the history: nothing happens after it except a
    few planned meetings. Same arguments, same data.
    """

    if scale < 1:
        raise ValueError("scale must be at least 1")
    if session.scalar(select(func.count()).select_from(Person)):
        raise ValueError("the database already holds persons; demo data goes into an empty one")
    generator = _Demo(session, scale=scale, seed=seed, as_of=as_of or clock.today())
    count = generator.run()
    db.bump_data_version(session)
    return count
