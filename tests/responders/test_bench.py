"""The dispatch benchmark runs end to end and reports every figure (its values are judged
by `vecinos bench dispatch`, not by timed tests)."""

from vecinos.benchmarks import dispatch as bench


def test_the_dispatch_benchmark_reports_every_figure(db):
    figures = bench.run(responders=300, incidents=20)
    assert {"median_ms", "p99_ms", "floor_median_ms"} <= set(figures)
    assert figures["responders"] == 300
    assert 0 < figures["floor_median_ms"] and 0 < figures["median_ms"] <= figures["p99_ms"]
    assert "ms median" in bench.table(figures)
