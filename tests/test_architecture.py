"""The package's structure: one-way imports, a pure model, one vocabulary.

Imports are read from the source, function-level ones included (they run too, only
later); imports under ``if TYPE_CHECKING:`` are left out, since they never run.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import peerbrief
from peerbrief.lines import Line
from peerbrief.model import Entry

PACKAGE = Path(__file__).resolve().parents[1] / "peerbrief"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node but those under ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.If) and _is_type_checking(child):
            yield from (node for stmt in child.orelse for node in _runtime_nodes(stmt))
            continue
        yield child
        yield from _runtime_nodes(child)


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def imports_of(module: str) -> set[str]:
    """The package's modules that ``module`` imports at run time."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node)
            found.add(base)
            # "from . import writers" imports a module, not a name
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: imports_of(module) for module in MODULES}


def find_cycle() -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for other in sorted(GRAPH[node]):
            if state.get(other) == 1:
                return [*path[path.index(other) :], other]
            if other not in state and (cycle := visit(other)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(GRAPH):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_reader_sees_every_module() -> None:
    assert {"peerbrief.model", "peerbrief.views", "peerbrief.writers.ris"} <= MODULES.keys()
    assert "peerbrief.vocabulary" in GRAPH["peerbrief.blocks"]
    assert "peerbrief.views" in GRAPH["peerbrief.model"]  # a function-level import counts


def test_the_import_graph_has_no_cycle() -> None:
    assert find_cycle() is None


def test_the_model_imports_only_the_vocabulary_when_loaded() -> None:
    # Its convenience methods (display, cite, write) import their layer when called.
    tree = ast.parse(MODULES["peerbrief.model"].read_text(encoding="utf-8"))
    top_level = {
        _resolve("peerbrief.model", node)
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.level
    }
    assert top_level == {"peerbrief.vocabulary"}


@pytest.mark.parametrize(
    "layer", ["peerbrief.views", "peerbrief.cite", "peerbrief.writers", "peerbrief.vocabulary"]
)
def test_output_layers_use_the_model_for_type_checking_only(layer: str) -> None:
    members = [name for name in MODULES if name == layer or name.startswith(layer + ".")]
    for member in members:
        assert "peerbrief.model" not in GRAPH[member], member


def test_loading_the_model_loads_no_display_citation_or_writer_code() -> None:
    code = (
        "import sys, peerbrief.model;"
        "print(sorted(m for m in sys.modules if m.startswith(('peerbrief', 'citeproc',"
        " 'bibtexparser', 'rispy', 'jsonschema', 'pypdf'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    modules = set(ast.literal_eval(loaded))
    # Importing a submodule runs the package's __init__, which is the public API: what
    # matters is that nothing in it pulls in the display, citation or writing layers.
    assert not {
        name
        for name in modules
        if name.startswith(("citeproc", "bibtexparser", "rispy", "jsonschema", "pypdf"))
    }
    assert not {"peerbrief.views", "peerbrief.cite", "peerbrief.writers"} & modules


# --- extending: one module, one registration ---------------------------------------------


def test_a_new_input_format_is_one_registration(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the README's "Adding to peerbrief" promises for an input format (DOCX, say)."""
    from peerbrief import inputs
    from peerbrief.lines import split_lines

    def read_fake(data: bytes, label: str, options: inputs.ReadOptions) -> list[Line]:
        text = data.removeprefix(b"FAKEDOC\n").decode()
        return split_lines(text.replace("{title}", "[Peer workers in teams](#)"))

    fake = inputs.InputFormat("fakedoc", lambda head: head.startswith(b"FAKEDOC"), read_fake)
    monkeypatch.setattr(inputs, "INPUT_FORMATS", (*inputs.INPUT_FORMATS, fake))
    brief = peerbrief.read(b"FAKEDOC\nEvidence Brief: X\n\n{title}\n\nSource: NHS England\n")
    assert [entry.title for entry in brief.entries] == ["Peer workers in teams"]
    assert brief.entries[0].publisher == "NHS England"


def test_a_new_output_format_is_one_registration(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """What the README promises for an output format (EndNote XML, say): a writer
    function, registered in ``writers.FORMATS`` with its extension in the vocabulary."""
    from peerbrief import vocabulary, writers

    def to_titles(entries: Sequence[Entry]) -> str:
        return "".join(f"<title>{entry.title}</title>\n" for entry in entries)

    monkeypatch.setitem(vocabulary.FORMAT_EXTENSIONS, "titles-xml", ".xml")
    monkeypatch.setitem(
        writers.FORMATS,
        "titles-xml",
        writers.Format("titles-xml", to_titles, "a list of titles"),
    )
    brief = peerbrief.read(peerbrief.sample_path())
    brief.write(tmp_path / "titles.xml")
    written = (tmp_path / "titles.xml").read_text(encoding="utf-8")
    assert written.count("<title>") == len(brief.entries)
