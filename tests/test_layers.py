"""The house rules of issue 13, over the whole package, from the code's own text: no module
over 600 lines, no function over 80, imports only down the data's path (models, text, tables
and files at the bottom; then ingest, extract, link, query, export, explorer; the CLI on top),
no import circle between modules, no private name imported from another module."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "graph"
RANK = {"models": 0, "text": 0, "tables": 0, "files": 0, "ingest": 1, "extract": 2, "link": 3,
        "query": 4, "export": 5, "explorer": 6, "cli": 7, "__main__": 8, "__init__": 0}  # graph/__init__.py: the version only
MAX_MODULE, MAX_FUNCTION = 600, 80


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(PACKAGE.rglob("*.py")):
        parts = list(p.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 2:
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import in the file, lazy ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names if a.name.startswith("graph")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("graph"):
            names = [a.name for a in node.names]
            found.append((node.module, names))
    return found


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_no_module_over_600_lines_and_no_function_over_80():
    long = []
    for name, p in _modules().items():
        src = p.read_text(encoding="utf-8")
        if src.count("\n") > MAX_MODULE:
            long.append(f"{name}: {src.count(chr(10))} lines")
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = node.end_lineno - node.lineno + 1
                if size > MAX_FUNCTION:
                    long.append(f"{name}.{node.name}: {size} lines")
    assert long == []


def test_imports_only_go_down_the_flow():
    against = []
    modules = _modules()
    for name, p in modules.items():
        here = RANK[_stage(name)]
        for target, names in _imports(p):
            for dep in _resolve(target, names, modules):
                if RANK[_stage(dep)] > here:
                    against.append(f"{name} -> {dep}")
    assert against == []


def _resolve(target: str, names: list[str], modules: dict[str, Path]) -> list[str]:
    """The modules of the package an import loads: `from graph.x import y` is graph.x.y when
    y is a module, else graph.x."""
    out = []
    for n in names or [None]:
        full = f"{target}.{n}" if n else target
        out.append(full if full in modules else target)
    return [m for m in out if m in modules]


def test_no_import_circle_between_modules():
    modules = _modules()
    edges = {m: set() for m in modules}
    for name, p in modules.items():
        for target, names in _imports(p):
            for dep in _resolve(target, names, modules):
                # a package's face re-exports its modules: that is not a circle of logic
                if dep != name and not name.endswith(dep) and not dep.startswith(name + "."):
                    edges[name].add(dep)
    seen, stack, circles = set(), [], []

    def visit(m):
        if m in stack:
            circles.append(stack[stack.index(m):] + [m])
            return
        if m in seen:
            return
        seen.add(m)
        stack.append(m)
        for d in sorted(edges[m]):
            if not modules[d].name == "__init__.py":  # faces re-export what is below them
                visit(d)
        stack.pop()

    for m in sorted(modules):
        visit(m)
    assert circles == []


def test_no_private_name_is_taken_from_another_module():
    reach = []
    for name, p in _modules().items():
        for target, names in _imports(p):
            if target != name:
                reach += [f"{name} <- {target}.{n}" for n in names
                          if n.startswith("_") and not n.startswith("__")]
    assert reach == []


def test_the_rules_catch_what_they_forbid(tmp_path):
    """The checks above can fail: a module of the extract stage importing the query stage is
    seen as against the flow, a private import as a reach-in."""
    p = tmp_path / "x.py"
    p.write_text("from graph.query import trace\nfrom graph.extract.header import _private\n",
                 encoding="utf-8")
    found = _imports(p)
    assert ("graph.query", ["trace"]) in found
    assert RANK[_stage("graph.query")] > RANK[_stage("graph.extract.x")]
    assert any(n.startswith("_") for _, names in found for n in names)
