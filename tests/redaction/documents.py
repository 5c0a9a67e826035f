"""What a reader finds in a SPASER draft's exports: the seven headings (written out here, not read
from the code, so that a renamed section fails the tests) and the text of the PDF."""

import re
import zlib

HEADINGS = [
    "Contexte et ambition",
    "Objectifs sociaux",
    "Objectifs écologiques",
    "Contribution à l'économie circulaire",
    "Indicateurs et cibles",
    "Gouvernance et suivi",
    "Annexe : clauses types retenues",
]


def pdf_text(content):
    """The text of an uncompressed-or-Flate PDF written with core fonts, enough for tests."""
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            stream = zlib.decompress(stream)
        except zlib.error:
            pass
        chunks.extend(re.findall(rb"\((.*?)(?<!\\)\)\s*Tj", stream, re.S))
    text = b"\n".join(chunks).replace(b"\\(", b"(").replace(b"\\)", b")").replace(b"\\\\", b"\\")
    return text.decode("cp1252")
