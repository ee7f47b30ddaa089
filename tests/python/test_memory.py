"""100 000 classifications (and model loads, errors, thread pools) do not
grow the process's memory."""

from __future__ import annotations

import gc
import os

import pytest

from conftest import MODELS_DIR, SANITIZED

import jdclass

SLACK = 8 * 1024 * 1024      # bytes of RSS growth allowed
COUNT = 100_000

TEXT = ("# Senior MLOps Engineer\n"
        "Manchester, hybrid, permanent. £70,000 - £90,000 per year.\n"
        "## What you will do\n"
        "Own our MLflow registry and Feast feature store; Kubeflow training "
        "pipelines; drift monitoring with Evidently. Evaluate our RAG "
        "assistant with LLM-as-judge evals.\n"
        "## Requirements\nPython, Kubernetes, Terraform, AWS.\n")

pytestmark = pytest.mark.skipif(
    SANITIZED, reason="RSS is meaningless under AddressSanitizer")


def rss() -> int:
    """Resident set size of this process in bytes (/proc/self/statm)."""
    gc.collect()
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_classifications_do_not_grow_memory(tmp_path):
    data = TEXT.encode()
    missing = tmp_path / "missing"

    def round_(i):
        r = jdclass.classify(TEXT if i % 2 else data)
        assert r.label == "mlops"
        if i % 500 == 0:
            r.to_dict()
            try:
                jdclass.Model(missing)
            except jdclass.Error:
                pass
            try:
                jdclass.classify(i)             # type: ignore
            except TypeError:
                pass

    for i in range(5_000):                      # warm-up
        round_(i)
    before = rss()
    for i in range(COUNT):
        round_(i)
    after = rss()
    assert after - before < SLACK, \
        f"RSS grew by {(after - before) / 2**20:.1f} MiB over {COUNT} calls"


def test_models_and_thread_pools_do_not_grow_memory():
    texts = [TEXT] * 8

    def round_():
        with jdclass.Model(MODELS_DIR) as m:
            jdclass.classify_many(texts, model=m, workers=4)
        m2 = jdclass.Model(MODELS_DIR)          # freed by the collector
        m2.classify(TEXT)
        del m2

    for _ in range(10):
        round_()
    before = rss()
    for _ in range(150):
        round_()
    after = rss()
    assert after - before < SLACK, \
        f"RSS grew by {(after - before) / 2**20:.1f} MiB"
