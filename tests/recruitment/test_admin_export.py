"""The registrations export opens correctly in Dutch Excel: XLSX is offered first; the CSV is UTF-8 with a byte-order
mark and semicolons; headings are Dutch; names in any script survive; what a visitor typed never runs as a formula,
in either format."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from recruitment.admin_views import CSV_FORMULA_PREFIXES

pytestmark = pytest.mark.django_db
INDEX = "/admin/aanmeldingen/"
NAME = "Zoë Straße-Жукова"
HOSTILE = {
    "message": '=HYPERLINK("http://evil.example","klik")',
    "phone": "+31 6 12345678",
    "postcode": "-1+1",
}
HEADINGS = ["Aangemeld op", "Naam", "E-mailadres", "Telefoon", "Postcode", "Regio", "Status", "Bericht"]


@pytest.fixture
def exported(make_registration):
    return make_registration(name=NAME, email="zoe@example.org", **HOSTILE)


def download(client, export_format):
    response = client.get(INDEX, {"export": export_format})
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_the_list_offers_xlsx_first_then_csv_in_dutch(client, staff_user, exported):
    client.force_login(staff_user)

    html = client.get(INDEX).content.decode()

    labels = re.findall(r'href="[^"]*export=(xlsx|csv)[^"]*"[^>]*>(?:\s|<[^>]+>)*([^<]+?)\s*<', html)
    assert [export_format for export_format, _ in labels] == ["xlsx", "csv"]
    assert [label for _, label in labels] == ["Downloaden voor Excel (XLSX)", "Downloaden als CSV"]


def test_the_csv_has_a_byte_order_mark_semicolons_and_dutch_headings(client, staff_user, exported):
    client.force_login(staff_user)

    response, data = download(client, "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="aanmeldingen.csv"'
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("Aangemeld op;Naam;E-mailadres;")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert set(HEADINGS) <= set(rows[0])
    assert rows[0]["Naam"] == NAME
    assert rows[0]["E-mailadres"] == "zoe@example.org"
    assert rows[0]["Regio"] == "Oost"


def test_the_csv_defuses_formulas(client, staff_user, exported):
    client.force_login(staff_user)

    _, data = download(client, "csv")

    row = next(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert row["Bericht"] == "'" + HOSTILE["message"]
    assert row["Telefoon"] == "'" + HOSTILE["phone"]
    assert row["Postcode"] == "'" + HOSTILE["postcode"]
    assert not any(value.startswith(CSV_FORMULA_PREFIXES) for value in row.values() if value)


def test_the_xlsx_has_dutch_headings_and_the_name_as_typed(client, staff_user, exported):
    client.force_login(staff_user)

    response, data = download(client, "xlsx")

    assert response["Content-Disposition"].endswith('filename="aanmeldingen.xlsx"')
    sheet = load_workbook(io.BytesIO(data)).active
    headings, row = list(sheet.values)
    assert set(HEADINGS) <= set(headings)
    assert row[headings.index("Naam")] == NAME
    assert row[headings.index("Status")] == "Nieuw, wacht op contact"


def test_the_xlsx_keeps_formulas_as_text(client, staff_user, exported):
    client.force_login(staff_user)

    _, data = download(client, "xlsx")

    sheet = load_workbook(io.BytesIO(data)).active
    headings = [cell.value for cell in sheet[1]]
    cells = {heading: cell for heading, cell in zip(headings, sheet[2], strict=True)}
    for heading, typed in (("Bericht", "message"), ("Telefoon", "phone"), ("Postcode", "postcode")):
        cell = cells[heading]
        assert cell.value == HOSTILE[typed], "shown as the visitor typed it"
        assert cell.data_type == "s", f"{heading} is text, not a formula"
        assert cell.quotePrefix, f"{heading} stays text when someone edits the cell"
    assert not cells["Naam"].quotePrefix
