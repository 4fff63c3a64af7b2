"""A non-editable install carries everything the program reads at run time: the tables, the
explorer's templates and static files, the HTML assets and the ontology (the RDF export reads
its concept schemes from it). Built as a user would: a wheel of the tracked files, installed
into a folder of its own, run from another folder."""
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"

pytestmark = pytest.mark.slow


def _tracked_copy(dst: Path) -> Path:
    """The files git tracks (symbolic links kept as links), copied to dst: no build/ or
    egg-info left over from a development install."""
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for name in filter(None, names):
        src, out = ROOT / name, dst / name
        out.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), out)
        elif src.is_file():
            shutil.copy2(src, out)
    return dst


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the project's git checkout")
    tmp = tmp_path_factory.mktemp("pkg")
    src = _tracked_copy(tmp / "src")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q",
                    "-w", str(tmp / "dist")], check=True, capture_output=True)
    return next((tmp / "dist").glob("policygraph-*.whl"))


def test_wheel_carries_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, pattern in [("graph/tables", "*.csv"), ("graph/explorer/templates", "*.html"),
                            ("graph/explorer/static", "*"), ("graph/export/assets", "*"),
                            ("ontology", "*.ttl"), ("ontology", "*.jsonld"),
                            ("ontology/queries", "*.rq")]:
        on_disk = sorted(p.name for p in (ROOT / folder).glob(pattern) if p.is_file())
        assert on_disk, folder
        in_wheel = folder.replace("ontology", "graph/ontology", 1) if folder.startswith(
            "ontology") else folder
        missing = [n for n in on_disk if f"{in_wheel}/{n}" not in names]
        assert not missing, (folder, missing)


def test_installed_copy_builds_exports_and_writes_the_site(wheel, tmp_path):
    site = tmp_path / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(site), str(wheel)], check=True, capture_output=True)
    run = tmp_path / "run"
    run.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}

    def policygraph(*args):
        return subprocess.run([sys.executable, "-m", "graph", *args], cwd=run, env=env,
                              capture_output=True, text=True)

    where = subprocess.run([sys.executable, "-c", "import graph; print(graph.__file__)"],
                           cwd=run, env=env, capture_output=True, text=True)
    assert where.stdout.strip().startswith(str(site)), where.stdout + where.stderr
    built = policygraph("build", str(SAMPLES), "--store", "s.sqlite")
    assert built.returncode == 0, built.stderr
    out = policygraph("export", "--store", "s.sqlite", "-o", "s.ttl")
    assert out.returncode == 0, out.stderr
    text = (run / "s.ttl").read_text(encoding="utf-8")
    assert "skos:ConceptScheme" in text and "doctype/nq" in text
    page = policygraph("site", "--store", "s.sqlite", "-o", "www")
    assert page.returncode == 0, page.stderr
    assert (run / "www" / "index.html").is_file()
