"""Presentation mode through AppTest: every slide draws, counts of people are protected even
for users who otherwise see exact figures, no filter control is drawn, and each slide states its
filter and the date of the data."""

from __future__ import annotations

import pytest

from pora_dash.ui.presentation import SLIDES, slide_index
from tests.apptest import app_as, metric_values

PAGE = "app_pages/presentation.py"


@pytest.mark.parametrize("n", range(1, len(SLIDES) + 1))
def test_every_slide_draws_and_states_filter_and_date(demo_db: str, use_db, n: int) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "pimpinan", page=PAGE, params={"wilayah": "31", "slide": str(n)})
    assert not at.exception, at.exception
    footer = " ".join(h.body for h in at.html if "pora-slide-footer" in h.body)
    assert "Wilayah: Daerah Khusus Ibukota Jakarta" in footer
    assert "Data per 22 November 2026" in footer
    assert f"Slide {n} dari {len(SLIDES)}" in footer
    # the shared filter panel is not drawn: nothing to fiddle with on a projector
    assert not at.sidebar.multiselect and not at.sidebar.selectbox


def test_counts_are_protected_for_every_presenter(demo_db: str, use_db) -> None:
    use_db(demo_db)
    params = {"wilayah": "33.29.05"}  # Sirampog: exactly 3 people
    exact = metric_values(app_as(demo_db, "admin", params=params))
    assert exact["Orang asing perhatian aktif"] == "3"
    shown = metric_values(app_as(demo_db, "admin", page=PAGE, params=params))
    assert shown["Orang asing perhatian aktif"] == "<5"
    assert shown["Pengungsi"] == "<5"
    assert shown["Memiliki dokumen UNHCR"] == "–"


def test_presentasi_parameter_opens_the_slides_for_the_same_filter(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(
        demo_db, "admin", page="app_pages/origins.py", params={"presentasi": "1", "wilayah": "31"}
    )
    assert not at.exception
    assert at.title[0].value == "Angka utama · Daerah Khusus Ibukota Jakarta"


def test_slides_move_with_the_buttons(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "pimpinan", page=PAGE, params={"wilayah": "31"})
    assert at.button(key="slide_prev").disabled
    at.button(key="slide_next").click().run()
    assert at.query_params["slide"] == "2"
    assert at.title[0].value.startswith("Peta sebaran")
    at.button(key="slide_prev").click().run()
    assert at.title[0].value.startswith("Angka utama")


def test_actions_slide_never_shows_the_person_in_charge(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "admin", page=PAGE, params={"wilayah": "31", "slide": "6"})
    table = at.table[0].value
    assert list(table.columns) == [
        "Tindak lanjut",
        "Penanggung jawab (instansi)",
        "Tenggat",
        "Status",
    ]


@pytest.mark.parametrize(("raw", "index"), [(None, 0), ("3", 2), ("7", 6), ("8", 0), ("x", 0)])
def test_slide_number_from_the_url(raw: str | None, index: int) -> None:
    assert slide_index(raw) == index


def test_glossary_lists_and_searches_terms(demo_db: str, use_db) -> None:
    use_db(demo_db)
    at = app_as(demo_db, "pemirsa.jakarta", page="app_pages/glossary.py")
    assert not at.exception
    shown = [m.value for m in at.markdown if m.value.startswith("**")]
    assert "**Rudenim**" in shown and len(shown) == 20
    at.text_input(key="glossary_q").input("kartu").run()
    shown = [m.value for m in at.markdown if m.value.startswith("**")]
    assert shown == ["**Pengungsi (refugee)**", "**Status UNHCR**"]
    at.text_input(key="glossary_q").input("zzz").run()
    assert at.info and "Tidak ada istilah" in at.info[0].value


@pytest.mark.parametrize("user", ["pimpinan", "admin"])
@pytest.mark.parametrize("region", ["31", "33.29"])
def test_the_review_page_steps_through_slide_sixs_list(
    demo_db: str, use_db, user: str, region: str
) -> None:
    """One "previous rakor": the review page opens on the meeting slide 6 shows, and steps
    through the same open actions, in the same number (leadership may review, not edit)."""
    use_db(demo_db)
    slide = app_as(demo_db, user, page=PAGE, params={"wilayah": region, "slide": "6"})
    listed = slide.table[0].value["Tindak lanjut"].tolist() if slide.table else []
    review = app_as(demo_db, user, page="app_pages/review.py", params={"wilayah": region})
    assert not review.exception
    meeting = review.selectbox(key="review_meeting")
    heading = slide.subheader[0].value
    assert meeting.format_func(meeting.value).split(" · ")[1] in heading
    if not listed:
        assert any("Tidak ada tindak lanjut terbuka" in s.value for s in review.success)
        return
    progress = review.get("progress")[0].proto.text
    assert f"1 dari {len(listed)}" in progress
    texts = [str(e.proto) for e in [*review.get("html"), *review.markdown]]
    assert any(listed[0][:40] in text for text in texts)  # the first action, as on the slide
    saves = [b for b in review.get("form_submit_button") if "Simpan" in b.proto.label]
    assert saves and all(b.proto.disabled == (user == "pimpinan") for b in saves)
