"""Store and batch behaviour: incremental rebuild, bad files, crash mid-file, graph cache."""
import sqlite3

import pytest

import graph.link as B
from graph.link import store as S
from graph.models import Deadline, Header, Record, Reference, Task


def fake_extract(path):
    """A stand-in extractor (pure function of the text): 'SYMBOL|DATE|PROVINCE|REF' lines."""
    from graph.ingest import read_source
    from graph.models import IngestError
    try:
        src = read_source(path)
    except IngestError as exc:
        return path, None, 0, None, exc.problem
    if "BOOM" in src.text:
        return path, src.sha256, len(src.text), None, "extraction failed: BOOM"
    sym, date, prov, ref = (src.text.strip().split("|") + ["", "", "", ""])[:4]
    rec = Record(source=path, document=Header(symbol=sym or None, date=date or None,
                                              jurisdiction=prov or None, issuer="UBND tỉnh " + prov),
                 references=[Reference(symbol=ref, relation="implements", evidence="Thực hiện " + ref)] if ref else [],
                 tasks=[Task(number="1", text="Việc của " + sym, lead=["Sở Y tế"],
                             due=Deadline(due="2019-12-31"))])
    d = rec.to_dict()
    d["sha256"] = src.sha256
    return path, src.sha256, len(src.text), d, None


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text("1/KH-UBND|2022-01-05|Hậu Giang|1983/QĐ-TTg", encoding="utf-8")
    (d / "b.txt").write_text("2/KH-UBND|2022-02-05|Sơn La|1983/QĐ-TTg", encoding="utf-8")
    (d / "c.txt").write_text("3/KH-UBND|2022-03-05|Sơn La|2/KH-UBND", encoding="utf-8")
    return d


def rows(store, sql):
    conn = sqlite3.connect(store)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_incremental_rebuild_skips_unchanged_and_updates_changed(corpus, tmp_path):
    store = tmp_path / "s.sqlite"
    r1 = B.build([corpus], store, jobs=1, progress=False, extractor=fake_extract)
    assert (r1.files, r1.written, r1.skipped, r1.documents) == (3, 3, 0, 3)
    r2 = B.build([corpus], store, jobs=1, progress=False, extractor=fake_extract)
    assert (r2.written, r2.skipped) == (0, 3)
    (corpus / "c.txt").write_text("33/KH-UBND|2022-03-05|Sơn La|2/KH-UBND", encoding="utf-8")
    r3 = B.build([corpus], store, jobs=1, progress=False, extractor=fake_extract)
    assert (r3.written, r3.skipped) == (1, 2)
    syms = sorted(s for (s,) in rows(store, "SELECT symbol FROM documents"))
    assert syms == ["1/KH-UBND", "2/KH-UBND", "33/KH-UBND"]  # old row replaced, not added
    assert rows(store, "SELECT COUNT(*) FROM tasks")[0][0] == 3
    G = B.load_graph(store)
    assert not any((a.get("symbol") == "3/KH-UBND") for _, a in G.nodes(data=True))


def test_bad_files_are_listed_and_the_rest_lands(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (corpus / "boom.txt").write_text("BOOM", encoding="utf-8")
    store = tmp_path / "s.sqlite"
    r = B.build([corpus], store, jobs=2, progress=False, extractor=fake_extract)
    bad = dict(r.failures)
    assert set(bad) == {str(corpus / n) for n in ("empty.txt", "bin.txt", "boom.txt")}
    assert "empty" in bad[str(corpus / "empty.txt")]
    assert r.written == 3 and r.documents == 3
    assert len(rows(store, "SELECT * FROM files WHERE status='error'")) == 3


def test_real_worker_reports_unreadable_file(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"")
    path, sha, size, rec, err = B.extract_row(str(p))
    assert rec is None and "empty" in err


def test_exception_mid_file_leaves_previous_store_intact(corpus, tmp_path, monkeypatch):
    store = tmp_path / "s.sqlite"
    B.build([corpus], store, jobs=1, progress=False, extractor=fake_extract)
    before = {t: rows(store, f"SELECT * FROM {t} ORDER BY 1") for t in
              ("documents", "doc_references", "tasks", "task_agencies")}
    before_files = rows(store, "SELECT path, sha256, status FROM files ORDER BY 1")
    (corpus / "a.txt").write_text("11/KH-UBND|2022-01-05|Hậu Giang|99/QĐ-TTg", encoding="utf-8")

    def crash(*a, **k):  # documents and references are already written when this runs
        raise RuntimeError("injected crash")
    monkeypatch.setattr(S, "_write_tasks", crash)
    with pytest.raises(RuntimeError):
        B.build([corpus], store, jobs=1, progress=False, extractor=fake_extract)
    after = {t: rows(store, f"SELECT * FROM {t} ORDER BY 1") for t in before}
    assert after == before
    assert rows(store, "SELECT path, sha256, status FROM files ORDER BY 1") == before_files
    monkeypatch.undo()
    r = B.build([corpus], store, jobs=1, progress=False, extractor=fake_extract)
    assert r.written == 1  # the changed file is retried next time
    assert ("11/KH-UBND",) in rows(store, "SELECT symbol FROM documents")


def test_graph_cache_follows_store_version(tmp_path):
    store = tmp_path / "s.sqlite"
    rec = Record(source="x.txt", document=Header(symbol="5/KH-UBND", date="2020-01-01",
                                                 jurisdiction="Sơn La"))
    B.build_from_records([rec], store)
    G1 = B.load_graph(store)
    assert B.cache_path(store).exists()
    rec2 = Record(source="y.txt", document=Header(symbol="6/KH-UBND", date="2020-02-01",
                                                  jurisdiction="Sơn La"))
    r = B.build_from_records([rec, rec2], store)
    assert (r.written, r.skipped) == (1, 1)
    G2 = B.load_graph(store)
    assert G2.number_of_nodes() == G1.number_of_nodes() + 1
    assert B.load_graph(store).number_of_nodes() == G2.number_of_nodes()


def test_build_cli_writes_store_and_reports(corpus, tmp_path, capsys, monkeypatch):
    from graph.cli import main
    from graph.link import pipeline
    monkeypatch.setattr(pipeline, "extract_row", fake_extract)
    (corpus / "empty.txt").write_bytes(b"")
    store = tmp_path / "cli.sqlite"
    code = main(["build", str(corpus), "--store", str(store), "--jobs", "1", "--no-html", "-q"])
    captured = capsys.readouterr()
    out = captured.out
    assert code == 1  # a file failed: the batch goes on, the exit code says so
    assert "3 written" in out and "empty.txt" in out
    assert "1 file(s) failed" in captured.err
    assert S.counts(S.connect(store))["documents"] == 3


def _full_record(source="full.txt"):
    """A Record with every field set to something other than its default."""
    from graph.models import Statement
    return Record(
        source=source,
        document=Header(symbol="86/KH-UBND", doc_type="Kế hoạch", date="2016-12-28",
                        issuer="Ủy ban nhân dân tỉnh Thái Bình", jurisdiction="Thái Bình",
                        title="Kế hoạch thực hiện Nghị quyết 20", type_code="KH",
                        inferred=["date"]),
        references=[Reference(symbol="20-NQ/TW", doc_type="Nghị quyết", type_code="NQ",
                              date="2017-10-25", issuer="Ban Chấp hành Trung ương",
                              jurisdiction="Thái Bình", relation="implements",
                              evidence="Thực hiện Nghị quyết số 20-NQ/TW", offset=12,
                              family="party", aliases=["Nghị quyết 20"], mentions=3,
                              title="về bảo vệ sức khỏe nhân dân")],
        statements=[Statement("60-KH/TU", "implements", "20-NQ/TW", "60-KH/TU thực hiện", 40)],
        tasks=[Task(number="II.1", text="Rà soát", lead=["Sở Y tế"], partners=["Sở Tài chính"],
                    deadline="Quý IV/2017",
                    due=Deadline(text="Quý IV/2017", due="2017-12-31", start="2017-10-01",
                                 recurrence="annual", condition="khi có kinh phí"),
                    references=["20-NQ/TW"], offset=99, section="II")],
        aliases={"Nghị quyết 20": "20-NQ/TW"}, errors=["một lỗi"], sha256="ab" * 32)


def test_record_comes_back_from_its_dict():
    import json
    rec = _full_record()
    d = json.loads(json.dumps(rec.to_dict(), ensure_ascii=False))
    assert Record.from_dict(d) == rec
    assert Record.from_dict(d).to_dict() == rec.to_dict()
    # keys it does not know are ignored, missing ones take their defaults
    d["references"][0]["unknown"] = 1
    del d["tasks"][0]["section"], d["document"]["inferred"]
    back = Record.from_dict(d)
    assert back.references == rec.references and back.tasks[0].section is None
    assert back.document.inferred == [] and Record.from_dict({}) == Record(source="")


def test_the_store_keeps_the_record_and_gives_it_back(tmp_path):
    store = tmp_path / "s.sqlite"
    rec = _full_record()
    B.build_from_records([rec], store)
    conn = S.connect(store)
    try:
        [(path, sha, back)] = list(S.iter_records(conn))
        assert isinstance(back, Record) and back == rec and (path, sha) == ("full.txt", rec.sha256)
        assert S.records_of(conn, ["full.txt", "nowhere.txt"]) == [(path, sha, back)]
    finally:
        conn.close()


def test_extracted_samples_come_back_from_their_dicts():
    import json
    from pathlib import Path
    from graph.extract import extract_file
    samples = sorted((Path(__file__).resolve().parents[2] / "data" / "samples").glob("*.txt"))
    assert samples
    for p in samples:
        rec = extract_file(p)
        d = json.loads(json.dumps(rec.to_dict(), ensure_ascii=False))
        assert Record.from_dict(d) == rec, p
