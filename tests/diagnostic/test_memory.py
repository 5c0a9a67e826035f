"""The DECP import streams: its peak memory does not grow with the file (see benchmarks/)."""

import tracemalloc

from diagnostic.decp import parse
from diagnostic.sample import AMP_SIREN, contracts, siret, write_decp

BUYERS = [siret(AMP_SIREN, 1), siret(AMP_SIREN, 2), siret("244400404", 1)]


def peak_while_parsing(path):
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        with open(path, "rb") as fileobj:
            result = parse(fileobj, buyer=AMP_SIREN)
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def test_peak_memory_is_flat_from_2000_to_20000_contracts(tmp_path):
    peaks, sizes = [], []
    for count in (2_000, 20_000):
        path = tmp_path / f"decp_{count}.json"
        with open(path, "w", encoding="utf-8") as fileobj:
            write_decp(fileobj, contracts(count, BUYERS, years=(2024, 2025)))
        peak, result = peak_while_parsing(path)
        assert result.records == count
        assert result.matched > count // 2
        peaks.append(peak)
        sizes.append(path.stat().st_size)
    assert sizes[1] > 9 * sizes[0]
    assert peaks[1] < 1.5 * peaks[0], peaks
    assert peaks[1] < sizes[1] / 10, (peaks, sizes)
