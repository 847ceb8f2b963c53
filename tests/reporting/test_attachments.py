"""Attachments: only photos and PDFs, with their hidden details removed or refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from lantern.reporting.attachments import (
    AttachmentRefused,
    attachment_clean,
    jpeg_segments_strip,
)
from tests.reporting.helpers import jpeg_with_exif


def test_jpeg_loses_exif_gps_camera_and_comments() -> None:
    original = jpeg_with_exif()
    assert b"PhoneMakerUnique" in original and b"CommentUnique" in original
    clean = attachment_clean("IMG_0042.JPG", original)
    assert clean.content_type == "image/jpeg"
    for marker in (b"PhoneMakerUnique", b"ModelUnique", b"CommentUnique", b"Exif"):
        assert marker not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.size == (64, 48) and not image.getexif()


def test_png_loses_text_chunks() -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Png-Author-Unique")
    out = io.BytesIO()
    Image.new("RGBA", (10, 10)).save(out, "PNG", pnginfo=info)
    clean = attachment_clean("a.png", out.getvalue())
    assert clean.content_type == "image/png" and b"Png-Author-Unique" not in clean.data


def _pdf(
    *, author: str = "PdfAuthorUnique", encrypt: bool = False, jpeg: bytes | None = None
) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    if jpeg is not None:
        from pypdf.generic import DictionaryObject, NameObject, NumberObject, StreamObject

        image = StreamObject()
        image._data = jpeg
        image.update({
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(64), NameObject("/Height"): NumberObject(48),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"),
        })  # fmt: skip
        ref = writer._add_object(image)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): ref})}
        )
    writer.add_metadata({"/Author": author, "/Creator": "CreatorUnique"})
    if encrypt:
        writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_loses_document_information() -> None:
    original = _pdf()
    assert b"PdfAuthorUnique" in original
    clean = attachment_clean("statement.pdf", original)
    assert clean.content_type == "application/pdf"
    assert b"PdfAuthorUnique" not in clean.data and b"CreatorUnique" not in clean.data
    reader = PdfReader(io.BytesIO(clean.data))
    assert not reader.metadata and len(reader.pages) == 1


def test_photos_inside_a_pdf_lose_their_exif() -> None:
    original = _pdf(jpeg=jpeg_with_exif())
    assert b"PhoneMakerUnique" in original
    clean = attachment_clean("scan.pdf", original)
    assert b"PhoneMakerUnique" not in clean.data and b"CommentUnique" not in clean.data


def test_an_encrypted_pdf_is_refused() -> None:
    with pytest.raises(AttachmentRefused, match="password"):
        attachment_clean("locked.pdf", _pdf(encrypt=True))


def test_a_broken_pdf_is_refused() -> None:
    with pytest.raises(AttachmentRefused, match="could not be removed"):
        attachment_clean("broken.pdf", b"%PDF-1.7\nthis is not a pdf")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("notes.txt", b"hello"),
        ("evil.jpg", b"MZ\x90\x00 a windows program"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_other_files_are_refused_by_their_content(name: str, data: bytes) -> None:
    with pytest.raises(AttachmentRefused, match="photo"):
        attachment_clean(name, data)


def test_oversized_and_empty_files_are_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(AttachmentRefused, match="larger than"):
        attachment_clean("big.jpg", b"\xff\xd8" + b"0" * 2000)
    with pytest.raises(AttachmentRefused, match="empty"):
        attachment_clean("empty.jpg", b"")


def test_a_decompression_bomb_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_IMAGE_MAX_PIXELS = 10_000
    out = io.BytesIO()
    Image.new("L", (1000, 1000)).save(out, "PNG")
    with pytest.raises(AttachmentRefused, match="too many pixels"):
        attachment_clean("bomb.png", out.getvalue())


def test_jpeg_segment_strip_keeps_the_picture() -> None:
    stripped = jpeg_segments_strip(jpeg_with_exif())
    with Image.open(io.BytesIO(stripped)) as image:
        image.load()
        assert image.size == (64, 48)
