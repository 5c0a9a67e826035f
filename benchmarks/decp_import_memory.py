"""Memory of the DECP import: the streamed parser's peak stays flat as the file grows.

Generates DECP files of 20 000 and 200 000 contracts in a temporary folder, parses each with
`diagnostic.decp.parse` and prints the peak memory (tracemalloc) against the file size.

    .venv/bin/python benchmarks/decp_import_memory.py [--large 200000] [--small 20000]
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diagnostic.decp import parse
from diagnostic.sample import AMP_SIREN, NANTES_SIREN, contracts, siret, write_decp

BUYERS = [siret(AMP_SIREN, n) for n in (1, 2, 3)] + [siret(NANTES_SIREN, 1)]


def generate(path, count):
    with open(path, "w", encoding="utf-8") as fileobj:
        write_decp(fileobj, contracts(count, BUYERS, years=(2024, 2025)))
    return os.path.getsize(path)


def measure(path, buyer=AMP_SIREN):
    """(peak bytes allocated while parsing, seconds, result)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    started = time.perf_counter()
    with open(path, "rb") as fileobj:
        result = parse(fileobj, buyer=buyer)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, elapsed, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument("--large", type=int, default=200_000)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="decp-bench-") as folder:
        for count in (args.small, args.large):
            path = Path(folder) / f"decp_{count}.json"
            size = generate(path, count)
            peak, elapsed, result = measure(path)
            rows.append((count, size, peak, elapsed, result.matched))
            path.unlink()
    print(
        f"{'contrats':>10} {'fichier (Mo)':>13} {'pic (Mo)':>9} {'pic/fichier':>12} {'durée (s)':>10}"
    )
    for count, size, peak, elapsed, _matched in rows:
        print(
            f"{count:>10} {size / 1e6:>13.1f} {peak / 1e6:>9.2f} {peak / size:>12.4%} {elapsed:>10.1f}"
        )
    growth = rows[1][2] / rows[0][2]
    print(
        f"Fichier x{rows[1][1] / rows[0][1]:.1f}, pic mémoire x{growth:.2f} "
        f"({'plat' if growth < 1.5 else 'NON PLAT'})."
    )
    return 0 if growth < 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
