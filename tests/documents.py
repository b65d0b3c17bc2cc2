"""Small Word and PDF files written by the tests (test helper): no binary fixtures in the repo.

``write_docx`` uses python-docx; ``write_pdf`` writes a minimal PDF by hand, one text line per
``Tj`` in Helvetica, as a word processor's "save as PDF" lays out lines, so that the reader's
joining of lines into paragraphs is exercised.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def write_docx(
    path: Path,
    paragraphs: Sequence[str],
    *,
    title: str | None = None,
    table: Sequence[Sequence[str]] = (),
) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    if title is not None:
        document.core_properties.title = title
    document.save(str(path))
    return path


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def write_pdf(path: Path, pages: Sequence[Sequence[str]], *, title: str | None = None) -> Path:
    """A PDF with one page per item of ``pages``, each a list of text lines (an empty page has
    no text layer at all, like a scan)."""
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled in once the pages are known
    pages_id = add("")
    font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for lines in pages:
        # An empty line is a paragraph gap: the next line starts one line lower, as a word
        # processor spaces paragraphs (there is no blank text line in a PDF).
        ops = ["BT /F1 11 Tf 14 TL 72 740 Td"]
        ops += [f"{_pdf_string(line)} Tj T*" if line else "T*" for line in lines]
        stream = "\n".join([*ops, "ET"]) if lines else ""
        content = add(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 612 792] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    refs = " ".join(f"{k} 0 R" for k in kids)
    objects[pages_id - 1] = f"<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>".encode()
    info = add(f"<< /Title {_pdf_string(title)} >>") if title else None

    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root {catalog} 0 R"
    trailer += f" /Info {info} 0 R >>" if info else " >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path
