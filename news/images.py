"""News images: accepted only when they are real images of a sensible size, and shown only as
re-encoded renditions.

The upload is kept in the default storage (`STORAGES["default"]`) under `news/originals/`, which
is never served. From it two renditions are made (a small and a large width, JPEG, oriented,
without any metadata: no EXIF, GPS or camera data) under `news/renditions/`; only those are
served, by `news.views.rendition` (`/media/news/renditions/...`).
"""

import hashlib
import re
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# Widths in CSS pixels: a card on the list pages, the full column on the item's page.
RENDITION_WIDTHS = {"small": 480, "large": 1200}
ORIGINALS = "news/originals/"
RENDITIONS = "news/renditions/"
RENDITION_NAME = re.compile(r"news/renditions/[\w-]+\.jpg")


def validate_image(upload):
    """Refuse anything over the size limit and anything Pillow does not read as an image of an
    accepted format (Django's own image check comes first in forms; this also covers fixtures
    and scripts)."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This file is %(size)s; an image may be at most %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_UPLOAD_BYTES),
            },
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image we can use. Upload a JPEG, PNG, WebP or GIF image."),
            code="not_an_image",
        ) from None
    finally:
        upload.seek(position)
    if kind not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("This file is not an image we can use. Upload a JPEG, PNG, WebP or GIF image."),
            code="not_an_image",
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("This image has too many pixels; make it smaller than %(megapixels)s megapixels."),
            code="too_many_pixels",
            params={"megapixels": MAX_PIXELS // 1_000_000},
        )


def rendition_name(original_name, size):
    digest = hashlib.sha256(original_name.encode()).hexdigest()[:24]
    return f"{RENDITIONS}{digest}-{size}.jpg"


def flatten(image):
    """RGB for JPEG: transparency on white, palettes and CMYK converted."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def make_renditions(field_file, storage=None):
    """Write both renditions of an uploaded image; return {size: [name, width, height]}."""
    storage = storage or default_storage
    with field_file.open("rb") as source, Image.open(source) as image:
        image.load()
        # Turn the pixels upright as the camera meant, then forget every tag.
        upright = flatten(ImageOps.exif_transpose(image))
    made = {}
    for size, width in RENDITION_WIDTHS.items():
        copy = upright.copy()
        copy.thumbnail((width, width * 3), Image.Resampling.LANCZOS)
        buffer = BytesIO()
        # A fresh image saved without exif=, icc_profile= or info: nothing of the original's
        # metadata is written.
        clean = Image.new("RGB", copy.size)
        clean.paste(copy)
        clean.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
        name = rendition_name(field_file.name, size)
        if storage.exists(name):
            storage.delete(name)
        name = storage.save(name, ContentFile(buffer.getvalue()))
        made[size] = [name, *clean.size]
    return made


def delete_renditions(meta, storage=None):
    storage = storage or default_storage
    for name, *_size in (meta or {}).values():
        if storage.exists(name):
            storage.delete(name)
