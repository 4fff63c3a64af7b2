"""The shared corpus of real official texts (`../shared/corpus/official.jsonl`), read by the
tests that compare fast paths with plain rules on real text; skipped where it is absent."""
from __future__ import annotations

import json
import os

import pytest

OFFICIAL = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "official.jsonl")

NOT_OFFICIAL = os.path.join(os.path.dirname(OFFICIAL), "not-official.jsonl")

needs_official = pytest.mark.skipif(not os.path.exists(OFFICIAL), reason="shared corpus not present")


def official_texts(limit: int) -> list[str]:
    """The first `limit` texts of the corpus."""
    with open(OFFICIAL, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()][:limit]


needs_not_official = pytest.mark.skipif(not os.path.exists(NOT_OFFICIAL),
                                        reason="shared corpus of web pages not present")


def not_official_texts(limit: int) -> list[str]:
    """The first `limit` web pages of the crawl that are not official documents."""
    with open(NOT_OFFICIAL, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()][:limit]
