#!/usr/bin/env python3
"""Latency of `scout shell`: time from sending a query line to its results being printed.

One long-lived shell session per mode answers ~100 queries (20 hand-written ones: names,
2-4 words, phrases, filters, one with no hits; the rest 2-3 word runs of real headlines).
Each query is timed from writing the line to reading the page's last line
("N of M matching articles"), so the figure includes the reload check before every query,
the search, snippets, printing and the pipe or terminal in between.

Modes: `pipe` (stdin and stdout are pipes: the scripted mode, no line editor) and `pty`
(a pseudo-terminal: rustyline, prompt, echo and bold highlights, as a person sees it).

    python3 benches/shell_latency.py                       # both modes, index in /tmp/shellidx
    python3 benches/shell_latency.py --modes pty --queries 200
    python3 benches/shell_latency.py --no-build --scout target/release/scout

Unless --no-build is given it runs `cargo build --release --bin scout` first, and it builds
the index from --corpus when --index holds none. Python 3.11 standard library only.
"""

import argparse
import gzip
import json
import math
import os
import pty
import random
import re
import select
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path("/work/shared/corpora/football-news-2020-2026.jsonl.gz")
PAGE_END = re.compile(rb"\d+ of \d+ matching articles?\r?\n")

FIXED = [
    "Salah",
    "Mbappe Real Madrid transfer",
    "Haaland hat-trick",
    '"Champions League final"',
    '"release clause"',
    "Arsenal injury update",
    "Klopp Liverpool",
    "Bellingham Dortmund fee",
    "club:Chelsea manager",
    "person:\"Erling Haaland\" record",
    "competition:\"Premier League\" title race",
    "Tottenham OR Spurs stadium",
    "loan deal -Chelsea",
    "title:sacked",
    "date:2023 Ballon d'Or",
    "Messi Inter Miami",
    "Ten Hag Manchester United",
    "VAR controversy penalty",
    "World Cup Qatar",
    "zzqxv nothingmatches",
]


def log(message):
    print(message, file=sys.stderr, flush=True)


def headline_queries(corpus, count, seed=1):
    """`count` runs of 2-3 plain words from random headlines of the corpus."""
    titles = []
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            try:
                title = json.loads(line).get("title") or ""
            except json.JSONDecodeError:
                continue
            words = [w for w in re.findall(r"[A-Za-z]{3,}", title) if w not in ("AND", "OR", "NOT")]
            if len(words) >= 3:
                titles.append(words)
    rng = random.Random(seed)
    queries = []
    while len(queries) < count and titles:
        words = rng.choice(titles)
        n = rng.choice((2, 3))
        start = rng.randrange(0, len(words) - n + 1)
        queries.append(" ".join(words[start : start + n]))
    return queries


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


class Shell:
    """A running `scout shell`; subclasses say where its output is read from (`fd`) and
    what to show when an answer does not come (`context`)."""

    def read_until(self, pattern, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            match = pattern.search(self.buffer)
            if match:
                self.buffer = self.buffer[match.end() :]
                return
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise TimeoutError(f"no {pattern.pattern!r}; {self.context()}")
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                raise EOFError(f"shell ended; {self.context()}")
            self.buffer += chunk


class PipeShell(Shell):
    """`scout shell` with stdin and stdout as pipes."""

    def __init__(self, scout, index, env):
        self.proc = subprocess.Popen(
            [scout, "--index", index, "shell"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.errors = []
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.fd = self.proc.stdout.fileno()
        self.buffer = b""

    def _drain_stderr(self):
        for line in self.proc.stderr:
            self.errors.append(line.decode("utf-8", "replace").rstrip())

    def send(self, line):
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def context(self):
        return f"stderr: {self.errors[-3:]}"

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


class PtyShell(Shell):
    """`scout shell` in a pseudo-terminal (rustyline, prompt, echo, bold)."""

    PROMPT = re.compile(rb"scout > ")

    def __init__(self, scout, index, env):
        master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [scout, "--index", index, "shell", "--history", os.devnull],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm"},
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.fd = master
        self.buffer = b""
        self.read_until(self.PROMPT)

    def send(self, line):
        os.write(self.master, line.encode() + b"\r")

    def context(self):
        return f"output: {self.buffer[-300:]!r}"

    def close(self):
        os.write(self.master, b"\x04")
        self.proc.wait(timeout=30)
        os.close(self.master)


def measure(mode, scout, index, queries, env):
    started = time.perf_counter()
    shell = PipeShell(scout, index, env) if mode == "pipe" else PtyShell(scout, index, env)
    # The first answer includes opening the index; time it apart.
    shell.send(queries[0])
    shell.read_until(PAGE_END)
    first = (time.perf_counter() - started) * 1000
    if mode == "pty":
        shell.read_until(PtyShell.PROMPT)
    times = []
    for query in queries:
        t0 = time.perf_counter()
        shell.send(query)
        shell.read_until(PAGE_END)
        times.append((time.perf_counter() - t0) * 1000)
        if mode == "pty":
            shell.read_until(PtyShell.PROMPT)
    shell.close()
    return first, times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scout", default=str(ROOT / "target/release/scout"))
    parser.add_argument("--index", default="/tmp/shellidx")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--modes", default="pipe,pty")
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()

    if not args.no_build:
        log("cargo build --release --bin scout")
        subprocess.run(["cargo", "build", "--release", "--bin", "scout"], cwd=ROOT, check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("SCOUT_INDEX", "NO_COLOR", "PAGER")}
    if not (Path(args.index) / "CURRENT").is_file():
        log(f"building {args.index} from {args.corpus}")
        subprocess.run([args.scout, "--index", args.index, "index", args.corpus], check=True, env=env)

    fixed = []
    for query in FIXED:
        check = subprocess.run(
            [args.scout, "--index", args.index, "search", "--json", "--", query],
            capture_output=True,
            env=env,
        )
        if check.returncode == 2:
            log(f"left out {query!r}: {check.stderr.decode().strip()}")
        else:
            fixed.append(query)
    queries = (fixed + headline_queries(args.corpus, max(0, args.queries - len(fixed))))[: args.queries]
    print(f"scout shell latency, {len(queries)} queries on {args.index} ({Path(args.corpus).name})")
    print()
    print("| mode | queries | first answer ms (open + query) | median ms | p90 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for mode in args.modes.split(","):
        first, times = measure(mode, args.scout, args.index, queries, env)
        ordered = sorted(times)
        print(
            f"| {mode} | {len(times)} | {first:.1f} | {statistics.median(ordered):.2f} | "
            f"{percentile(ordered, 90):.2f} | {percentile(ordered, 99):.2f} | {ordered[-1]:.2f} |",
            flush=True,
        )
        slowest = sorted(zip(times, queries), reverse=True)[:3]
        log(f"{mode}: slowest " + ", ".join(f"{q!r} {t:.1f} ms" for t, q in slowest))


if __name__ == "__main__":
    main()
