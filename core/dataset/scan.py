"""``budget-tui scan``: every PDF under some paths into one dataset (core.dataset.store).

The per-file task (:func:`core.dataset.store.read_one`) runs in local processes by default, or on an
existing Dask cluster (``dask_address``): the same function submitted with
``distributed.Client.submit``; Dask schedules, retries and moves the results, no scheduler of
ours. Either way the results come back here and are committed one by one, so what a dataset
holds does not depend on where the files were read.

A file already in the dataset (same sha256, same parser version) is skipped: a re-run after a
crash or Ctrl+C reads only what was not finished.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from core.dataset.store import (
    FileOutput,
    commit,
    committed,
    failed_output,
    find_pdfs,
    path_key,
    read_one,
    rebuild_files,
    remove_leftovers,
)
from core.parse import sha256_of


@dataclass
class ScanEvent:
    """One file settled: read and committed (``record``), or skipped as already done."""

    done: int
    total: int
    path: Path
    skipped: bool
    record: dict[str, Any] | None = None


@dataclass
class ScanSummary:
    files: pl.DataFrame  # files.parquet as rebuilt at the end
    found: int  # PDFs under the paths
    read: int  # read in this run
    skipped: int  # already in the dataset
    seconds: float

    def count(self, status: str) -> int:
        return int((self.files["status"] == status).sum())

    def worst(self, n: int = 10) -> pl.DataFrame:
        """Refused files first, then the most errors, then the most warnings."""
        rank = pl.col("status").replace_strict({"failed": 0, "errors": 1, "ok": 2}, default=3)
        return (
            self.files.filter((pl.col("status") != "ok") | (pl.col("warnings") > 0))
            .with_columns(rank.alias("_rank"))
            .sort(["_rank", "errors", "warnings", "path"], descending=[False, True, True, False])
            .drop("_rank")
            .head(n)
        )


Task = tuple[Path, str]  # a path and its sha256


def scan(
    paths: Iterable[str | Path],
    dataset: Path,
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    on_event: Callable[[ScanEvent], None] | None = None,
) -> ScanSummary:
    """Read every PDF under ``paths`` not yet in ``dataset`` into it; files.parquet is
    rebuilt at the end, also when the scan is interrupted."""
    start = time.perf_counter()
    pdfs = find_pdfs(paths)
    dataset.mkdir(parents=True, exist_ok=True)
    remove_leftovers(dataset)
    done = committed(dataset)
    total = len(pdfs)
    settled = 0

    def settle(path: Path, skipped: bool, record: dict[str, Any] | None = None) -> None:
        nonlocal settled
        settled += 1
        if on_event:
            on_event(ScanEvent(settled, total, path, skipped, record))

    todo: list[Task] = []
    skipped = 0
    for path in pdfs:
        try:
            sha256 = sha256_of(path)
        except OSError as exc:
            output = failed_output(str(path), path_key(path), f"{path}: {exc.strerror or exc}")
            commit(dataset, output)
            settle(path, False, output.record)
            continue
        if sha256 in done:  # read before, or the same bytes under another name
            skipped += 1
            settle(path, True)
            continue
        done.add(sha256)
        todo.append((path, sha256))

    def commit_one(path: Path, output: FileOutput) -> None:
        commit(dataset, output)
        settle(path, False, output.record)

    try:
        if dask_address:
            _run_dask(todo, dask_address, commit_one)
        else:
            _run_local(todo, workers or default_workers(), commit_one)
    finally:
        files = rebuild_files(dataset)
    return ScanSummary(files, total, total - skipped, skipped, time.perf_counter() - start)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    # spawn: a fork of a process running polars' thread pool may deadlock. No
    # max_tasks_per_child: on Python 3.11 a worker retired that way is not replaced when every
    # task was submitted up front, and the scan hangs.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield pool
    except BaseException:  # Ctrl+C, or the client failing: stop now, what is done is kept
        processes = list((pool._processes or {}).values())  # terminate_workers(): 3.14
        for process in processes:
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _results(pool: ProcessPoolExecutor, todo: list[Task]) -> Iterator[tuple[Task, Any]]:
    """(task, output or the exception) as each finishes."""
    # The workers start while submitting: with Ctrl+C ignored, which they keep, so that Ctrl+C
    # is the client's alone (it stops them) and never a worker's traceback mid-import.
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        futures: dict[Future[FileOutput], Task] = {
            pool.submit(read_one, str(p), s): (p, s) for p, s in todo
        }
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
    for future in as_completed(futures):
        task = futures.pop(future)  # dropped once committed: memory stays flat
        try:
            yield task, future.result()
        except BrokenProcessPool as exc:
            yield task, exc


def _run_local(
    todo: list[Task], workers: int, commit_one: Callable[[Path, FileOutput], None]
) -> None:
    crashed: list[Task] = []
    with _pool(workers) as pool:
        for (path, sha256), result in _results(pool, todo):
            if isinstance(result, FileOutput):
                commit_one(path, result)
            else:  # a process died (a crash in native code, the OOM killer): whose file?
                crashed.append((path, sha256))
    for path, sha256 in crashed:  # each alone in a fresh process: only the culprit fails
        with _pool(1) as pool:
            ((_, result),) = list(_results(pool, [(path, sha256)]))
        if not isinstance(result, FileOutput):
            result = failed_output(
                str(path), sha256, f"{path.name}: the reader's process died ({result})"
            )
        commit_one(path, result)


def _run_dask(
    todo: list[Task], address: str, commit_one: Callable[[Path, FileOutput], None]
) -> None:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError as exc:
        from core.errors import BudgetInputError

        raise BudgetInputError(
            "--dask needs the dask extra: pip install 'budget-tui[dask]'"
        ) from exc
    with Client(address) as client:  # closing the client leaves the cluster running
        futures = {
            client.submit(read_one, str(p), s, key=f"budget-tui-read-{s}", pure=False): (p, s)
            for p, s in todo
        }
        try:
            for future in dask_completed(list(futures)):
                path, sha256 = futures.pop(future)  # released once committed
                try:
                    output = future.result()
                except Exception as exc:  # a worker lost with the task (KilledWorker…)
                    output = failed_output(
                        str(path), sha256, f"{path.name}: the Dask task failed ({exc})"
                    )
                commit_one(path, output)
                future.release()
        except BaseException:
            client.cancel(list(futures))
            raise
