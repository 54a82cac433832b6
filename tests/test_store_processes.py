"""Real processes: SIGKILL in the middle of writing, and two writers at once."""
import json
import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from thads_tui.store import Annotations

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

# Writes notes n<start>, n<start+1>, ... forever; prints the number after each save has returned.
WRITER = textwrap.dedent("""
    import sys
    from thads_tui.store import Annotations
    path, start, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    ann = Annotations(path)
    print("ready", flush=True)
    sys.stdin.readline()  # wait for "go"
    i = start
    while count < 0 or i < start + count:
        ann.set_note(f"n{i}", f"Ghi chú số {i}: Thứ trưởng yêu cầu rà soát " + "x" * (i % 50),
                     citation={"title": f"Bài {i}", "date": "2024-01-02", "source": "moj", "file": f"{i}.txt"})
        if i % 7 == 0:
            ann.add_passage_note(f"n{i}", "rà soát", f"đoạn {i}", prefix="yêu cầu ", suffix=" x")
        print(i, flush=True)
        i += 1
    ann.close()
""")


def _spawn(path, start, count=-1):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(start), str(count)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _acks(lines):
    return [int(line) for line in lines if line.strip().isdigit()]


def test_sigkill_at_random_moments_loses_no_acknowledged_write(tmp_path):
    path = tmp_path / "annotations.json"
    rng = random.Random(5)
    acked: list[int] = []
    rounds, next_start = 30, 0
    for _ in range(rounds):
        proc = _spawn(path, next_start)
        proc.stdin.write("go\n")
        proc.stdin.flush()
        deadline = time.monotonic() + rng.uniform(0.01, 0.25)
        got = []
        while time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                got.append(proc.stdout.readline())
        proc.send_signal(signal.SIGKILL)
        got += proc.stdout.readlines()  # acks already in the pipe still count
        proc.wait()
        proc.stdout.close()
        proc.stdin.close()
        acks = _acks(got)
        acked += acks
        next_start = (max(acks) if acks else next_start) + 1000  # skip the write that may have landed

        raw = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"notes": {}}
        on_disk = {d["article_id"] for d in raw["notes"].values()}
        missing = {f"n{i}" for i in acked} - on_disk
        assert not missing, f"acknowledged notes lost after SIGKILL: {sorted(missing)[:5]}"
    assert len(acked) > rounds  # the kills really interrupted a stream of writes
    ann = Annotations(path)
    assert ann.problem is None and {f"n{i}" for i in acked} <= ann.annotated_ids()
    assert ann.get_note(f"n{acked[-1]}").startswith(f"Ghi chú số {acked[-1]}")
    print(f"\n{rounds} SIGKILL rounds, {len(acked)} acknowledged writes, all present")


def test_two_processes_adding_notes_at_once_lose_nothing(tmp_path):
    path = tmp_path / "annotations.json"
    per_process = 300
    procs = [_spawn(path, 0, per_process), _spawn(path, 700_000, per_process)]
    started = time.monotonic()
    for proc in procs:  # both start writing at (nearly) the same moment
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = [proc.communicate(timeout=60)[0] for proc in procs]
    elapsed = time.monotonic() - started
    assert [proc.returncode for proc in procs] == [0, 0]
    assert [len(_acks(out.splitlines())) for out in outputs] == [per_process, per_process]

    ann = Annotations(path)
    expected = {f"n{i}" for i in range(per_process)} | {f"n{700_000 + i}" for i in range(per_process)}
    assert ann.annotated_ids() == expected
    passages = sum(len(ann.passage_notes(a)) for a in expected)
    assert passages == 2 * len([i for i in range(per_process) if i % 7 == 0])
    print(f"\n2 x {per_process} notes written concurrently in {elapsed:.2f} s, all {len(expected)} present")
