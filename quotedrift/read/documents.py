"""Word (.docx) and PDF files -> plain article text and metadata, for ``ingest`` to read on.

Drafts and press releases reach a desk as office documents. Only text is taken: the paragraphs of
a Word document (tables too, row by row) and the text layer of a PDF. A PDF without one (a scan)
is refused with a message saying so, since reading it would need OCR. The text returned is what
every offset of the article then points into, as for HTML.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any, Literal

from quotedrift.errors import InputError

DocumentKind = Literal["docx", "pdf"]

DOCUMENT_SUFFIXES = frozenset({".docx", ".pdf"})
"""Extensions of the office documents read here."""

_PDF_MAGIC = b"%PDF"
_ZIP_MAGIC = b"PK\x03\x04"
# A soft line break inside a word ("inspec-\ntion"): both sides lower-case letters.
_HYPHENATED = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
# A PDF line shorter than this share of the page's longest lines ends its paragraph.
_SHORT_LINE = 0.75
_ENCRYPTED = "PDF is encrypted with a password; save a copy without one"


def document_kind(data: bytes, suffix: str) -> DocumentKind | None:
    """``pdf`` or ``docx`` when the bytes are one of those documents (by content, so a PDF saved
    as ``.txt`` is read too), else None. A ZIP archive counts as Word only when named ``.docx``
    or holding ``word/document.xml``."""
    if data.startswith(_PDF_MAGIC):
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        if suffix == ".docx":
            return "docx"
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "docx" if "word/document.xml" in archive.namelist() else None
        except zipfile.BadZipFile:
            return None
    if suffix in DOCUMENT_SUFFIXES:
        kind: DocumentKind = "pdf" if suffix == ".pdf" else "docx"
        return kind
    return None


def read_document(data: bytes, kind: DocumentKind, shown: str) -> tuple[str, dict[str, str]]:
    """(text, metadata) of a Word or PDF document; metadata may hold ``title``.

    Raises InputError naming ``shown`` when the file is not a readable document of that kind,
    is encrypted, or (PDF) has no text layer.
    """
    text, meta = _docx(data, shown) if kind == "docx" else _pdf(data, shown)
    if not text.strip():
        if kind == "pdf":
            raise InputError(
                shown,
                "PDF has no text layer (a scanned page?): quotedrift reads only the text of a "
                "PDF; run it through OCR (e.g. ocrmypdf) first",
            )
        raise InputError(shown, "Word document holds no text")
    return text, meta


# ---------------------------------------------------------------------------------------------
# Word


def _docx(data: bytes, shown: str) -> tuple[str, dict[str, str]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.Error) as exc:
        raise InputError(shown, f"not a readable Word (.docx) document ({exc})") from exc
    paragraphs: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                line = " | ".join(dict.fromkeys(c for c in cells if c))  # merged cells repeat
                if line:
                    paragraphs.append(line)
        else:
            # A manual line break inside a paragraph is a line of its own, as in a text file.
            text = block.text.replace("\r", "").strip()
            if text:
                paragraphs.append(text)
    meta: dict[str, str] = {}
    title = (document.core_properties.title or "").strip()
    if title:
        meta["title"] = title
    return "\n\n".join(paragraphs), meta


# ---------------------------------------------------------------------------------------------
# PDF


def _pdf(data: bytes, shown: str) -> tuple[str, dict[str, str]]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(shown, _ENCRYPTED)
        pages = [_page_text(page) for page in reader.pages]
        info: Any = reader.metadata
    except FileNotDecryptedError as exc:
        raise InputError(shown, _ENCRYPTED) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(shown, f"not a readable PDF document ({exc})") from exc
    meta: dict[str, str] = {}
    title = getattr(info, "title", None) if info is not None else None
    if isinstance(title, str) and title.strip():
        meta["title"] = title.strip()
    return "\n\n".join(p for p in (_paragraphs(page) for page in pages) if p), meta


# Layout text with a run this long inside a line is set in columns, which layout mode would
# interleave line by line; the plain mode reads such a page in the order it was written.
_COLUMN_GAP = re.compile(r"\S {8,}\S")


def _page_text(page: Any) -> str:
    """A page's text. Layout mode keeps paragraph gaps as blank lines, which plain mode loses;
    a page set in columns is read in plain mode."""
    layout = page.extract_text(extraction_mode="layout") or ""
    lines = [line for line in layout.split("\n") if line.strip()]
    if lines and sum(1 for line in lines if _COLUMN_GAP.search(line)) > len(lines) // 3:
        return str(page.extract_text() or "")
    return layout


def _paragraphs(page: str) -> str:
    """A page's text lines joined back into paragraphs, blank lines between them.

    A PDF stores lines, not paragraphs: a line that stops well short of the page's long lines (a
    paragraph's last line, a headline) ends its paragraph, a blank line always does, every other
    line runs on.
    Splitting a quotation over lines would otherwise cut it at each line end.
    """
    text = _HYPHENATED.sub("", page.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return ""
    long_line = lengths[int(0.9 * (len(lengths) - 1))]
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line)
        if len(line) < _SHORT_LINE * long_line:
            paragraphs.append([])
    return "\n\n".join(" ".join(p) for p in paragraphs if p)
