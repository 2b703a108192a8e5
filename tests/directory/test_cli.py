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
