"""The extraction of the bundled samples is pinned: `tests/fixtures/extract_samples.jsonl` is
`policygraph extract --json data/samples/*.txt` as it was before the restructuring of the
package (issue 13). Any change of behaviour shows here, field by field; a deliberate change
regenerates the file with that command (run from the repository root) and says why in its
commit. The same check over the shared official texts and web pages is
`bench/extract_regress.py save|check`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.extract import extract_file

ROOT = Path(__file__).resolve().parents[2]
PINNED = ROOT / "tests" / "fixtures" / "extract_samples.jsonl"


def _pinned() -> dict[str, dict]:
    rows = [json.loads(line) for line in PINNED.read_text(encoding="utf-8").splitlines() if line]
    return {row["source"]: row for row in rows}


@pytest.mark.parametrize("source", sorted(_pinned()))
def test_sample_extraction_is_unchanged(source, monkeypatch):
    monkeypatch.chdir(ROOT)
    want = _pinned()[source]
    got = json.loads(json.dumps(extract_file(source).to_dict(), ensure_ascii=False))
    for field in sorted(set(want) | set(got)):
        assert got.get(field) == want.get(field), f"{source}: field {field!r} changed"
