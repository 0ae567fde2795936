#!/usr/bin/env python3
"""Whole-program comparison of scout with plain tantivy and SQLite FTS5 on the same corpus.

Run from the repository root:

    python3 benches/compare.py                      # 1x and 10x, all engines
    python3 benches/compare.py --sizes 1,10,100     # the full run (needs ~15 GB in --work)

Engines
  scout        `scout --index DIR index CORPUS` / `scout --index DIR search QUERY`
  scout-noent  the same with the hidden `--no-entities` flag (shows the cost of entity extraction)
  tantivy      benches/baseline.rs: tantivy 0.27, default tokenizer, 2 threads, 256 MB, one commit
  floor        the same program doing the indexing work every scout build must do, and no more:
               scout's analyzer (fold, stem) and doc store (zstd), and scout's entities of each
               article as facets, read from a table made beforehand (untimed) instead of
               recognised. Its throughput bounds what any entity recogniser lets scout reach.
  fts5         SQLite FTS5 from Python's sqlite3 ('porter unicode61 remove_diacritics 2'), one
               transaction, bm25 with the title weighted 2, snippet() of the body

Corpora: 1x is the football news corpus; Nx replicas (each article repeated N times, ids suffixed
-r0, -r1, ...) are generated once into --work and reused.

Measured per engine and corpus: build wall and CPU seconds (user+sys of the child from wait4),
throughput in MB/s of title+body text, peak RSS (the child's maxrss, which counts index files
mapped in) and peak RssAnon (sampled from /proc/PID/status every 50 ms: the process's own memory),
index size on disk and its ratio to the text; one-shot search: every query of a fixed list of 20
run as a separate process --runs times (after one untimed warm-up pass), median and p90 wall ms and
median CPU ms. Prints one markdown table, then ratios and checks.

Binaries are copied into --work/bin before measuring, so a concurrent `cargo build` cannot swap
them mid-run.
"""

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS_1X = "/work/shared/corpora/football-news-2020-2026.jsonl.gz"
ENGINES = ["scout", "scout-noent", "tantivy", "floor", "fts5"]
MiB = 1024 * 1024

# 20 mixed queries: names, 2-4 words, two phrases, one with no hits at all.
QUERIES = [
    "Haaland",
    "Bellingham",
    "Mbappé",
    "Salah",
    "Arsenal",
    "Pochettino Tottenham",
    "Arteta injury update",
    "Anton release clause",
    "Klopp press conference",
    "Ten Hag sacked",
    "Mbappé Real Madrid transfer",
    "Chelsea loan deal striker",
    "Premier League title race",
    "Barcelona financial fair play",
    "goalkeeper penalty save",
    "World Cup Qatar",
    "Bundesliga Leverkusen",
    '"Champions League final"',
    '"release clause"',
    "xqzvkplw",  # no hits
]

FTS5_SEARCH = r"""
import sys, sqlite3
c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
rows = c.execute(
    "SELECT id, snippet(articles, 2, '<b>', '</b>', '...', 24) FROM articles "
    "WHERE articles MATCH ? ORDER BY bm25(articles, 0.0, 2.0, 1.0) LIMIT 10", (sys.argv[2],)).fetchall()
sys.stdout.write(''.join('%s\t%s\n' % (i, s.replace('\n', ' ')) for i, s in rows))
sys.exit(0 if rows else 1)
"""


# ---------------------------------------------------------------------------------------------
# FTS5 build: runs in a child Python process (this script with a hidden option).


def fts5_build(db, corpora):
    start = time.perf_counter()
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db, isolation_level=None)
    con.execute(
        "CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )

    def rows():
        for path in corpora:
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    try:
                        o = json.loads(line)
                    except ValueError:
                        continue
                    yield (o.get("id"), o.get("title") or "", o.get("body") or "")

    con.execute("BEGIN")
    con.executemany("INSERT INTO articles(id, title, body) VALUES (?, ?, ?)", rows())
    con.execute("COMMIT")
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    print(f"indexed {n} articles in {time.perf_counter() - start:.2f} s", file=sys.stderr)


def fts5_query(q):
    """Our query syntax -> FTS5 MATCH syntax: phrases kept, every bare word quoted (AND)."""
    out, i = [], 0
    while i < len(q):
        if q[i].isspace():
            i += 1
        elif q[i] == '"':
            j = q.find('"', i + 1)
            j = len(q) if j < 0 else j
            out.append('"' + q[i + 1 : j].replace('"', "") + '"')
            i = j + 1
        else:
            j = i
            while j < len(q) and not q[j].isspace() and q[j] != '"':
                j += 1
            out.append('"' + q[i:j] + '"')
            i = j
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Helpers


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def remove(path):
    if os.path.isdir(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.exists(path):
        os.remove(path)


def percentile(values, p):
    """Nearest-rank percentile."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))
    return s[int(k)]


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def child_of(pid):
    """The pid of a child of pid (scanning /proc: /proc/PID/task/TID/children may be missing)."""
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                return int(name)
    return None


def run_measured(cmd, sample=False, stdout=subprocess.DEVNULL, env=None):
    """Runs cmd; returns dict(rc, wall, cpu, maxrss, rss_peak, anon_peak (bytes), out, err).

    CPU = user+sys from wait4. With sample=True the command runs under /usr/bin/time -f %M for its
    maxrss (taken from our own rusage it would include this big Python process, as the child's
    RSS before exec counts), and its /proc/PID/status is sampled every 50 ms for VmRSS, VmHWM and
    RssAnon.
    """
    err = tempfile.TemporaryFile()
    peaks = {"VmRSS": 0, "RssAnon": 0, "VmHWM": 0}
    rssfile = None
    if sample and TIME:
        fd, rssfile = tempfile.mkstemp(prefix="compare-rss-")
        os.close(fd)
        cmd = [TIME, "-f", "%M", "-o", rssfile] + list(cmd)
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=err, env=None if env is None else {**os.environ, **env})
    stop = threading.Event()
    sampler = None
    if sample:

        def loop():
            pid = p.pid
            if rssfile:
                pid = None
                while pid is None and not stop.is_set():
                    pid = child_of(p.pid)
                    if pid is None:
                        stop.wait(0.005)
            path = f"/proc/{pid}/status"
            while not stop.is_set():
                try:
                    with open(path) as f:
                        text = f.read()
                except OSError:
                    return
                for line in text.splitlines():
                    key, _, rest = line.partition(":")
                    if key in peaks:
                        peaks[key] = max(peaks[key], int(rest.split()[0]) * 1024)
                stop.wait(0.05)

        sampler = threading.Thread(target=loop, daemon=True)
        sampler.start()
    out = p.stdout.read() if stdout == subprocess.PIPE else b""
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    stop.set()
    if sampler:
        sampler.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.stdout:
        p.stdout.close()
    err.seek(0)
    errtext = err.read().decode("utf-8", "replace")
    err.close()
    maxrss = peaks["VmHWM"] if sample else ru.ru_maxrss * 1024
    if rssfile:
        try:
            with open(rssfile) as f:
                maxrss = int(f.read().split()[-1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        os.remove(rssfile)
    return {
        "rc": p.returncode,
        "wall": wall,
        "cpu": ru.ru_utime + ru.ru_stime,
        "maxrss": maxrss,
        "rss_peak": peaks["VmRSS"],
        "anon_peak": peaks["RssAnon"],
        "out": out.decode("utf-8", "replace"),
        "err": errtext,
    }


def machine():
    model = "?"
    mem = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
                    break
    except OSError:
        pass
    return f"nproc {os.cpu_count()}, {model}, {mem} RAM, {platform.system()} {platform.release()}"


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def git_rev():
    try:
        rev = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return rev + ("+uncommitted changes" if dirty else "")
    except OSError:
        return "?"


# ---------------------------------------------------------------------------------------------
# Binaries and corpora


def build_binaries(args):
    """Returns (scout, baseline) paths, building them unless --no-build."""
    scout = args.scout or os.path.join(REPO, "target/release/scout")
    baseline = args.baseline
    if not args.no_build:
        log("cargo build --release --bins --bench baseline")
        p = subprocess.run(
            ["cargo", "build", "--release", "--bins", "--bench", "baseline", "--message-format=json"],
            cwd=REPO, capture_output=True, text=True)
        for line in p.stdout.splitlines():
            try:
                m = json.loads(line)
            except ValueError:
                continue
            if m.get("reason") == "compiler-message" and m["message"].get("level") == "error":
                print(m["message"].get("rendered", ""), file=sys.stderr)
            if (m.get("reason") == "compiler-artifact" and m["target"]["name"] == "baseline"
                    and m.get("executable")):
                baseline = baseline or m["executable"]
        if p.returncode != 0:
            sys.exit(f"compare.py: cargo build failed (exit {p.returncode}):\n{p.stderr[-3000:]}")
    if baseline is None:
        deps = os.path.join(REPO, "target/release/deps")
        cands = [os.path.join(deps, n) for n in os.listdir(deps) if n.startswith("baseline-")
                 and "." not in n] if os.path.isdir(deps) else []
        cands = [c for c in cands if os.access(c, os.X_OK)]
        if cands:
            baseline = max(cands, key=os.path.getmtime)
    # Private copies: a concurrent cargo build must not replace what we measure.
    bindir = os.path.join(args.work, "bin")
    os.makedirs(bindir, exist_ok=True)
    out = []
    for name, path, needed in (("scout", scout, {"scout", "scout-noent"}),
                               ("baseline", baseline, {"tantivy", "floor"})):
        if not needed & set(args.engines):
            out.append(None)
            continue
        if not path or not os.path.isfile(path):
            sys.exit(f"compare.py: no {name} binary ({path}); build it or drop --no-build")
        dst = os.path.join(bindir, name)
        shutil.copy2(path, dst + ".tmp")
        os.replace(dst + ".tmp", dst)
        out.append(dst)
    return out


def count_lines(path):
    n = 0
    with gzip.open(path, "rb") as f:
        while True:
            block = f.read(1 << 20)
            if not block:
                return n
            n += block.count(b"\n")


def load_1x(path):
    """Returns (lines as (prefix, id, suffix) or raw str, text bytes, number of lines)."""
    items, text, n = [], 0, 0
    sentinel = "\u0000SCOUT-ID\u0000"
    quoted = json.dumps(sentinel, ensure_ascii=False)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            n += 1
            try:
                o = json.loads(line)
            except ValueError:
                items.append(line)
                continue
            if not isinstance(o, dict):
                items.append(line)
                continue
            text += len((o.get("title") or "").encode("utf-8")) + len((o.get("body") or "").encode("utf-8"))
            if not isinstance(o.get("id"), str):
                items.append(line)
                continue
            ident = o["id"]
            o["id"] = sentinel
            pre, post = json.dumps(o, ensure_ascii=False).split(quoted, 1)
            items.append((pre, ident, post))
    return items, text, n


def replica(items, lines_1x, n, work):
    """The Nx replica in work, generated once (gzip level 1) and reused when the line count fits."""
    path = os.path.join(work, f"corpus-{n}x.jsonl.gz")
    meta = path + ".meta.json"
    want = lines_1x * n
    if os.path.exists(path):
        size = os.path.getsize(path)
        try:
            with open(meta) as f:
                m = json.load(f)
            if m["lines"] == want and m["bytes"] == size:
                log(f"reusing {path} ({want} lines)")
                return path
        except (OSError, ValueError, KeyError):
            pass
        log(f"counting lines of {path}")
        if count_lines(path) == want:
            with open(meta, "w") as f:
                json.dump({"lines": want, "bytes": size}, f)
            return path
    log(f"generating {path} ({want} lines)")
    tmp = path + ".tmp"
    with gzip.open(tmp, "wb", compresslevel=1) as g:
        for r in range(n):
            suffix = f"-r{r}"
            parts = []
            for it in items:
                if isinstance(it, str):
                    parts.append(it)
                else:
                    pre, ident, post = it
                    parts.append(pre + json.dumps(ident + suffix, ensure_ascii=False) + post)
            g.write(("\n".join(parts) + "\n").encode("utf-8"))
    os.replace(tmp, path)
    with open(meta, "w") as f:
        json.dump({"lines": want, "bytes": os.path.getsize(path)}, f)
    return path


# ---------------------------------------------------------------------------------------------
# Engines


def build_cmd(engine, bins, index, corpus):
    """The command that builds engine's index, and the environment variables it adds."""
    scout, baseline = bins
    if engine == "scout":
        return [scout, "--index", index, "index", corpus]
    if engine == "scout-noent":
        return [scout, "--index", index, "index", "--no-entities", corpus]
    if engine == "tantivy":
        return [baseline, "index", index, corpus]
    if engine == "floor":
        return [baseline, "index", index, corpus]
    if engine == "fts5":
        return [sys.executable, "-S", os.path.abspath(__file__), "--_fts5-build", index, corpus]
    raise ValueError(engine)


def search_cmd(engine, bins, index, query):
    scout, baseline = bins
    if engine in ("scout", "scout-noent"):
        return [scout, "--index", index, "search", "--color", "never", query]
    if engine in ("tantivy", "floor"):
        return [baseline, "search", index, query]
    if engine == "fts5":
        return [sys.executable, "-S", "-c", FTS5_SEARCH, index, fts5_query(query)]
    raise ValueError(engine)


def build_env(engine, args):
    """Environment variables added to engine's build: the floor's analyzer, store and facets."""
    if engine == "floor":
        return {"BASELINE_AS_SCOUT": "1", "BASELINE_FACETS": entity_table_path(args)}
    return None


def entity_table_path(args):
    return os.path.join(args.work, "entities-1x.tsv")


def write_entity_table(bins, args):
    """scout's entities of every 1x article (`baseline entities`), for the floor engine's facets;
    replicas' ids (ID-rN) take the facets of ID. Not timed."""
    log("floor: scout's entities of the 1x corpus (untimed)")
    p = subprocess.run([bins[1], "entities", entity_table_path(args), args.corpus],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"compare.py: baseline entities failed (exit {p.returncode}): {p.stderr[-2000:]}")


def count_hits(engine, out):
    if engine in ("scout", "scout-noent"):
        return sum(1 for l in out.splitlines() if re.match(r"\s*\d+\.\s", l))
    return sum(1 for l in out.splitlines() if l.strip())


def ok_build_rc(engine, rc):
    return rc == 0 or (engine.startswith("scout") and rc == 1)


def index_path(args, engine, size):
    return os.path.join(args.work, f"index-{engine}-{size}x" + (".db" if engine == "fts5" else ""))


def build_once(engine, bins, corpus, size, args, run):
    """One timed build from scratch; the index it leaves is the one searched."""
    index = index_path(args, engine, size)
    remove(index)
    log(f"{size}x {engine}: build (run {run + 1} of {args.build_runs})")
    b = run_measured(build_cmd(engine, bins, index, corpus), sample=True, env=build_env(engine, args))
    summary = b["err"].strip().splitlines()[-1:] or [""]
    log(f"{size}x {engine}: exit {b['rc']}, {b['wall']:.1f} s wall, {b['cpu']:.1f} s CPU; {summary[0]}")
    return b


def combine_builds(builds):
    """The builds of one engine as one: median wall and CPU, the highest memory peaks, the
    worst exit code, and the range of the wall and CPU times."""
    b = dict(builds[-1])
    b["wall"] = statistics.median(x["wall"] for x in builds)
    b["cpu"] = statistics.median(x["cpu"] for x in builds)
    for key in ("maxrss", "rss_peak", "anon_peak"):
        b[key] = max(x[key] for x in builds)
    b["rc"] = max((x["rc"] for x in builds), key=abs)
    b["runs"] = len(builds)
    b["wall_range"] = (min(x["wall"] for x in builds), max(x["wall"] for x in builds))
    b["cpu_range"] = (min(x["cpu"] for x in builds), max(x["cpu"] for x in builds))
    return b


def bench_engine(engine, bins, size, text_bytes, args, notes, builds):
    index = index_path(args, engine, size)
    b = combine_builds(builds)
    row = {"engine": engine, "size": size, "build": b, "ok": ok_build_rc(engine, b["rc"])}
    if b["rc"] != 0:
        notes.append(f"{size}x {engine}: build exited {b['rc']}: {b['err'].strip()[-500:]}")
    if not row["ok"]:
        remove(index)
        return row
    row["index_bytes"] = du(index)
    row["mbps"] = text_bytes / 1e6 / b["wall"]
    row["mbps_cpu"] = text_bytes / 1e6 / b["cpu"] if b["cpu"] else 0.0

    # One-shot search: an untimed warm-up pass (records hits and exit codes), then --runs passes.
    hits, odd = {}, []
    for q in QUERIES:
        r = run_measured(search_cmd(engine, bins, index, q), stdout=subprocess.PIPE)
        hits[q] = count_hits(engine, r["out"])
        expected = 0 if hits[q] else 1
        if r["rc"] != expected:
            odd.append(f"{q!r}: exit {r['rc']} with {hits[q]} hits {r['err'].strip()[:200]!r}")
    walls, cpus = [], []
    for _ in range(args.runs):
        for q in QUERIES:
            r = run_measured(search_cmd(engine, bins, index, q), stdout=subprocess.PIPE)
            walls.append(r["wall"] * 1000)
            cpus.append(r["cpu"] * 1000)
    row["search_median"] = statistics.median(walls)
    row["search_p90"] = percentile(walls, 90)
    row["search_cpu_median"] = statistics.median(cpus)
    row["hits"] = hits
    if odd:
        notes.append(f"{size}x {engine}: unexpected search exit codes: " + "; ".join(odd))
    log(f"{size}x {engine}: one-shot median {row['search_median']:.1f} ms, p90 {row['search_p90']:.1f} ms")
    if not args.keep:
        remove(index)
    return row


def python_startup(runs):
    """Median ms of `python3 -S -c pass` (what the FTS5 search processes pay before any work),
    of `python3 -S -c 'import sqlite3'`, and of plain `python3 -c pass` (with site-packages)."""
    res = ([], [], [])
    for _ in range(max(runs, 5) * 4):
        res[0].append(run_measured([sys.executable, "-S", "-c", "pass"])["wall"] * 1000)
        res[1].append(run_measured([sys.executable, "-S", "-c", "import sqlite3"])["wall"] * 1000)
        res[2].append(run_measured([sys.executable, "-c", "pass"])["wall"] * 1000)
    return tuple(statistics.median(r) for r in res)


# ---------------------------------------------------------------------------------------------
# Report


def fmt_mib(b):
    return f"{b / MiB:.0f}"


def report(rows, corpora, args, startup, started, load_start, notes):
    out = []
    cmd = "python3 " + " ".join(shlex.quote(a) for a in [os.path.relpath(sys.argv[0], REPO)] + sys.argv[1:])
    out.append(f"### scout vs tantivy vs FTS5 — {started:%Y-%m-%d %H:%M} UTC")
    out.append("")
    out.append(f"Machine: {machine()}; load average {load_start} at start, {loadavg()} at end. "
               f"scout {git_rev()}; SQLite {sqlite3.sqlite_version}; Python {platform.python_version()}.")
    out.append(f"Command: `{cmd}`")
    out.append("")
    for size, (path, text, lines) in corpora.items():
        out.append(f"- {size}x: `{path}`: {lines:,} articles, {text / 1e6:.1f} MB of title+body text")
    out.append("")
    out.append("| corpus | engine | build wall s | CPU s | MB/s (per CPU s) | peak RSS MiB | peak RssAnon MiB "
               "| index MiB | index / text | one-shot median ms (p90) | one-shot CPU ms |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        b = r["build"]
        if not r["ok"]:
            out.append(f"| {r['size']}x | {r['engine']} | FAILED (exit {b['rc']}) | {b['cpu']:.1f} "
                       "| - | - | - | - | - | - | - |")
            continue
        text = corpora[r["size"]][1]
        oneshot = f"{r['search_median']:.1f} ({r['search_p90']:.1f})"
        if r["engine"] == "fts5":
            oneshot += f", {startup[0]:.1f} of it Python start-up"
        out.append(
            f"| {r['size']}x | {r['engine']} | {b['wall']:.1f} | {b['cpu']:.1f} | {r['mbps']:.1f} ({r['mbps_cpu']:.1f}) "
            f"| {fmt_mib(b['maxrss'])} | {fmt_mib(b['anon_peak'])} | {fmt_mib(r['index_bytes'])} "
            f"| {r['index_bytes'] / text:.2f} | {oneshot} | {r['search_cpu_median']:.1f} |")
    out.append("")
    if "fts5" in args.engines:
        out.append(f"Python start-up (median of `python3 -S -c pass`; FTS5's processes run with -S): "
                   f"{startup[0]:.1f} ms; with `import sqlite3`: {startup[1]:.1f} ms; "
                   f"plain `python3 -c pass` with site-packages: {startup[2]:.1f} ms.")
    runs = max(r["build"].get("runs", 1) for r in rows) if rows else 1
    if runs > 1:
        ranges = "; ".join(
            f"{r['size']}x {r['engine']} wall {r['build']['wall_range'][0]:.1f}-{r['build']['wall_range'][1]:.1f} s, "
            f"CPU {r['build']['cpu_range'][0]:.1f}-{r['build']['cpu_range'][1]:.1f} s"
            for r in rows if "wall_range" in r["build"])
        out.append(f"Build figures are medians of {runs} builds per engine, interleaved across engines "
                   f"(memory: the highest peak). Ranges: {ranges}.")
    out.append("MB = 10^6 bytes of title+body; "
               "peak RSS = the child's maxrss from `/usr/bin/time -f %M` (counts index files mapped in during merges); "
               "RssAnon = its own memory, sampled every 50 ms. One-shot = one process per query, "
               f"{len(QUERIES)} queries x {args.runs} runs after a warm-up pass.")
    out.append("")

    by = {(r["size"], r["engine"]): r for r in rows if r["ok"]}
    out.append("**Ratios and checks**")
    out.append("")

    def check(ok):
        return "PASS" if ok else "FAIL"

    for size in corpora:
        s, t, f, n, fl = (by.get((size, e)) for e in ("scout", "tantivy", "fts5", "scout-noent", "floor"))
        items = []
        if s and t:
            tp, tpc = s["mbps"] / t["mbps"], s["mbps_cpu"] / t["mbps_cpu"]
            items.append(f"scout/tantivy build throughput {tp:.2f} (per CPU s {tpc:.2f}): "
                         f"{check(tp >= 0.8)} (>= 0.80)")
            items.append(f"scout/tantivy one-shot median {s['search_median'] / t['search_median']:.2f}")
        if fl and t:
            items.append(f"floor/tantivy build throughput {fl['mbps'] / t['mbps']:.2f} "
                         f"(per CPU s {fl['mbps_cpu'] / t['mbps_cpu']:.2f}): the most scout could reach "
                         "with no cost at all for recognition, signatures and bookkeeping")
        if s and fl:
            items.append(f"scout/floor build throughput {s['mbps'] / fl['mbps']:.2f} "
                         f"(per CPU s {s['mbps_cpu'] / fl['mbps_cpu']:.2f})")
        if fl and f:
            items.append(f"FTS5/floor build time {f['build']['wall'] / fl['build']['wall']:.2f} "
                         f"(CPU {f['build']['cpu'] / fl['build']['cpu']:.2f})")
        if s and f:
            sp = f["build"]["wall"] / s["build"]["wall"]
            spc = f["build"]["cpu"] / s["build"]["cpu"]
            items.append(f"FTS5/scout build time {sp:.2f} (CPU {spc:.2f}): {check(sp >= 2)} (scout >= 2x faster)")
            items.append(f"fts5/scout one-shot median {f['search_median'] / s['search_median']:.2f}")
        if s and n:
            extra = s["build"]["cpu"] - n["build"]["cpu"]
            items.append(f"entity extraction: {extra:+.1f} CPU s ({extra / s['build']['cpu'] * 100:+.0f}% of scout's "
                         f"build CPU), wall {s['build']['wall'] - n['build']['wall']:+.1f} s")
        if s:
            ratio = s["index_bytes"] / corpora[size][1]
            items.append(f"scout index / text {ratio:.2f}: {check(ratio <= 1.0)} (<= 1.0)")
        if s and size == 100:
            gib = 1024 * MiB
            items.append(f"scout peak memory at 100x: RssAnon {fmt_mib(s['build']['anon_peak'])} MiB "
                         f"{check(s['build']['anon_peak'] < gib)}, maxrss {fmt_mib(s['build']['maxrss'])} MiB "
                         f"{check(s['build']['maxrss'] < gib)} (< 1 GiB)")
        if items:
            out.append(f"- {size}x: " + "; ".join(items))
    if 100 not in corpora:
        out.append("- peak memory at 100x: not measured (run with `--sizes 1,10,100`)")
    out.append("")
    # Hit counts side by side (top 10), so differences in matching are visible.
    engines = [e for e in args.engines if any(r["ok"] and r["engine"] == e for r in rows)]
    if len(engines) > 1:
        largest = max(corpora)
        counts = {q: [by[(largest, e)]["hits"].get(q) if (largest, e) in by else None for e in engines]
                  for q in QUERIES}
        differ = [q for q, c in counts.items() if len(set(c)) > 1]
        if differ:
            out.append(f"Hits (top 10) that differ at {largest}x ({'/'.join(engines)}): " + "; ".join(
                f"{q} = " + "/".join("-" if c is None else str(c) for c in counts[q]) for q in differ))
        else:
            out.append(f"Every engine returned the same number of hits (top 10) for every query at {largest}x "
                       f"({sum(1 for c in counts.values() if not c[0])} query with none).")
        out.append("")
    if notes:
        out.append("Notes:")
        out.extend(f"- {n}" for n in notes)
        out.append("")
    return "\n".join(out)


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--_fts5-build":
        fts5_build(sys.argv[2], sys.argv[3:])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,10", help="replication factors, e.g. 1,10,100 (default 1,10)")
    ap.add_argument("--engines", default=",".join(ENGINES), help="comma list of " + ",".join(ENGINES))
    ap.add_argument("--runs", type=int, default=5, help="timed runs of each query (default 5)")
    ap.add_argument("--build-runs", type=int, default=1,
                    help="timed builds of each engine, interleaved; the table shows medians (default 1)")
    ap.add_argument("--work", default="/tmp/scout-bench", help="work directory (default /tmp/scout-bench)")
    ap.add_argument("--keep", action="store_true", help="keep the indexes in the work directory")
    ap.add_argument("--scout", help="scout binary (default target/release/scout)")
    ap.add_argument("--baseline", help="baseline binary (default: from cargo, else newest target/release/deps/baseline-*)")
    ap.add_argument("--no-build", action="store_true", help="do not run cargo build")
    ap.add_argument("--corpus", default=CORPUS_1X, help="the 1x corpus (.jsonl.gz)")
    args = ap.parse_args()
    args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    bad = [e for e in args.engines if e not in ENGINES]
    if bad:
        ap.error(f"unknown engine(s) {bad}; choose from {ENGINES}")
    if args.build_runs < 1:
        ap.error("--build-runs needs a positive integer")
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not sizes or min(sizes) < 1:
        ap.error("--sizes needs positive integers")
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)

    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = loadavg()
    bins = build_binaries(args)

    log(f"reading {args.corpus}")
    items, text_1x, lines_1x = load_1x(args.corpus)
    corpora = {}
    for n in sizes:
        path = args.corpus if n == 1 else replica(items, lines_1x, n, args.work)
        corpora[n] = (path, text_1x * n, lines_1x * n)
    del items

    if "floor" in args.engines:
        write_entity_table(bins, args)
    startup = python_startup(args.runs) if "fts5" in args.engines else (0.0, 0.0, 0.0)
    rows, notes = [], []
    for n in sizes:
        # Builds interleaved across engines, so a slow spell of the machine hits all alike.
        builds = {engine: [] for engine in args.engines}
        for run in range(args.build_runs):
            for engine in args.engines:
                builds[engine].append(build_once(engine, bins, corpora[n][0], n, args, run))
        for engine in args.engines:
            rows.append(bench_engine(engine, bins, n, corpora[n][1], args, notes, builds[engine]))
    print(report(rows, corpora, args, startup, started, load_start, notes))


if __name__ == "__main__":
    main()
