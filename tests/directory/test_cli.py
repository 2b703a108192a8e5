import json

from directory.cli import main


def test_init_is_idempotent(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--database-url", url, "init"]) == 0
    assert "loaded" in capsys.readouterr().out
    assert main(["--database-url", url, "init"]) == 0
    assert "schema up to date; no data loaded" in capsys.readouterr().out


def test_stats_validate_export_and_import(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    main(["--database-url", url, "init"])
    capsys.readouterr()
    assert main(["--database-url", url, "stats"]) == 0
    stats = capsys.readouterr().out
    assert "lancashire" in stats and "day-services" in stats
    assert main(["--database-url", url, "validate"]) == 0
    assert "0 problem(s)" in capsys.readouterr().out
    out = tmp_path / "out.json"
    assert main(["--database-url", url, "export", "-o", str(out)]) == 0
    records = json.loads(out.read_text())
    assert len(records) > 100
    assert main(["--database-url", url, "validate", str(out)]) == 0

    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert main(["--database-url", other, "import", str(out)]) == 0
    assert f"Imported {len(records)} services" in capsys.readouterr().out


def test_errors_give_a_message_and_exit_code(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--database-url", url, "import", str(tmp_path / "missing.json"), "--council", "lancashire"]) == 2
    assert "There is no file" in capsys.readouterr().err


def test_validate_reports_problems(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "not-a-uuid", "name": 5}]))
    assert main(["--database-url", f"sqlite:///{tmp_path / 'x.db'}", "validate", str(bad)]) == 1
    assert "problem" in capsys.readouterr().out


def test_concurrent_inits_do_not_trip_over_each_other(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, SIGNPOST_DATABASE_URL=f"sqlite:///{tmp_path / 'race.db'}")
    processes = [
        subprocess.Popen([sys.executable, "-m", "directory", "init"], cwd=root, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], outputs
    assert sum("sample services" in out for out, _ in outputs) == 1  # exactly one process loaded the data


def test_init_upgrades_a_database_made_before_service_areas(tmp_path, capsys):
    """A database at revision 0004 holding the shipped sample directory, where the carers' pilots
    were for the whole county: ``init`` adds service_search.area, rebuilds the index and gives the
    pilots their districts, so a search from Loughborough no longer lists them (QA F2)."""
    from alembic import command
    from sqlalchemy import delete, insert, inspect, select

    from directory.db import dispose, get_engine, session_scope
    from directory.migrate import alembic_config, current_revision
    from directory.models import Service, ServiceArea
    from directory.records import stable_id
    from directory.search import search_services

    url = f"sqlite:///{tmp_path / 'old.db'}"
    assert main(["--database-url", url, "init"]) == 0
    command.downgrade(alembic_config(url), "0004")
    engine = get_engine(url)
    assert "area" not in {column["name"] for column in inspect(engine).get_columns("service_search")}
    with engine.begin() as connection:  # the pilots as an earlier release stored them
        pilots = list(connection.execute(
            select(Service.id).where(Service.name.like("Carer health and wellbeing service (pilot)%"))).scalars())
        assert len(pilots) == 2
        connection.execute(delete(ServiceArea).where(ServiceArea.service_id.in_(pilots)))
        connection.execute(insert(ServiceArea), [
            {"id": stable_id("area", pilot), "service_id": pilot, "name": "Leicestershire County Council"}
            for pilot in pilots])
    capsys.readouterr()
    dispose(url)

    assert main(["--database-url", url, "init"]) == 0
    assert capsys.readouterr().out == (
        "directory: schema upgraded; no data loaded; updated the service areas of 2 sample services.\n")
    assert current_revision(url) == "0005"
    with session_scope(url) as session:
        names = sorted(session.execute(select(ServiceArea.name).where(ServiceArea.service_id.in_(pilots))).scalars())
        assert names == ["North West Leicestershire", "Oadby and Wigston", "Oadby and Wigston"]
        found = search_services(session, category="carers-support", near="LE11")
        assert [card["name"] for card in found["results"]] == []
        found = search_services(session, category="carers-support", near="Coalville")
        assert [card["name"] for card in found["results"]] == ["Carer health and wellbeing service (pilot)"]
    assert main(["--database-url", url, "init"]) == 0
    assert capsys.readouterr().out == "directory: schema up to date; no data loaded.\n"
    dispose(url)


def test_a_council_directory_is_not_given_sample_areas(tmp_path):
    """update_sample_areas touches only shipped records: a council's own services keep theirs."""
    from sqlalchemy import select

    from directory.db import dispose, session_scope
    from directory.models import ServiceArea
    from directory.records import add_service
    from directory.sample import update_sample_areas

    url = f"sqlite:///{tmp_path / 'council.db'}"
    assert main(["--database-url", url, "init", "--no-sample"]) == 0
    with session_scope(url) as session:
        add_service(session, {"key": "own", "name": "Own carers group", "category": "carers-support",
                              "town": "Coalville"}, council="leicestershire")
    with session_scope(url) as session:
        assert update_sample_areas(session) == 0
        assert list(session.execute(select(ServiceArea.name)).scalars()) == ["Leicestershire County Council"]
    dispose(url)
