"""A page reader in worker processes: this process and each worker read every k-th ruled page.

A reader's objects don't pickle, so a worker opens the file itself (with the same reader)
and sends back the pages it read (plain dataclasses, pickled, length-prefixed on its
stdout). The pool only runs readers; it knows nothing of how a page is read. Workers are
plain ``python -m core.reading.pool`` processes rather than a multiprocessing pool: nothing
of the caller is re-imported or forked (a Textual app, polars' thread pool), and a worker
that dies only means its pages are read here instead.

Pages are dealt round-robin (reader k gets pages k, k+R, …), so reading them back in page
order alternates between readers and the first pages arrive first.
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from core.errors import BudgetInputError
from core.reading.pages import PageContent
from core.reading.readers import PageReader, open_reader

_LENGTH = struct.Struct("<Q")
_ERROR = b"E"
_PAGE = b"P"


def _send(stream, kind: bytes, payload: bytes) -> None:  # type: ignore[no-untyped-def]
    stream.write(kind + _LENGTH.pack(len(payload)) + payload)
    stream.flush()


def _receive(stream) -> tuple[bytes, bytes] | None:  # type: ignore[no-untyped-def]
    head = stream.read(1 + _LENGTH.size)
    if len(head) < 1 + _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head[1:])
    payload = stream.read(length)
    return (head[:1], payload) if len(payload) == length else None


def read_in_workers(
    here: PageReader, reader: str, path: Path, numbers: list[int], readers: int
) -> Iterator[PageContent]:
    """Yield the PageContent of ``numbers`` in order, read by ``readers`` readers: this
    process, through the caller's open reader ``here`` (it would otherwise wait), and
    ``readers - 1`` worker processes running the reader named ``reader``."""

    readers = max(1, min(readers, len(numbers)))
    shares = [numbers[k::readers] for k in range(readers)]
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "core.reading.pool", reader, str(path), *map(str, share)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        for share in shares[1:]
    ]
    # share 0 is read here; so is the share of a worker that dies
    arrived: dict[
        int, PageContent | BudgetInputError
    ] = {}  # page number -> PageContent, or an error message
    done = threading.Condition()
    dead: set[int] = set()  # workers that stopped early

    def collect(k: int, proc: subprocess.Popen[bytes]) -> None:
        """Read worker k's frames as they come, so neither side waits on the other."""
        for number in shares[k]:
            message = _receive(proc.stdout) if proc.stdout else None
            with done:
                if message is None:
                    dead.add(k)
                elif message[0] == _PAGE:
                    arrived[number] = pickle.loads(message[1])
                else:
                    arrived[number] = BudgetInputError(message[1].decode("utf-8"))
                done.notify_all()
            if message is None or message[0] == _ERROR:
                return

    threads = [
        threading.Thread(target=collect, args=(k, proc), daemon=True)
        for k, proc in enumerate(procs, start=1)
    ]
    for thread in threads:
        thread.start()
    own = iter(shares[0])
    mine: dict[int, PageContent] = {}  # pages of share 0 read ahead while a worker was busy
    owner = {n: k for k in range(readers) for n in shares[k]}
    try:
        for number in numbers:
            k = owner[number]
            if k == 0:
                while number not in mine:
                    own_next = next(own)
                    mine[own_next] = here.read(own_next)
                yield mine.pop(number)
                continue
            while True:
                with done:
                    if number in arrived or k in dead:
                        break
                ahead = next(own, None)  # work on our own pages instead of waiting
                if ahead is not None:
                    mine[ahead] = here.read(ahead)
                    continue
                with done:
                    while number not in arrived and k not in dead:
                        done.wait()
                break
            with done:
                page = arrived.pop(number, None)
            if isinstance(page, BudgetInputError):
                raise page
            yield page if page is not None else here.read(number)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            if proc.stdout:
                proc.stdout.close()
        for thread in threads:
            thread.join(timeout=1)


def main(argv: list[str]) -> int:
    reader, path, numbers = argv[0], Path(argv[1]), [int(n) for n in argv[2:]]
    out = sys.stdout.buffer
    try:
        opened = open_reader(reader, path)
        try:
            for number in numbers:
                _send(out, _PAGE, pickle.dumps(opened.read(number)))
        finally:
            opened.close()
    except BudgetInputError as exc:
        _send(out, _ERROR, str(exc).encode("utf-8"))
    except BrokenPipeError:  # the reader stopped early (an error elsewhere, Ctrl-C)
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
