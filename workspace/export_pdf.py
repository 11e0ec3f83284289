"""The client's data as a PDF, for the client's right of access: the same data as the JSON
export (services.export), laid out to read and print, Dutch headings (English through the
catalogue).

The text is set in DejaVu Sans (Debian's fonts-dejavu-core, installed by the Dockerfile and
.ci/run), which covers every script a label, note or residence name is likely to hold. Without
that font the PDF falls back to the PDF's own Helvetica, which knows only Latin-1: any other
character is printed as "?", and the PDF says so at the top.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from workspace import services
from workspace.models import Client

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
FALLBACK_FONT = "helvetica"


def when(value: str | None) -> str:
    if not value:
        return ""
    moment = timezone.localtime(datetime.fromisoformat(value))
    return formats.date_format(moment, "j F Y, H:i")


class ClientPdf:
    def __init__(self) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_margins(20, 20, 20)
        self.pdf.set_auto_page_break(True, margin=20)
        self.unicode = REGULAR.exists() and BOLD.exists()
        if self.unicode:
            self.pdf.add_font("DejaVu", "", REGULAR)
            self.pdf.add_font("DejaVu", "B", BOLD)
            self.family = "DejaVu"
        else:
            self.family = FALLBACK_FONT
        self.pdf.add_page()

    def text(self, value: str) -> str:
        if self.unicode:
            return value
        # The core font encodes Latin-1 only.
        return value.encode("latin-1", "replace").decode("latin-1")

    def write(self, value: str, *, size: float = 11, bold: bool = False, space: float = 0):
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(
            0, size * 0.5, self.text(value), align="L", new_x="LMARGIN", new_y="NEXT"
        )
        if space:
            self.pdf.ln(space)

    def heading(self, value: str) -> None:
        self.pdf.ln(4)
        self.write(value, size=14, bold=True, space=2)

    def item(self, value: str) -> None:
        self.write(f"• {value}" if self.unicode else f"- {value}", space=1)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def build(client: Client) -> bytes:
    data = services.export(client)
    document = ClientPdf()
    title = _("Gegevens van cliënt %(label)s") % {"label": data["label"]}
    document.pdf.set_title(title)
    document.pdf.set_lang("nl")
    document.pdf.set_creator("Woonvinder")
    document.write(title, size=18, bold=True, space=2)
    document.write(
        _("Alles wat Woonvinder over deze cliënt bewaart, op %(date)s.")
        % {"date": formats.date_format(timezone.localdate(), "j F Y")},
        space=1,
    )
    if not document.unicode:
        document.write(
            _("Tekens die dit lettertype niet kent, staan hier als vraagteken (?)."), space=1
        )
    document.write(_("Aangemaakt: %(date)s") % {"date": when(data["created_at"])})
    document.write(_("Laatst gebruikt: %(date)s") % {"date": when(data["last_activity_at"])})
    if data["archived_at"]:
        document.write(_("Gearchiveerd: %(date)s") % {"date": when(data["archived_at"])})

    document.heading(_("Onze wensen (de vragenlijst)"))
    for answer in data["questionnaire"]:
        document.write(answer["text"], bold=True)
        document.write("\n".join(answer["answer"]), space=2)
    if not data["questionnaire"]:
        document.write(_("Nog niet ingevuld."))

    document.heading(_("Zoekopdrachten"))
    for search in data["saved_searches"]:
        document.item(
            _("%(name)s (bewaard %(created)s, laatst bekeken %(looked)s)")
            % {
                "name": search["name"],
                "created": when(search["created_at"]),
                "looked": when(search["last_looked_at"]),
            }
        )
    if not data["saved_searches"]:
        document.write(_("Geen."))

    document.heading(_("Bewaarlijst"))
    for item in data["shortlist"]:
        name = item["residence"] or _(
            "Woonlocatie %(id)s (niet meer op Woonvinder)"
        ) % {"id": item["residence_id"]}
        document.item(
            _("%(name)s (erop gezet %(date)s)") % {"name": name, "date": when(item["added_at"])}
        )
    if not data["shortlist"]:
        document.write(_("Geen."))

    document.heading(_("Aanvragen"))
    for sent in data["requests"]:
        status = sent["status"] + (
            f": {sent['closed_reason'].lower()}" if sent["closed_reason"] else ""
        )
        document.item(
            _("%(residence)s, verstuurd %(date)s: %(status)s")
            % {"residence": sent["residence"], "date": when(sent["sent_at"]), "status": status}
        )
    if not data["requests"]:
        document.write(_("Geen."))

    document.heading(_("Notities"))
    for note in data["notes"]:
        document.write(when(note["created_at"]), bold=True)
        document.write(note["text"], space=2)
    if not data["notes"]:
        document.write(_("Geen."))

    document.heading(_("Links voor de cliënt"))
    for link in data["share_links"]:
        line = _("Gemaakt %(date)s") % {"date": when(link["created_at"])}
        if link["revoked_at"]:
            line += ", " + _("ingetrokken %(date)s") % {"date": when(link["revoked_at"])}
        document.item(line)
    if not data["share_links"]:
        document.write(_("Geen."))
    return document.output()
