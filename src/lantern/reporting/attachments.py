"""Attachments: only photos (JPEG, PNG) and PDFs, checked, and with hidden details removed.

A phone photo can carry the place it was taken (GPS), the phone's make, model
and serial number, and the time; a PDF can carry its author, the software and
the computer that made it, comments with their authors' names, and photos with
their own metadata inside. Any of these could identify a reporter, so:

* **Images** are decoded and redrawn from their pixels alone (after turning them
  the right way up), so nothing but the picture survives: no EXIF, XMP, IPTC,
  ICC profile, comments or thumbnails. Images of more than
  ``LANTERN_REPORTING_IMAGE_MAX_PIXELS`` are refused (decompression bombs).
* **PDFs** are rebuilt page by page into a new document: no document
  information (author, producer, dates), no XMP, no document ID, no forms,
  JavaScript, embedded files or actions, no annotations (comments and their
  authors), no page-level metadata; JPEG photos inside have their EXIF, XMP and
  comment segments cut. The result is read back and checked; a PDF that still
  holds any of these, is encrypted, or cannot be read is **refused** with a
  message suggesting a photo or screenshot instead.

Anything else is refused by what its bytes are, not by what its name says.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, NameObject, StreamObject

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
PDF_TYPE = "application/pdf"
ALLOWED_DESCRIPTION = "a photo (JPEG or PNG) or a PDF"
_PAGE_KEYS_REMOVED = ("/Metadata", "/PieceInfo", "/Annots", "/AA", "/LastModified", "/Thumb")
# JPEG markers: APP1..APP15 (EXIF, XMP, IPTC, maker notes...) and COM (comments).
_JPEG_APP_MARKERS = set(range(0xE1, 0xF0)) | {0xFE}


class AttachmentRefused(Exception):
    """A file that cannot be accepted; the message is shown to the person who sent it."""


@dataclass(frozen=True)
class CleanAttachment:
    name: str
    content_type: str
    data: bytes


def attachment_clean(name: str, data: bytes) -> CleanAttachment:
    """Check one uploaded file and return it with its hidden details removed."""
    label = _display_name(name)
    if len(data) > settings.LANTERN_REPORTING_ATTACHMENT_MAX_BYTES:
        limit = settings.LANTERN_REPORTING_ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise AttachmentRefused(f"{label} is larger than {limit} MB.")
    if not data:
        raise AttachmentRefused(f"{label} is empty.")
    if data.startswith(b"%PDF-"):
        return CleanAttachment(label, PDF_TYPE, _pdf_clean(label, data))
    image_type, cleaned = _image_clean(label, data)
    return CleanAttachment(label, image_type, cleaned)


def _display_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    printable = "".join(c for c in base if c.isprintable())
    return printable[:120] or "The file"


# --- Images --------------------------------------------------------------------


def _image_clean(label: str, data: bytes) -> tuple[str, bytes]:
    Image.MAX_IMAGE_PIXELS = settings.LANTERN_REPORTING_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
                if kind not in IMAGE_TYPES:
                    raise AttachmentRefused(f"{label} is not {ALLOWED_DESCRIPTION}.")
                image.load()
                upright = ImageOps.exif_transpose(image) or image
                return IMAGE_TYPES[kind], _redraw(upright, kind)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise AttachmentRefused(f"{label} has too many pixels to be checked safely.") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise AttachmentRefused(f"{label} is not {ALLOWED_DESCRIPTION}, or it is damaged.") from exc


def _redraw(image: Image.Image, kind: str) -> bytes:
    """A new image made from the pixels only: no metadata can come along."""
    mode = image.mode
    if kind == "JPEG" and mode not in ("RGB", "L", "CMYK"):
        image, mode = image.convert("RGB"), "RGB"
    if kind == "PNG" and mode not in ("RGB", "RGBA", "L", "LA", "1"):
        image, mode = image.convert("RGBA"), "RGBA"
    fresh = Image.frombytes(mode, image.size, image.tobytes())
    out = io.BytesIO()
    if kind == "JPEG":
        fresh.save(out, "JPEG", quality=90, optimize=True)
    else:
        fresh.save(out, "PNG", optimize=True)
    return out.getvalue()


# --- PDFs ----------------------------------------------------------------------


def _pdf_clean(label: str, data: bytes) -> bytes:
    refused = AttachmentRefused(
        f"{label} is a PDF whose hidden details could not be removed, so it was not "
        "accepted. You could send a photo or screenshot of its pages instead."
    )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise AttachmentRefused(
                f"{label} is protected by a password. Remove the password and send it again, "
                "or send a photo or screenshot of its pages."
            )
        if len(reader.pages) > settings.LANTERN_REPORTING_PDF_MAX_PAGES:
            limit = settings.LANTERN_REPORTING_PDF_MAX_PAGES
            raise AttachmentRefused(f"{label} has more than {limit} pages.")
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.metadata = None
        for page in writer.pages:
            _pdf_page_scrub(page)
        out = io.BytesIO()
        writer.write(out)
        cleaned = out.getvalue()
        if _pdf_has_hidden_details(cleaned):
            raise refused
        return cleaned
    except AttachmentRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise refused from exc


def _pdf_page_scrub(page: DictionaryObject) -> None:
    for key in _PAGE_KEYS_REMOVED:
        if key in page:
            del page[NameObject(key)]
    for image in _pdf_images(page):
        if "/Metadata" in image:
            del image[NameObject("/Metadata")]
        if image.get("/Filter") == "/DCTDecode":
            StreamObject.set_data(image, jpeg_segments_strip(image._data))


def _pdf_images(page: DictionaryObject) -> list[StreamObject]:
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if isinstance(resources, DictionaryObject) else None
    if xobjects is None:
        return []
    found = []
    for ref in xobjects.get_object().values():
        obj = ref.get_object()
        if isinstance(obj, StreamObject) and obj.get("/Subtype") == "/Image":
            found.append(obj)
    return found


def _pdf_has_hidden_details(data: bytes) -> bool:
    reader = PdfReader(io.BytesIO(data))
    if reader.metadata or "/Info" in reader.trailer or "/ID" in reader.trailer:
        return True
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, DictionaryObject)
    if any(k in root for k in ("/Metadata", "/Names", "/AcroForm", "/OpenAction", "/AA")):
        return True
    for page in reader.pages:
        if any(k in page for k in _PAGE_KEYS_REMOVED):
            return True
        for image in _pdf_images(page):
            if "/Metadata" in image:
                return True
            if image.get("/Filter") == "/DCTDecode" and _jpeg_has_app_segments(image._data):
                return True
            if image.get("/Filter") not in (None, "/DCTDecode", "/FlateDecode"):
                # Other encodings (JPX, filter chains) could carry metadata we cannot see.
                return True
    return False


def _jpeg_walk(data: bytes) -> list[tuple[int, int, int]]:
    """(marker, start, end) of each segment before the image data; ValueError if malformed."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    segments, i = [], 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise ValueError("bad JPEG marker")
        marker = data[i + 1]
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        segments.append((marker, i, i + 2 + length))
        if marker == 0xDA:  # start of scan: image data follows
            break
        i += 2 + length
    return segments


def jpeg_segments_strip(data: bytes) -> bytes:
    """The JPEG without its APP1-APP15 and comment segments (EXIF, XMP, IPTC, notes)."""
    kept, last = [data[:2]], 2
    for marker, start, end in _jpeg_walk(data):
        if marker == 0xDA:
            kept.append(data[start:])
            return b"".join(kept)
        if marker not in _JPEG_APP_MARKERS:
            kept.append(data[start:end])
        last = end
    return b"".join(kept) + data[last:]


def _jpeg_has_app_segments(data: bytes) -> bool:
    try:
        return any(marker in _JPEG_APP_MARKERS for marker, _, _ in _jpeg_walk(data))
    except ValueError:
        return True
