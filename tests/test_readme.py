"""The README's commands work exactly as printed, on the set-up `make setup` leaves behind."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
COMMAND = re.compile(r"^\.venv/bin/python manage\.py (setup_roles|createeditor)\b.*$", re.M)


def test_the_readme_prints_editor_commands():
    assert any(command.group(1) == "createeditor" for command in COMMAND.finditer(_readme()))


def _readme():
    return (ROOT / "README.md").read_text()


@pytest.mark.skipif(not (ROOT / ".env").exists(), reason="make setup writes .env; run make test")
def test_readme_editor_commands_work_as_printed_after_setup(tmp_path):
    """With nothing but what `make setup` wrote (.env): no DJANGO_* in the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_EDITOR_PASSWORD="a-long-and-unusual-readme-password",
    )
    env.pop("REDIS_URL", None)

    def run(command):
        args = shlex.split(command)
        assert args[0] == ".venv/bin/python"
        return subprocess.run(
            [sys.executable, *args[1:]], cwd=ROOT, env=env, capture_output=True, text=True
        )

    prepared = run(".venv/bin/python manage.py migrate -v0")
    assert prepared.returncode == 0, prepared.stderr
    run(".venv/bin/python manage.py load_content -v0")
    for match in COMMAND.finditer(_readme()):
        command = match.group(0).split("#")[0].strip()
        result = run(command)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
