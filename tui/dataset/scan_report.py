"""``budget-tui scan``'s terminal side: a progress bar on stderr while the files are read
(files done, files/s, the time left) and the summary at the end (ok / with errors / failed,
the ten worst). The scan itself is core.dataset.scan; this only shows its events."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from core.dataset.scan import ScanEvent, ScanSummary, scan
from core.dataset.store import find_pdfs
from core.i18n import _


class FilesPerSecond(TextColumn):
    """Files read per second, from the task's own speed estimate."""

    def __init__(self) -> None:
        super().__init__("")

    def render(self, task):  # type: ignore[no-untyped-def]
        from rich.text import Text

        speed = task.finished_speed or task.speed
        return Text(f"{speed:.2f} " + _("个/秒") if speed else "— " + _("个/秒"))


def run_scan(
    paths: list[str], dataset: Path, workers: int | None, dask_address: str | None
) -> ScanSummary:
    console = Console(file=sys.stderr)
    pdfs = find_pdfs(paths)  # a path that does not exist: one line, before any bar
    with Progress(
        TextColumn(_("读取")),
        BarColumn(),
        MofNCompleteColumn(),
        FilesPerSecond(),
        TextColumn(_("剩余")),
        TimeRemainingColumn(),
        TextColumn("{task.fields[name]}", style="dim"),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task("scan", total=None, name="")

        skipped = 0

        def show(event: ScanEvent) -> None:
            # files already in the dataset are not read: counted apart, so that files/s and
            # the time left speak of the files being read
            nonlocal skipped
            skipped += event.skipped
            progress.update(
                task,
                total=event.total - skipped,
                completed=event.done - skipped,
                name=event.path.name[:40],
            )

        summary = scan(pdfs, dataset, workers=workers, dask_address=dask_address, on_event=show)
    print_summary(summary, dataset, console)
    return summary


def print_summary(summary: ScanSummary, dataset: Path, console: Console) -> None:
    console.print(
        _(
            "共 {found} 个文件：本次读取 {read} 个，"
            "已在数据集中跳过 {skipped} 个，用时 {seconds:.1f} 秒"
        ).format(
            found=summary.found,
            read=summary.read,
            skipped=summary.skipped,
            seconds=summary.seconds,
        )
    )
    console.print(
        _("数据集 {dataset}：正常 {ok}，有错误 {errors}，未能读取 {failed}").format(
            dataset=dataset,
            ok=summary.count("ok"),
            errors=summary.count("errors"),
            failed=summary.count("failed"),
        ),
        highlight=False,
    )
    worst = summary.worst()
    if worst.height:
        console.print(_("最需要查看的文件："))
        for row in worst.iter_rows(named=True):
            if row["status"] == "failed":
                what = row["message"]
            else:
                what = _("{errors} 个错误，{warnings} 个无法核实").format(
                    errors=row["errors"], warnings=row["warnings"]
                )
            console.print(f"  {Path(row['path']).name}  {what}", highlight=False, markup=False)
