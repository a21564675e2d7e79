"""Check the package layout: module and function sizes, and import cycles.

    python3 scripts/check_layout.py            # exit 1 and one line per problem

Limits (issue 9): no module over 400 lines, no function over 60 lines, no import cycle
between the package's modules. Only module-level imports count for cycles (an import
inside a function or under ``if TYPE_CHECKING:`` is deliberately lazy and cannot cycle at
import time).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
PACKAGE = "osint_cli"


def module_name(root: Path, path: Path) -> str:
    """Dotted module name of ``path`` below ``root`` (the folder holding the package)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(current: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """Absolute module names an ``import from`` statement may load."""
    if node.level:
        base = current.split(".") if is_package else current.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    return [prefix] + [f"{prefix}.{a.name}" for a in node.names]


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported (not in functions, not TYPE_CHECKING)."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If) and not _is_type_checking(node.test):
            found.extend(n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom)))
        elif isinstance(node, ast.Try):
            found.extend(n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom)))
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def graph(root: Path, modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the package modules it imports at import time."""
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets: set[str] = set()
        for node in _top_level_imports(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else _resolve(
                name, path.name == "__init__.py", node)
            targets.update(n for n in names if n in modules and n != name)
        edges[name] = targets
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _is_submodule_of(child: str, parent: str) -> bool:
    return child.startswith(parent + ".")


def problems(root: Path) -> list[str]:
    """Every breach of the limits below ``root / PACKAGE``, one line each."""
    out: list[str] = []
    paths = sorted((root / PACKAGE).rglob("*.py"))
    modules = {module_name(root, p): p for p in paths}
    for path in modules.values():
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        rel = path.relative_to(root)
        if lines > MAX_MODULE_LINES:
            out.append(f"{rel}: module has {lines} lines (limit {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None:
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    out.append(f"{rel}:{node.lineno}: function {node.name} has {length} lines "
                               f"(limit {MAX_FUNCTION_LINES})")
    edges = graph(root, modules)
    # a package importing its own submodules (``from . import x`` in __init__) is how
    # packages are built; only cycles that do not run through a parent package count
    pruned = {n: {t for t in ts if not _is_submodule_of(t, n) and not _is_submodule_of(n, t)}
              for n, ts in edges.items()}
    out.extend("import cycle: " + " -> ".join(c) for c in cycles(pruned))
    return out


def main() -> int:
    """Print every problem; exit 1 if there is any."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
    found = problems(root)
    for line in found:
        print(line)
    if not found:
        print(f"layout ok: modules <= {MAX_MODULE_LINES} lines, functions <= {MAX_FUNCTION_LINES} lines, no import cycle")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
