"""Reading a PDF as a person's tools would, with poppler-utils (`make pdf-tools` installs them)."""

import re
import shutil
import subprocess
import zlib

import pytest


def _poppler(tool):
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: run `make pdf-tools` (Debian's poppler-utils).")
    return path


def _run(tool, pdf_bytes, *args):
    result = subprocess.run(
        [_poppler(tool), *args, "-", *(["-"] if tool == "pdftotext" else [])],
        input=pdf_bytes,
        capture_output=True,
        timeout=60,
        check=True,
    )
    return result.stdout.decode("utf-8", "replace")


def info(pdf_bytes):
    """pdfinfo's fields: {"Tagged": "yes", "Title": …}."""
    fields = {}
    for line in _run("pdfinfo", pdf_bytes).splitlines():
        key, _sep, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def structure(pdf_bytes):
    """pdfinfo -struct: the structure tree, one element a line."""
    return _run("pdfinfo", pdf_bytes, "-struct")


def text(pdf_bytes):
    return " ".join(_run("pdftotext", pdf_bytes, "-enc", "UTF-8").split())


def _chunks(pdf_bytes):
    """The file's bytes and each of its streams, decompressed where they are compressed."""
    chunks = [pdf_bytes]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf_bytes, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return chunks


def raster_images(pdf_bytes):
    """How many image XObjects the file holds (a chart drawn as vector graphics holds none)."""
    return sum(len(re.findall(rb"/Subtype\s*/Image\b", chunk)) for chunk in _chunks(pdf_bytes))


def language(pdf_bytes):
    """The document catalog's /Lang (pdfinfo 22 does not print it), read from the file's objects,
    compressed object streams included."""
    for chunk in _chunks(pdf_bytes):
        for match in re.finditer(rb"/Type\s*/Catalog.*?>>", chunk, re.S):
            lang = re.search(rb"/Lang\s*\(([^)]*)\)", match.group(0))
            if lang:
                return lang.group(1).decode("latin-1")
        found = re.search(rb"/Lang\s*\(([^)]*)\)", chunk)
        if found and b"/Catalog" in chunk:
            return found.group(1).decode("latin-1")
    return None
