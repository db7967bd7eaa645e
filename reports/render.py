"""Static chart images (PNG, SVG) through kaleido and Debian's Chromium, safe from every Streamlit session.

Kaleido's sync server mixes up images when called from several threads at once (upstream Kaleido#444), and
Streamlit runs each session in a thread of its own. So one worker thread per process owns the renderer and
takes requests from a queue, one at a time; callers wait on their own result. The renderer stays warm
between requests (a cold Chromium costs ~3 s, a warm image ~0.2 s). A render that cannot finish (Chromium
missing or hung) ends after ``TIMEOUT`` seconds with ``RenderError`` — a message, never a frozen page.
"""

from __future__ import annotations

import atexit
import queue
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

import plotly.graph_objects as go

TIMEOUT = 60.0  # seconds a caller waits for one image (the first includes starting Chromium)
WIDTH, HEIGHT, SCALE = 800, 450, 2  # 1600 px wide PNG at scale 2


class RenderError(RuntimeError):
    """A chart image could not be made; the message says why (Bahasa Indonesia)."""


@dataclass(frozen=True)
class _Job:
    figure: dict
    fmt: str
    width: int
    height: int
    scale: float
    result: Future


class _Worker:
    """The one thread that talks to kaleido."""

    def __init__(self) -> None:
        self.jobs: queue.Queue[_Job] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="sorot-render", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import kaleido  # imported here: only processes that export pay for it

        kaleido.start_sync_server(mathjax=False, silence_warnings=True)  # offline: no MathJax from a CDN
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)  # Chromium closed, not cut off at exit
        while True:
            job = self.jobs.get()
            if job.result.set_running_or_notify_cancel():
                try:
                    opts = {"format": job.fmt, "width": job.width, "height": job.height, "scale": job.scale}
                    job.result.set_result(kaleido.calc_fig_sync(job.figure, opts=opts))
                except BaseException as err:  # handed to the caller, who turns it into a message
                    job.result.set_exception(err)


_lock = threading.Lock()
_worker: _Worker | None = None


def _the_worker() -> _Worker:
    global _worker
    with _lock:
        if _worker is None or not _worker.thread.is_alive():
            _worker = _Worker()
        return _worker


def image(fig: go.Figure, fmt: str = "png", width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE,
          timeout: float = TIMEOUT) -> bytes:
    """The figure as PNG or SVG bytes, rendered by the process's one renderer."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"format gambar «{fmt}» tidak dikenal (png atau svg)")
    job = _Job(fig.to_dict(), fmt, width, height, scale, Future())
    _the_worker().jobs.put(job)
    try:
        return job.result.result(timeout=timeout)
    except FutureTimeout as err:
        job.result.cancel()
        raise RenderError(f"Gambar grafik belum selesai setelah {timeout:.0f} detik; coba lagi sebentar lagi.") \
            from err
    except RenderError:
        raise
    except Exception as err:
        raise RenderError(f"Gambar grafik tidak bisa dibuat ({type(err).__name__}: {err}). Pastikan Chromium "
                          "terpasang (make browser).") from err
