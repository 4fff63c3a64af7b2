"""Issue 16, the ingest part: a batch never stops on a bad file. Each defect is reproduced as
the issue gives it: a file name that is not UTF-8, a named pipe on the command line, pipes and
broken links in a folder walk, a .docx that unpacks to 1 GB, a garbage .docx, nested divs.
Helpers (zip writing, pages) are local to this module."""
from __future__ import annotations

import os
import socket
import sqlite3
import stat
import struct
import subprocess
import sys
import threading
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from graph.ingest import (Limits, Skipped, iter_files, open_regular, os_path, path_text,
                          read_bytes, read_source)
from graph.ingest.html import html_to_text
from graph.ingest.htmlbounds import (MAX_DEPTH, MAX_OPTIONS, bound_html, cut_to_bounds,
                                     within_bounds)
from graph.ingest.limits import human_size
from graph.ingest.office import zip_entry_count
from graph.models import IngestError

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương\n"


def timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


# --- 1. paths the OS can name ---------------------------------------------------------------

def make_bytes_name(folder: Path, name: bytes, data: bytes = TEXT.encode()) -> str:
    raw = os.path.join(os.fsencode(folder), name)
    with open(raw, "wb") as f:
        f.write(data)
    return os.fsdecode(raw)


def test_a_name_that_is_not_utf8_is_walked_read_and_storable(tmp_path):
    # printf 'x\n' > "$(printf 'a\xff.txt')"
    os_name = make_bytes_name(tmp_path, b"a\xff.txt", b"x\n")
    make_bytes_name(tmp_path, b"b.txt")
    found = [str(p) for p in iter_files([tmp_path])]
    assert found == [os_name, str(tmp_path / "b.txt")]       # the batch goes on after it

    src = read_source(found[0])
    assert src.text == "x\n"
    assert src.path == str(tmp_path) + "/a\\xff.txt"
    src.path.encode("utf-8")                                  # valid UTF-8: no surrogates
    assert os_path(src.path) == os_name and os.path.exists(os_path(src.path))

    # the store's failure: the OS form cannot go into SQLite, the text form can
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE files (path TEXT PRIMARY KEY)")
    with pytest.raises(UnicodeEncodeError, match="surrogates not allowed"):
        conn.execute("INSERT INTO files VALUES (?)", (os_name,))
    conn.execute("INSERT INTO files VALUES (?)", (path_text(os_name),))
    conn.execute("DELETE FROM files WHERE path = ?", (path_text(os_name),))


def test_errors_name_a_bad_file_in_valid_utf8(tmp_path):
    os_name = make_bytes_name(tmp_path, b"r\xe9sum\xe9.txt", b"")
    with pytest.raises(IngestError, match="empty file") as ei:
        read_source(os_name)
    assert ei.value.path.endswith("r\\xe9sum\\xe9.txt")
    str(ei.value).encode("utf-8")
    with pytest.raises(IngestError, match="empty file"):
        read_source(os.fsencode(os_name))                   # a bytes path too


@pytest.mark.parametrize("raw,shown", [
    (b"plain.txt", "plain.txt"),
    ("Kế hoạch 71.txt".encode(), "Kế hoạch 71.txt"),
    (b"a\xff.txt", "a\\xff.txt"),
    (b"back\\slash.txt", "back\\slash.txt"),           # a backslash alone stays as it is
    (b"a\\xff.txt", "a\\\\xff.txt"),                   # ... but not where it reads as \xHH
    (b"a\\\xff", "a\\\\\\xff"),                         # ... nor before an escaped byte
    (b"a\\\\", "a\\\\\\"),
])
def test_path_text_examples(raw, shown):
    assert path_text(raw) == shown
    assert os_path(shown) == os.fsdecode(raw)


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b),
       st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b))
def test_path_text_is_valid_utf8_reversible_and_one_to_one(a, b):
    ta, tb = path_text(a), path_text(b)
    ta.encode("utf-8")
    assert os_path(ta) == os.fsdecode(a)
    assert os.fsencode(os_path(ta)) == a
    assert (ta == tb) == (a == b)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: "\\" not in s))
def test_path_text_keeps_unicode_names_as_they_are(name):
    try:
        os.fsencode(name)
    except UnicodeEncodeError:
        return  # lone surrogates: not a name this system's file names can carry
    if any(0xDC80 <= ord(c) <= 0xDCFF for c in name):
        return  # the OS form of a byte that is not UTF-8
    assert path_text(name) == name


# --- 2. files that are not regular ----------------------------------------------------------

def refused_quickly(path, timeout: float = 10.0) -> IngestError:
    """read_source(path) in a thread: it must raise IngestError at once, not hang."""
    box: dict = {}

    def run():
        try:
            read_source(path)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            box["exc"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():  # release a reader stuck in open() on a pipe before failing
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        t.join(5)
        pytest.fail(f"read_source({path}) hung")
    exc = box.get("exc")
    assert isinstance(exc, IngestError), exc
    return exc


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_given_directly_is_refused_at_once(tmp_path):
    fifo = tmp_path / "p.txt"                                # mkfifo p.txt; build p.txt
    os.mkfifo(fifo)
    exc = refused_quickly(fifo)
    assert exc.path == str(fifo)
    assert exc.problem == "is a named pipe (FIFO), not a regular file; not read"
    with pytest.raises(IngestError, match="named pipe"):
        open_regular(fifo)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs unix sockets")
def test_a_socket_and_a_device_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)                              # a short socket path
    with socket.socket(socket.AF_UNIX) as s:
        s.bind("s.txt")
        assert "is a socket" in refused_quickly("s.txt").problem
    if os.path.exists("/dev/null") and stat.S_ISCHR(os.stat("/dev/null").st_mode):
        assert "is a character device" in refused_quickly("/dev/null").problem


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_extract_on_a_named_pipe_ends_and_says_why(tmp_path):
    fifo = tmp_path / "p.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "graph", "extract", str(fifo), str(good)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert f"{fifo}: is a named pipe (FIFO)" in run.stderr
    assert "20-NQ/TW" in run.stdout                           # the file after it was read


def test_broken_links_and_unreadable_folders_are_listed(tmp_path, monkeypatch):
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "locked").mkdir()
    (root / "good.txt").write_text(TEXT, encoding="utf-8")
    (root / "sub" / "inner.md").write_text(TEXT, encoding="utf-8")
    (root / "image.jpg").write_bytes(b"\xff\xd8\xff")       # not ours: passed over silently
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    (root / "loop").symlink_to(root / "loop")
    (root / "sub" / "up").symlink_to(root)                   # a folder loop
    (root / "again").symlink_to(root / "sub")                # the same folder twice
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "p.txt")
        os.mkfifo(root / "pipe.bin")                          # unsupported suffix: silent
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):   # root ignores permissions: say it as the OS
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    skipped: list[Skipped] = []
    got, took = timed(lambda: list(iter_files([root], skipped=skipped)))
    assert took < 10
    assert [p.relative_to(root).as_posix() for p in got] == ["good.txt", "sub/inner.md"]
    reasons = {Path(s.path).relative_to(root).as_posix(): s.reason for s in skipped}
    assert reasons["dangling.txt"] == (f"dangling symlink (its target {root / 'gone.txt'} "
                                       f"does not exist)")
    assert reasons["loop"] == "symlink loop (the link leads back to itself)"
    assert reasons["sub/up"] == f"symlink loop (leads back to {root})"
    assert reasons["again"] == f"same folder as {root / 'sub'}, walked there"
    assert reasons["locked"] == "cannot open folder (Permission denied)"
    expected = {"dangling.txt", "loop", "sub/up", "again", "locked"}
    if hasattr(os, "mkfifo"):
        assert reasons["p.txt"] == "a named pipe (FIFO), not a regular file"
        expected.add("p.txt")
    assert set(reasons) == expected
    assert all(isinstance(s, Skipped) for s in skipped)


def test_broken_links_given_directly_say_what_they_are(tmp_path):
    (tmp_path / "d.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "l.txt").symlink_to(tmp_path / "l.txt")
    assert list(iter_files([tmp_path / "d.txt"])) == [tmp_path / "d.txt"]
    with pytest.raises(IngestError, match=r"dangling symlink \(its target .*nowhere.txt"):
        read_source(tmp_path / "d.txt")
    with pytest.raises(IngestError, match="symlink loop"):
        read_source(tmp_path / "l.txt")


def test_a_file_named_directly_is_still_read_through_a_symlink(tmp_path):
    (tmp_path / "real.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert read_source(tmp_path / "link.txt").text == TEXT
    assert [p.name for p in iter_files([tmp_path])] == ["link.txt", "real.txt"]


# --- 3. archives ----------------------------------------------------------------------------

def write_zip(path: Path, entries: list[tuple[str, bytes, int, int, int]]) -> Path:
    """A ZIP from (name, stored bytes, method, crc, size once unpacked) as given: the
    sizes may be anything the test wants to claim."""
    out, central = bytearray(), bytearray()
    for name, data, method, crc, size in entries:
        n = name.encode()
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0,
                               crc, len(data), size, len(n), 0, 0, 0, 0, 0, len(out)) + n
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(data),
                           size, len(n), 0) + n + data
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                                 len(central), len(out), 0)
    path.write_bytes(bytes(out))
    return path


def deflated(data: bytes) -> tuple[bytes, int, int, int]:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), 8, zlib.crc32(data), len(data)


def zeros_deflated(size: int) -> tuple[bytes, int, int, int]:
    """`size` zero bytes (a whole number of MB) deflated, about size/1000 bytes: after a full
    flush the deflater starts afresh, so one MB's stream repeats. Its CRC is not computed:
    nothing may unpack it."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    mb = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    assert c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH) == mb
    return mb * (size >> 20) + c.flush(), 8, 0, size


CONTENT_TYPES = b'<?xml version="1.0"?><Types/>'


def test_a_docx_that_unpacks_to_1gb_is_refused_before_unpacking(tmp_path):
    bomb = write_zip(tmp_path / "bomb.docx", [
        ("[Content_Types].xml", *deflated(CONTENT_TYPES)),
        ("word/document.xml", *zeros_deflated(1 << 30)),
    ])
    assert bomb.stat().st_size < 2 << 20                     # a 1 MB file ...
    tracemalloc.start()
    try:
        with pytest.raises(IngestError) as ei:
            read_source(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert ei.value.problem == "unpacks to 1.0 GB, over the 200 MB limit"
    assert peak < 30 << 20                                   # ... read without unpacking it


def test_the_unpacked_limit_is_configurable(tmp_path, monkeypatch):
    doc = write_zip(tmp_path / "x.docx", [
        ("[Content_Types].xml", *deflated(CONTENT_TYPES)),
        ("word/document.xml", *zeros_deflated(3 << 20)),
    ])
    with pytest.raises(IngestError, match=r"unpacks to 3.0 MB, over the 2 MB limit"):
        read_source(doc, limits=Limits(max_unpacked=2 << 20))
    monkeypatch.setenv("POLICYGRAPH_MAX_UNPACKED", str(1 << 20))
    with pytest.raises(IngestError, match=r"over the 1 MB limit"):
        read_source(doc)


def test_a_docx_with_too_many_entries_is_refused_from_its_directory(tmp_path, monkeypatch):
    many = [("[Content_Types].xml", CONTENT_TYPES, 0, zlib.crc32(CONTENT_TYPES),
             len(CONTENT_TYPES))] + [(f"word/media/{i}.bin", b"", 0, 0, 0) for i in range(10_001)]
    doc = write_zip(tmp_path / "many.docx", many)
    assert zip_entry_count(doc.read_bytes(), 10_000) == 10_001
    assert zip_entry_count(doc.read_bytes(), 20_000) == 10_002
    with pytest.raises(IngestError, match=r"more than 10,000 entries \(the limit\)"):
        read_source(doc)
    monkeypatch.setenv("POLICYGRAPH_MAX_ENTRIES", "20000")
    with pytest.raises(IngestError, match="not a Word document"):  # within the limit now
        read_source(doc)


def test_an_end_record_that_lies_about_the_count_is_not_believed(tmp_path):
    doc = write_zip(tmp_path / "lies.docx", [(f"{i}.xml", b"", 0, 0, 0) for i in range(50)])
    data = bytearray(doc.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 1, 1)             # "one entry"
    assert zip_entry_count(bytes(data), 10) == 11
    with pytest.raises(IngestError, match="more than 10 entries"):
        read_bytes(bytes(data), "lies.docx", "docx", limits=Limits(max_entries=10))


def test_garbage_docx_says_not_a_word_document(tmp_path):
    # the case: a ZIP with a document part but no [Content_Types].xml
    no_types = tmp_path / "g1.docx"
    with zipfile.ZipFile(no_types, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(IngestError) as ei:
        read_source(no_types)
    assert ei.value.problem == ("not a Word document (a ZIP archive without "
                                "[Content_Types].xml)")
    assert "KeyError" not in str(ei.value)

    junk_types = tmp_path / "g2.docx"
    with zipfile.ZipFile(junk_types, "w") as zf:
        zf.writestr("[Content_Types].xml", "rác")
        zf.writestr("word/document.xml", "rác")
    with pytest.raises(IngestError, match=r"(not a|damaged) Word document \(") as ei:
        read_source(junk_types)
    assert "KeyError" not in str(ei.value) and "XMLSyntaxError" not in str(ei.value)

    truncated = tmp_path / "g3.docx"
    truncated.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    with pytest.raises(IngestError, match=r"not a Word document \(damaged ZIP archive"):
        read_source(truncated)


def make_pdf(path: Path, pages: int) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for i in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Page {i + 1}: Ke hoach thuc hien Nghi quyet so 20-NQ/TW.")
    pdf.output(str(path))
    return path


def test_a_pdf_is_checked_by_its_pages_and_its_text(tmp_path):
    pdf = make_pdf(tmp_path / "kh.pdf", 3)
    assert "Page 3" in read_source(pdf).text
    with pytest.raises(IngestError) as ei:
        read_source(pdf, limits=Limits(max_pages=2))
    assert ei.value.problem == "has 3 pages, over the 2 limit"
    with pytest.raises(IngestError, match=r"its text unpacks to over 60 bytes, the limit "
                                          r"\(at page 2 of 3\)"):
        read_source(pdf, limits=Limits(max_unpacked=60))


def test_human_sizes():
    assert [human_size(n) for n in (700, 1536, 200 << 20, (1 << 30) + (5 << 20), 1 << 30)] \
        == ["700 bytes", "1.5 KB", "200 MB", "1.0 GB", "1 GB"]


# --- 4. HTML in time linear in its size -----------------------------------------------------

def test_200k_nested_divs_in_seconds_with_their_text():
    n = 200_000
    page = "<html><body>" + "<div>" * n + "Điều 1. Phạm vi" + "</div>" * n + "</body></html>"
    assert len(page) > 2_000_000
    text, took = timed(html_to_text, page)
    assert text == "Điều 1. Phạm vi"
    assert took < 20, f"{took:.1f} s"


def test_nested_blocks_keep_every_line():
    n = 5 * MAX_DEPTH
    page = "".join(f"<div>dòng {i}<p>đoạn {i}</p>" for i in range(n)) + "</div>" * n
    lines = html_to_text(page).split("\n")
    assert lines == [x for i in range(n) for x in (f"dòng {i}", f"đoạn {i}")]


def test_a_select_with_100k_options_and_10k_fonts_left_open():
    page = ("<p>Trước</p><select>" + "<option>x" * 100_000 + "</select><p>Sau</p>")
    text, took = timed(html_to_text, page)
    assert text == "Trước\nSau" and took < 20
    cut = bound_html(page)
    assert cut.count("<option>") == MAX_OPTIONS
    fonts = "".join(f"<p><font color=#{i:06x}>đoạn {i}" for i in range(10_000))
    text, took = timed(html_to_text, fonts)
    assert text.split("\n") == [f"đoạn {i}" for i in range(10_000)] and took < 20


def test_pages_within_bounds_are_not_touched():
    portal = ("<!DOCTYPE html><html><head><title>Kế hoạch</title><script>var a = '<div>';"
              "</script></head><body><nav class=menu><ul><li>Trang chủ<li>Văn bản</ul></nav>"
              "<table><tr><td>ỦY BAN NHÂN DÂN<td>CỘNG HÒA<tr><td>Số: 71/KH-UBND<td>ngày</table>"
              "<p>Điều 1<p>Điều 2<ul><li>a<li>b</ul><!-- <div><div><div> --></body></html>")
    for page in (portal, portal * 300, "<p><b>x" * 5000, "<li>x" * 5000, "<option>x" * 5000,
                 "<table><tr><td>x" * 80, "<div title='<div>'>x</div>" * 1000):
        assert bound_html(page) is page
        assert cut_to_bounds(page) is page


def test_tags_inside_quotes_comments_and_scripts_do_not_count():
    hidden = ('<div title="' + "<div>" * 1000 + '">x</div>'
              + "<!--" + "<div>" * 1000 + "-->"
              + "<script>" + "<div>" * 1000 + "</script>"
              + "<textarea>" + "<div>" * 1000 + "</textarea>")
    assert within_bounds(hidden) and cut_to_bounds(hidden) is hidden
    # an attribute name holding a quote does not open a value: the tags after it count
    opened = '<div a"b>' + "<div>" * 1000 + '"'
    assert not within_bounds(opened)
    assert cut_to_bounds(opened) is not opened


TAGS = ("div", "p", "span", "b", "font", "li", "ul", "td", "tr", "table", "option", "select",
        "section", "ruby", "rt", "h1", "a", "x-y", "object", "form", "dd", "pre", "button")


@st.composite
def adversarial_pages(draw):
    """Long runs of one construct: deep nesting of a tag, open tags never closed, long runs
    of siblings, mixed with text and a few random closings."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        tag = draw(st.sampled_from(TAGS))
        attr = draw(st.sampled_from(["", " id={i}", ' class="m"', " title='a>b'"]))
        run = draw(st.integers(500, 8000))
        shape = draw(st.sampled_from(["nest", "open", "siblings", "closing-other"]))
        other = draw(st.sampled_from(TAGS))
        for i in range(run):
            opened = f"<{tag}{attr.format(i=i)}>"
            if shape == "nest":
                parts.append(opened)
            elif shape == "open":
                parts.append(f"{opened}từ{i} ")
            elif shape == "siblings":
                parts.append(f"{opened}từ{i}</{tag}>")
            else:
                parts.append(f"{opened}từ{i}</{other}>")
        if shape == "nest":
            parts.append("lõi" + f"</{tag}>" * draw(st.integers(0, run)))
    return "".join(parts)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(adversarial_pages())
def test_html_to_text_time_per_character_stays_bounded(page):
    _, took = timed(html_to_text, page)
    assert took < 1.0 + 30e-6 * len(page), f"{took:.2f} s for {len(page)} characters"


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(adversarial_pages())
def test_the_quick_model_clears_only_what_the_full_one_leaves(page):
    if within_bounds(page):
        assert cut_to_bounds(page) is page
    assert bound_html(page) == cut_to_bounds(page)


def test_cut_pages_keep_their_words():
    page = "".join(f"<section><b id={i}>từ{i} " for i in range(3000))
    text = html_to_text(page)
    assert text.split() == [f"từ{i}" for i in range(3000)]
    assert bound_html(page) != page


def test_the_walk_yields_what_the_former_rglob_walk_did(tmp_path, monkeypatch):
    """Same paths, same order, same form ("x.txt" under ".", not "./x.txt"), so stores keep
    their keys."""
    for rel in ("a/x.txt", "a-b.md", "a.txt", "B.HTML", "a/b/c.pdf", "a/b/~$lock.docx",
                "z/y.docx", "z/y.jpg", "a b/é.txt", ".hidden/h.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    from graph.ingest import SUPPORTED_SUFFIXES

    def former(root: Path) -> list[Path]:
        return [f for f in sorted(root.rglob("*")) if f.suffix.lower() in SUPPORTED_SUFFIXES
                and f.is_file() and not f.name.startswith("~$")]

    assert list(iter_files([tmp_path])) == former(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert list(iter_files(["."])) == former(Path("."))
    assert list(iter_files(["a/"])) == former(Path("a/"))
    assert str(next(iter(iter_files(["."])))) == ".hidden/h.md"
