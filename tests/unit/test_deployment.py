"""The deployment files: no container daemon runs here, so their structure is checked."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_the_compose_file_runs_postgres_a_migration_then_the_bot_on_webhooks() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "migrate", "bot"}
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["migrate"]["command"] == ["mesobot", "migrate"]
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    bot = services["bot"]
    assert bot["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert {"MESOBOT_TOKEN", "MESOBOT_WEBHOOK_URL", "MESOBOT_WEBHOOK_SECRET", "PORT"} <= set(
        bot["environment"]
    )
    assert services["migrate"]["environment"]["DATABASE_URL"] == bot["environment"]["DATABASE_URL"]


def test_the_dockerfile_installs_as_the_readme_does_and_runs_unprivileged_with_a_healthcheck() -> (
    None
):
    dockerfile = (ROOT / "Dockerfile").read_text()
    readme = (ROOT / "README.md").read_text()
    assert len(re.findall(r"^FROM ", dockerfile, re.MULTILINE)) == 2  # build, then run
    (install,) = re.findall(r"^RUN (python3 -m venv .*)$", dockerfile, re.MULTILINE)
    assert install.replace(" --no-cache-dir", "") in readme
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.MULTILINE)
    assert re.search(r"^HEALTHCHECK .*\n.*/healthz", dockerfile, re.MULTILINE)
    assert dockerfile.rstrip().endswith('CMD ["mesobot", "run"]')


def test_the_procfile_migrates_on_release_and_runs_the_bot() -> None:
    lines = (ROOT / "Procfile").read_text().splitlines()
    assert lines == ["release: mesobot migrate", "web: mesobot run"]
