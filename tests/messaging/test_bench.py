"""The fan-out benchmark runs end to end and reports every figure (its values are not judged
here: speed is measured by `vecinos bench fanout`, not by timed tests)."""

import pytest

from vecinos.benchmarks import fanout as bench


@pytest.mark.django_db(transaction=True)
def test_the_fanout_benchmark_reports_every_figure(monkeypatch):
    monkeypatch.setattr(bench, "RATE_SECONDS", 1.0)
    monkeypatch.setattr(bench, "IDLE_SECONDS", 1.0)
    monkeypatch.setattr("os.environ", dict(__import__("os").environ))
    figures = bench.run(subscribers=300, send_count=100)
    assert set(figures) >= {
        "subscribers",
        "enqueue_s",
        "floor_enqueue_s",
        "first_message_s",
        "send_per_s",
        "floor_send_per_s",
        "peak_rss_mb",
    }
    assert figures["subscribers"] == 300
    assert figures["send_per_s"] > 0 and figures["floor_send_per_s"] > 0
