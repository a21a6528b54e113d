"""The shape of the code (ARCHITECTURE.md): imports go one way, content is declared once."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from techniekpact import content

ROOT = Path(settings.BASE_DIR)
CORE = "techniekpact"
PROJECT = "config"


def project_apps():
    """Our own apps (folders of this repository), the core included."""
    return [config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT]


def modules(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imports(path):
    """(top-level package, line, at module level?) for every import in the file."""
    tree = ast.parse(path.read_text())
    top = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            yield name.split(".")[0], node.lineno, id(node) in top


def test_the_core_imports_no_app_and_not_the_project_package():
    forbidden = (set(project_apps()) - {CORE}) | {PROJECT}
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in modules(CORE)
        for name, line, _top in imports(path)
        if name in forbidden
    ]
    assert found == []


@pytest.mark.parametrize("app", sorted(set(project_apps()) - {CORE}))
def test_apps_never_import_the_project_package(app):
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in modules(app)
        for name, line, _top in imports(path)
        if name == PROJECT
    ]
    assert found == []


def test_no_function_level_imports_of_our_own_code():
    """Hidden imports only hide a cycle. AppConfig.ready() is the one place Django wants them."""
    ours = set(project_apps()) | {PROJECT}
    found = []
    for package in ours:
        for path in modules(package):
            for name, line, at_top in imports(path):
                if name in ours and not at_top:
                    found.append(f"{path.relative_to(ROOT)}:{line}")
    allowed = {f"{CORE}/apps.py"}
    assert [place for place in found if place.split(":")[0] not in allowed] == []


def test_the_core_names_no_content_model():
    names = {model.__name__ for model in content.content_models()}
    assert {"Goal", "Landsdeel", "Question"} <= names
    pattern = re.compile(r"\b(" + "|".join(sorted(names)) + r")\b")
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in modules(CORE)
        for match in pattern.finditer(path.read_text())
    ]
    assert found == []


def test_every_content_app_declares_its_content_once():
    declared = content.content_apps()
    assert [config.label for config in declared] == ["regions", "pages", "faq", "news"]
    for config in declared:
        assert config.content_models, config.label
        for name in config.fixture_files():
            assert (ROOT / "fixtures" / name).exists(), config.label
    # The registry feeds what used to be hand-kept lists.
    assert set(content.sitemaps()) >= {"goals", "regions", "pages"}
    assert len(content.search_document_sources()) == 4


def test_the_runtime_holds_no_map_building_code():
    runtime = [path for app in project_apps() for path in modules(app)] + list(modules(PROJECT))
    assert not [p for p in runtime if p.name in {"geo.py", "build_map.py"}]
