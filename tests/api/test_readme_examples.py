"""The README's API examples, run as written: each ```bash block of the API section with
curl against a running serve.py, PORA_URL and PORA_TOKEN set as the README says."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.api.conftest import Api
from tests.api.test_api_write import persons

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
SECTION = README.split("\n## API\n", 1)[1].split("\n## ", 1)[0]
EXAMPLES = re.findall(r"```bash\n(.*?)```", SECTION, re.S)


def test_the_api_section_has_examples() -> None:
    assert len(EXAMPLES) >= 4
    assert all(e.strip().startswith("curl ") for e in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.split('"')[-2][:60])
def test_a_readme_example_answers_200(api: Api, example: str, tmp_path: Path) -> None:
    (tmp_path / "daftar.csv").write_bytes(persons("README"))
    env = {
        **os.environ,
        "PORA_URL": api.base,
        "PORA_TOKEN": api.token("operator.pemalang", write=True),
    }
    done = subprocess.run(
        ["bash", "-c", example.strip() + " -w '\\n%{http_code}'"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    body, _, code = done.stdout.rpartition("\n")
    assert code == "200", done.stdout
    if "format=csv" in example:
        assert body.splitlines()[1].startswith("#adm3+code,")
    else:
        assert isinstance(json.loads(body), dict)
