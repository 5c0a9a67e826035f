"""A file wrapper that lets JSON bytes through only once they are known to be bounded. No Django import.

ijson's C backend is fast but trusts its input: a 4,301-digit number crashes the process and deep
nesting makes its memory grow with the square of the depth. `BoundedReader` sits between the file
and ijson and checks every chunk before ijson sees it:

- nesting depth (``[`` and ``{`` outside strings) at most `MAX_DEPTH`;
- digit runs outside strings at most `MAX_DIGITS` long;
- strings (keys and values) at most `MAX_STRING_BYTES` bytes;
- one record (everything below the records' list) at most `MAX_RECORD_BYTES` bytes;
- the bytes are valid UTF-8.

Each chunk is checked with whole-chunk operations (``bytes.split``, ``translate``, a regular
expression, ``accumulate`` over the brackets), so the cost is linear and runs at C speed. When a
chunk breaks a bound, the chunk is scanned again byte by byte from the saved state to find the
first offending byte; the bytes before it are handed to ijson (so the records that ended before it
are still read and the error can name the next one), then `error` is set and every later read
raises it.
"""

import re
from itertools import accumulate

MAX_DEPTH = 10
MAX_DIGITS = 100
MAX_STRING_BYTES = 64 * 1024
MAX_RECORD_BYTES = 256 * 1024
CHUNK_BYTES = 64 * 1024

_DIGITS = b"0123456789"
_LONG_DIGITS = re.compile(rb"[0-9]{%d}" % (MAX_DIGITS + 1))
_BRACKETS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class BoundsError(ValueError):
    """A bound was exceeded; ``str(error)`` is a French sentence, `offset` the byte in the file."""

    def __init__(self, message, offset):
        self.offset = offset
        super().__init__(message)


def _held_back(data):
    """How many trailing bytes must wait for the next chunk: a lone escape or a cut UTF-8 character."""
    backslashes = len(data) - len(data.rstrip(b"\\"))
    if backslashes % 2:
        return 1
    for back in range(1, min(3, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return 0
        if byte >= 0xC0:
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return back if needed > back else 0
    return 0


class BoundedReader:
    """Binary file-like object over `fileobj` (positioned at the start of the JSON text).

    `record_depth`: depth of the list holding the records (2 for ``{"marches": [...]}``), or None
    not to bound record sizes. `offset` counts the bytes handed out so far.
    """

    def __init__(self, fileobj, record_depth=None):
        self.fileobj = fileobj
        self.record_depth = record_depth
        self.held = b""
        self.offset = 0
        self.eof = False
        self.error = None
        # State at the end of the bytes handed out so far.
        self.in_string = False
        self.depth = 0
        self.digits = 0  # length of the digit run the bytes end with (outside strings)
        self.string_bytes = 0  # length so far of the string the bytes end in
        self.record_bytes = 0  # upper bound of the current record's length

    def read(self, size=-1):
        if self.error is not None:
            raise self.error
        if self.eof or size == 0:  # ijson reads 0 bytes to learn the file's type
            return b""
        size = CHUNK_BYTES if size is None or size < 0 else min(max(size, 16), CHUNK_BYTES)
        while True:
            new = self.fileobj.read(size)
            data = self.held + new
            if not new:
                self.eof, keep = True, 0
            else:
                keep = _held_back(data)
            body, self.held = data[: len(data) - keep], data[len(data) - keep :]
            if body or self.eof:
                break
        if body and not self._accept(body):
            index, message = self._locate(body)
            self.error = BoundsError(message, self.offset + index)
            body = body[:index]
        self.offset += len(body)
        return body

    # Whole-chunk check: True (and the state moves on) when `body` breaks no bound.
    def _accept(self, body):
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return False
        clean = body.replace(b"\\\\", b"__").replace(b'\\"', b"__")
        parts = clean.split(b'"')
        starts_in_string = self.in_string
        ends_in_string = starts_in_string ^ (len(parts) % 2 == 0)
        inside = parts[0::2] if starts_in_string else parts[1::2]
        outside = parts[1::2] if starts_in_string else parts[0::2]
        lengths = list(map(len, inside))
        if lengths and starts_in_string:
            lengths[0] += self.string_bytes
        if lengths and max(lengths) > MAX_STRING_BYTES:
            return False
        text = b" ".join(outside)
        if _LONG_DIGITS.search(text):
            return False
        leading = len(text) - len(text.lstrip(_DIGITS))
        if not starts_in_string and self.digits + leading > MAX_DIGITS:
            return False
        brackets = text.translate(_BRACKETS, _NOT_BRACKETS)
        depth, boundary = self.depth, False
        if brackets:
            sums = list(accumulate(memoryview(brackets).cast("b"), initial=self.depth))
            if max(sums) > MAX_DEPTH:
                return False
            depth = sums[-1]
            boundary = self.record_depth is not None and min(sums) <= self.record_depth
        record_bytes = len(body) if boundary else self.record_bytes + len(body)
        if self.record_depth is not None and depth > self.record_depth:
            if record_bytes > MAX_RECORD_BYTES:
                return False
        else:
            record_bytes = 0
        trailing = len(text) - len(text.rstrip(_DIGITS))
        if ends_in_string:
            self.digits = 0
            self.string_bytes = lengths[-1]
        elif trailing == len(text) and not starts_in_string and len(parts) == 1:
            self.digits += trailing
        else:
            self.digits = trailing
        self.in_string, self.depth, self.record_bytes = ends_in_string, depth, record_bytes
        return True

    # Byte-by-byte scan of a chunk that breaks a bound: (index of the first bad byte, message).
    def _locate(self, body):
        try:
            body.decode("utf-8")
            limit, bad_utf8 = len(body), None
        except UnicodeDecodeError as exc:
            limit, bad_utf8 = exc.start, exc.start
        in_string, depth, digits = self.in_string, self.depth, self.digits
        string_bytes, record_bytes = self.string_bytes, self.record_bytes
        escape = False
        for index in range(limit):
            byte = body[index]
            if self.record_depth is not None and depth > self.record_depth:
                record_bytes += 1
                if record_bytes > MAX_RECORD_BYTES:
                    return index, (
                        f"un enregistrement dépasse {MAX_RECORD_BYTES // 1024} Ko, ce qui n'est "
                        "pas un marché DECP."
                    )
            else:
                record_bytes = 0
            if in_string:
                string_bytes += 1
                if escape:
                    escape = False
                elif byte == 0x5C:
                    escape = True
                elif byte == 0x22:
                    in_string = False
                    continue
                if string_bytes > MAX_STRING_BYTES:
                    return index, (
                        f"un texte dépasse {MAX_STRING_BYTES // 1024} Ko, ce qui n'est pas une "
                        "valeur DECP."
                    )
                continue
            if 0x30 <= byte <= 0x39:
                digits += 1
                if digits > MAX_DIGITS:
                    return index, (
                        f"un nombre a plus de {MAX_DIGITS} chiffres, ce qui n'est pas une valeur "
                        "DECP."
                    )
                continue
            digits = 0
            if byte == 0x22:
                in_string, string_bytes = True, 0
            elif byte in (0x5B, 0x7B):
                depth += 1
                if depth > MAX_DEPTH:
                    return index, (
                        f"les données sont imbriquées sur plus de {MAX_DEPTH} niveaux, ce que le "
                        "format DECP n'utilise jamais."
                    )
            elif byte in (0x5D, 0x7D):
                depth -= 1
        if bad_utf8 is not None:
            return bad_utf8, (
                f"le fichier n'est pas encodé en UTF-8 (octet invalide n° "
                f"{self.offset + bad_utf8 + 1})."
            )
        return 0, "le fichier dépasse les limites de lecture."
