"""The build activity's inputs are every file the build read: a text that added nothing to
the graph (no document, not about one) is still a prov:used source file with its checksum."""
from __future__ import annotations

import hashlib
import os
import shutil

from graph.export import rdf
from graph.link import build, load_graph
from graph_util import samples_store

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UNRELATED = "Thời tiết hôm nay: trời nắng, gió nhẹ. Giá rau tại chợ ổn định.\n"


def test_a_text_that_adds_nothing_is_still_an_input_of_the_build(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(os.path.join(ROOT, "data", "samples"), folder)
    (folder / "weather.txt").write_text(UNRELATED, encoding="utf-8")
    store = tmp_path / "s.sqlite"
    build([str(folder)], store, jobs=1, progress=False)
    G = load_graph(store)
    assert not any(str(folder / "weather.txt") in (a.get("sources") or []) + (a.get("files") or [])
                   for _, a in G.nodes(data=True))
    trs = rdf.triples(G)
    used = {str(o) for s, p, o in trs if p == rdf.PROV + "used"}
    sha = hashlib.sha256(UNRELATED.encode("utf-8")).hexdigest()
    weather = rdf.source_iri(rdf.DEFAULT_BASE, "weather.txt", sha)
    assert weather in used
    assert len(used) == 4  # the three samples and the unrelated text


def test_the_shapes_want_the_build_s_inputs_and_both_times_and_named_change_events(tmp_path):
    import pyshacl
    import rdflib

    store = samples_store(tmp_path)
    nt = rdf.serialize(load_graph(store), "nt").decode("utf-8").splitlines()
    shapes = rdflib.Graph().parse(os.path.join(ROOT, "ontology", "shapes.ttl"))

    def conforms(lines) -> bool:
        data = rdflib.Graph().parse(data="\n".join(lines) + "\n", format="nt")
        return pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)[0]

    assert conforms(nt)
    for cut in ("prov#endedAtTime", "prov#used", "org#ChangeEvent"):
        assert any(cut in x for x in nt), cut
    assert not conforms([x for x in nt if "prov#endedAtTime" not in x])
    assert not conforms([x for x in nt if "prov#used" not in x])
    events = {x.split()[0] for x in nt if x.split()[2] == "<http://www.w3.org/ns/org#ChangeEvent>"}
    assert not conforms([x for x in nt if not (x.split()[0] in events and "rdf-schema#label" in x)])
