"""The apps depend on each other in one direction only (issue 14: no import cycles between apps).
The catalogue (residences) never imports the search, the questionnaire or the requests; what sits
on top (workspace) may import what is below it, never the other way round."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("config", "pages", "residences", "search", "questionnaire", "enquiries", "workspace")


def imports_between_apps() -> dict[str, dict[str, list[str]]]:
    """{app: {other app: [files that import it]}} from every import statement, also the ones
    inside functions (migrations aside: they name apps by string)."""
    graph: dict[str, dict[str, list[str]]] = {app: {} for app in APPS}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    other = module.split(".")[0]
                    if other in APPS and other != app:
                        graph[app].setdefault(other, []).append(str(path.relative_to(ROOT)))
    return graph


def find_cycle(graph) -> list[str]:
    visiting, done = [], set()

    def visit(app):
        if app in visiting:
            return [*visiting[visiting.index(app) :], app]
        if app in done:
            return []
        visiting.append(app)
        for other in graph[app]:
            cycle = visit(other)
            if cycle:
                return cycle
        visiting.pop()
        done.add(app)
        return []

    for app in graph:
        cycle = visit(app)
        if cycle:
            return cycle
    return []


def test_no_import_cycle_between_apps():
    graph = imports_between_apps()
    cycle = find_cycle(graph)

    assert cycle == [], "import cycle: " + " -> ".join(cycle) + "\n" + "\n".join(
        f"{a} -> {b}: {sorted(set(graph[a][b]))}" for a, b in zip(cycle, cycle[1:], strict=False)
    )


def test_the_catalogue_imports_none_of_the_features_built_on_it():
    graph = imports_between_apps()

    assert set(graph["residences"]) <= {"pages"}, graph["residences"]


def test_the_cycle_check_finds_a_cycle():
    graph = {"a": {"b": ["a.py"]}, "b": {"c": ["b.py"]}, "c": {"a": ["c.py"]}}

    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": []}, "b": {}}) == []


def test_templates_below_name_no_template_or_tag_library_of_the_apps_above():
    """The catalogue's, the search's and the questionnaire's pages leave places for the requests
    and the workspace (Wagtail hooks, pages/templatetags/hook_tags.py) instead of naming them."""
    above = ("enquiries/", "workspace/", "enquiries:", "workspace:", "workspace_tags")
    folders = [
        ROOT / "site" / "templates",
        *(ROOT / app / "templates" for app in ("pages", "residences", "search", "questionnaire")),
        ROOT / "search" / "jinja2",
    ]
    hits = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder in folders
        if folder.exists()
        for path in sorted(folder.rglob("*.html"))
        for name in above
        if name in path.read_text()
    ]

    assert hits == []
