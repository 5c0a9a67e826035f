"""A one-page PDF of plain paragraphs, written without a library: the demo's shared documents.

Text is set in Helvetica with the WinAnsi encoding (French accents, guillemets, the euro sign),
wrapped at a fixed number of characters; enough for a readable demo file, not a typesetter.
"""

import textwrap

LINE_CHARS = 90
LEADING = 14
TOP = 800
LEFT = 56


def _escape(text):
    return (
        text.replace("\\", "\\\\")
        .replace("(", "\\(")
        .replace(")", "\\)")
        .encode("cp1252", "replace")
    )


def simple_pdf(title, paragraphs):
    """The bytes of a one-page A4 PDF: `title` in bold, then each paragraph wrapped."""
    lines = [(b"F2", 14, title), (b"F1", 11, "")]
    for paragraph in paragraphs:
        lines += [(b"F1", 11, line) for line in textwrap.wrap(paragraph, LINE_CHARS)]
        lines.append((b"F1", 11, ""))
    stream = [b"BT", f"{LEFT} {TOP} Td {LEADING} TL".encode()]
    for font, size, text in lines:
        stream.append(b"/" + font + f" {size} Tf (".encode() + _escape(text) + b") Tj T*")
    stream.append(b"ET")
    content = b"\n".join(stream)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
