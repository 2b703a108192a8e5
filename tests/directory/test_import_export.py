import json
from pathlib import Path

import pytest

from directory import schemas
from directory.bootstrap import initialise
from directory.db import dispose, session_scope
from directory.errors import ImportProblem
from directory.importers import csv_rows, export_csv, import_csv, import_oruk, service_records
from directory.oruk import export_services, get_service, list_service_at_locations, list_services
from directory.search import search_services

EXAMPLES = Path(__file__).resolve().parents[2] / "directory" / "oruk_schema" / "examples"
TEMPLATE = Path(__file__).resolve().parents[2] / "directory" / "data" / "import_template.csv"


def test_shipped_examples_are_valid_oruk():
    record = json.loads((EXAMPLES / "service_full.json").read_text())
    assert schemas.record_errors("service", record) == []


def test_import_the_standards_own_example(empty_session):
    report = import_oruk(empty_session, str(EXAMPLES / "service_full.json"), council="lancashire")
    assert report.services == 1
    assert any("impossible coordinates" in warning for warning in report.warnings)  # the example has lat 100
    record = get_service(empty_session, "ac148810-d857-441c-9679-408f346de14b")
    assert record["name"] == "Community Counselling"
    assert record["organization"]["name"] == "Example Organization Inc."
    assert record["cost_options"][0]["amount"] == 35
    assert record["x_signpost"]["council"] == "lancashire"
    assert "service_full.json" in record["x_signpost"]["source"]
    assert schemas.record_errors("service", record) == []


def test_import_a_list_page(empty_session):
    document = json.loads((EXAMPLES / "service_list.json").read_text())
    assert len(service_records(document)) == len(document["contents"])
    report = import_oruk(empty_session, str(EXAMPLES / "service_list.json"), council="leicestershire")
    assert report.services == len(document["contents"])


def test_importing_twice_replaces_rather_than_duplicates(empty_session):
    import_oruk(empty_session, str(EXAMPLES / "service_full.json"), council="lancashire")
    import_oruk(empty_session, str(EXAMPLES / "service_full.json"), council="lancashire")
    assert list_services(empty_session)["total_items"] == 1


@pytest.mark.parametrize("council", [None, "atlantis"])
def test_import_needs_a_known_council(empty_session, council):
    with pytest.raises(ImportProblem):
        import_oruk(empty_session, str(EXAMPLES / "service_full.json"), council=council)


def test_import_rejects_missing_and_malformed_files(empty_session, tmp_path):
    with pytest.raises(ImportProblem):
        import_oruk(empty_session, str(tmp_path / "nope.json"), council="lancashire")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ImportProblem):
        import_oruk(empty_session, str(bad), council="lancashire")
    numbers = tmp_path / "numbers.json"
    numbers.write_text("[1, 2, 3]")
    with pytest.raises(ImportProblem):
        import_oruk(empty_session, str(numbers), council="lancashire")


def test_export_of_the_sample_directory_validates(sample_session):
    records = export_services(sample_session)
    assert len(records) > 100
    for record in records:
        assert schemas.record_errors("service", record) == [], record["name"]


def test_oruk_round_trip_export_import_export(sample_session, tmp_path):
    first = export_services(sample_session)
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(first))
    url = f"sqlite:///{tmp_path / 'copy.db'}"
    initialise(url, load_sample=False)
    try:
        with session_scope(url) as session:
            report = import_oruk(session, str(feed))
            assert report.services == len(first) and report.warnings == []
        with session_scope(url) as session:
            second = export_services(session)
            found = search_services(session, category="day-services", near="Preston")
    finally:
        dispose(url)
    assert second == first
    assert found["results"]


def test_csv_template_imports_and_round_trips(empty_session, sample_session, tmp_path):
    report = import_csv(empty_session, str(TEMPLATE))
    assert report.services == 1
    card = search_services(empty_session, category="day-services", near="Preston")["results"][0]
    assert card["is_sample"] is True and card["town"] == "Preston" and card["distance_km"] is not None

    text = export_csv(csv_rows(sample_session))
    exported = tmp_path / "all.csv"
    exported.write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'csv.db'}"
    initialise(url, load_sample=False)
    try:
        with session_scope(url) as session:
            again = import_csv(session, str(exported))
            assert again.services == len(csv_rows(sample_session))
            reimported = export_csv(csv_rows(session))
    finally:
        dispose(url)
    assert sorted(reimported.splitlines()) == sorted(text.splitlines())


def test_csv_import_reports_bad_rows(empty_session, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,category,council\nGood,telecare,lancashire\n,telecare,lancashire\nOdd,not-a-thing,lancashire\n")
    report = import_csv(empty_session, str(path))
    assert report.services == 1
    assert len(report.warnings) == 2
    missing = tmp_path / "missing.csv"
    missing.write_text("title\nx\n")
    with pytest.raises(ImportProblem):
        import_csv(empty_session, str(missing))


def test_service_at_locations_near_a_postcode(sample_session):
    page = list_service_at_locations(sample_session, postcode="PR1 2HE", proximity="20000",
                                     taxonomy_term_id="day-services")
    assert page["total_items"] >= 2
    assert schemas.page_errors("service_at_location", page) == []
    names = [item["service"]["name"] for item in page["contents"]]
    assert names[0] == "Sample record - day centre in Preston"


@pytest.fixture
def feed_server(tmp_path):
    """A real HTTP server serving a two-page ORUK feed (?page=1, ?page=2)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qs, urlsplit

    record = json.loads((EXAMPLES / "service_full.json").read_text())
    second = dict(record, id="0b6d0d5e-8d1b-4d63-9a0a-3f0a4f9c1e21", name="Second page service")
    pages = {
        "1": {"total_items": 2, "total_pages": 2, "page_number": 1, "size": 1, "first_page": True,
              "last_page": False, "empty": False, "contents": [record]},
        "2": {"total_items": 2, "total_pages": 2, "page_number": 2, "size": 1, "first_page": False,
              "last_page": True, "empty": False, "contents": [second]},
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            page = parse_qs(urlsplit(self.path).query).get("page", ["1"])[0]
            if urlsplit(self.path).path == "/broken":
                body, status = b"<html>not json</html>", 200
            elif page in pages:
                body, status = json.dumps(pages[page]).encode(), 200
            else:
                body, status = b"{}", 404
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_import_from_a_url_follows_pages(empty_session, feed_server):
    report = import_oruk(empty_session, f"{feed_server}/services?per_page=1", council="north-east-lincolnshire")
    assert report.services == 2
    names = {item["name"] for item in list_services(empty_session)["contents"]}
    assert names == {"Community Counselling", "Second page service"}


def test_import_from_a_bad_url_is_a_clear_problem(empty_session, feed_server):
    with pytest.raises(ImportProblem):
        import_oruk(empty_session, f"{feed_server}/broken", council="lancashire")
    with pytest.raises(ImportProblem):
        import_oruk(empty_session, f"{feed_server}/services?page=9", council="lancashire")
    with pytest.raises(ImportProblem):
        import_oruk(empty_session, "http://127.0.0.1:9/nothing-listens-here", council="lancashire")


def _pilot_names(session, near):
    found = search_services(session, category="carers-support", near=near)
    return [card["name"] for card in found["results"] if card["name"].startswith("Carer health")]


def test_district_areas_survive_oruk_and_csv_round_trips(sample_session, tmp_path):
    records = [record for record in export_services(sample_session)
               if record["name"].startswith("Carer health and wellbeing service (pilot)")]
    assert len(records) == 2
    for record in records:
        assert schemas.record_errors("service", record) == []
    areas = {record["name"]: sorted(area["name"] for area in record["service_areas"]) for record in records}
    assert areas == {"Carer health and wellbeing service (pilot)": ["North West Leicestershire", "Oadby and Wigston"],
                     "Carer health and wellbeing service (pilot) - Oadby and Wigston": ["Oadby and Wigston"]}
    feed = tmp_path / "pilots.json"
    feed.write_text(json.dumps(records))
    rows = [row for row in csv_rows(sample_session) if row["name"].startswith("Carer health")]
    assert sorted(row["areas"] for row in rows) == ["North West Leicestershire;Oadby and Wigston", "Oadby and Wigston"]
    table = tmp_path / "pilots.csv"
    table.write_text(export_csv(rows), encoding="utf-8")
    for name, importer, source in (("oruk", import_oruk, feed), ("csv", import_csv, table)):
        url = f"sqlite:///{tmp_path / f'{name}.db'}"
        initialise(url, load_sample=False)
        try:
            with session_scope(url) as session:
                assert importer(session, str(source)).services == 2
            with session_scope(url) as session:
                assert _pilot_names(session, "Loughborough") == [], name
                assert _pilot_names(session, "Coalville") == ["Carer health and wellbeing service (pilot)"], name
        finally:
            dispose(url)


def test_csv_rows_with_an_unknown_district_are_reported(empty_session, tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text("name,category,council,town,areas\n"
                    "Good,carers-support,leicestershire,Coalville,North West Leicestershire\n"
                    "Typo,carers-support,leicestershire,Coalville,Nort West Leics\n")
    report = import_csv(empty_session, str(path))
    assert report.services == 1
    assert len(report.warnings) == 1 and "not a district of leicestershire" in report.warnings[0]


def test_an_oruk_feed_whose_service_area_is_a_district_is_limited_to_it(empty_session, tmp_path):
    record = json.loads((EXAMPLES / "service_full.json").read_text())
    record["service_areas"] = [{"id": "381c64f1-a724-4884-9c21-ac96c21cca3e", "name": "Charnwood"}]
    record["service_at_locations"] = []
    record["attributes"] = [{"id": "8f6c9d3e-1111-4a5b-9c1d-2e3f4a5b6c7d", "taxonomy_term_id": "carers-support",
                             "taxonomy_term": {"id": "carers-support", "code": "carers-support", "name": "Support for carers"}}]
    feed = tmp_path / "one.json"
    feed.write_text(json.dumps(record))
    import_oruk(empty_session, str(feed), council="leicestershire")
    empty_session.flush()
    assert search_services(empty_session, category="carers-support", near="Loughborough")["total"] == 1
    assert search_services(empty_session, category="carers-support", near="Coalville")["total"] == 0
    card = search_services(empty_session, category="carers-support", near="Loughborough")["results"][0]
    assert card["area_note"] == "Only for people in Charnwood."
