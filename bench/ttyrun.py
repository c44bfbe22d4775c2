"""ttyrun -- a program in a pseudo-terminal, seen as a user over SSH sees it.

The method is that of ttybench.py (the review's harness, ../shared/tools in
the project's workspace, by the review's author), reduced to what bench/run
needs, so that the project's benchmark does not depend on a file outside it:

  * the program runs in a fresh pty of a fixed size, every byte it writes is
    fed to a pyte screen (Debian's python3-pyte) and counted;
  * "quiet" means no output AND no CPU time used (/proc/PID/schedstat) for a
    window after the later of the last output byte and the last key, so a
    program computing silently is not taken for done;
  * the latency of a step is the time from writing its keys to the last byte
    written before the program went quiet (the quiet window is not counted);
  * write() calls are the program's own count (/proc/PID/io syscw), so they
    are exact and cost nothing, unlike strace;
  * the screen is compared before and after a step (changed_rows).

Not taken from ttybench: its fixes to pyte (wide characters at the last
column, the alternate screen, CSI S/T/b). The figures that use the screen
(changed_rows, the check that a search hit is on screen) compare the screen
with itself under the same emulator, and byte counts never depend on it.
"""

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

import pyte

KEYS = {
    "Enter": "\r",
    "Esc": "\x1b",
    "BS": "\x7f",
    "Tab": "\t",
    "Up": "\x1b[A",
    "Down": "\x1b[B",
    "Right": "\x1b[C",
    "Left": "\x1b[D",
    "PageUp": "\x1b[5~",
    "PageDown": "\x1b[6~",
    "Home": "\x1b[H",
    "End": "\x1b[F",
}
# with application cursor keys (DECCKM, which ncurses sets through smkx), as xterm sends them
APP_KEYS = {"Up": "\x1bOA", "Down": "\x1bOB", "Right": "\x1bOC", "Left": "\x1bOD",
            "Home": "\x1bOH", "End": "\x1bOF"}


# queries a program may wait for the answer to: DA (CSI c, CSI > c), DSR (CSI 6 n), DECRQM
QUERY = re.compile(rb"\x1b\[[?>=]?[0-9;]*(c|n|\$p)")
DECRQM = re.compile(rb"\x1b\[\?([0-9]+)\$p")
PARTIAL_DECRQM = re.compile(rb"\x1b(\[(\?([0-9]*\$?)?)?)?$")
DECCKM = 1 << 5  # private mode 1 as pyte stores private modes (shifted by 5); pyte has no name


class Screen(pyte.Screen):
    """A pyte screen that answers the program's queries (DSR, DA) through the pty."""

    def __init__(self, cols, rows, answer):
        super().__init__(cols, rows)
        self._answer = answer

    def write_process_input(self, data):
        self._answer(data)


def read_proc(pid, name):
    try:
        with open("/proc/%d/%s" % (pid, name)) as f:
            return f.read()
    except OSError:
        return ""


def proc_fields(pid, name):
    """'Key: value' lines of /proc/PID/status or io as a dict of ints (where they are ints)."""
    out = {}
    for line in read_proc(pid, name).splitlines():
        key, _, value = line.partition(":")
        parts = value.split()
        if parts and parts[0].isdigit():
            out[key.strip()] = int(parts[0])
    return out


def is_running(pid):
    """Whether the process is running or runnable (state R): busy, not waiting for input."""
    fields = read_proc(pid, "stat").rpartition(")")[2].split()
    return bool(fields) and fields[0] == "R"


def cpu_ns(pid):
    """CPU time the process has used, in ns (0 once it is gone)."""
    fields = read_proc(pid, "schedstat").split()
    return int(fields[0]) if fields else 0


class Tty:
    """One run of argv in a pty of cols x rows; env is the whole environment."""

    def __init__(self, argv, cols, rows, env, cwd=None, quiet_ms=150, timeout_s=60,
                 margins=False):
        self.argv = argv
        self.cols, self.rows = cols, rows
        self.margins = margins  # answer DECRQM for DECLRMM (69) as xterm does: available
        self.held = b""  # the start of an escape sequence cut by a read
        self.quiet_s = quiet_ms / 1000.0
        self.timeout_s = timeout_s
        self.screen = Screen(cols, rows, self._answer)
        self.stream = pyte.ByteStream(self.screen)
        self.nbytes = 0
        self.unfed = []  # read from the pty, not yet given to the emulator
        self.last_byte_at = None
        self.last_key_at = None
        self.status = None
        self.timeouts = 0  # waits that ended without the program going quiet
        self.t0 = time.monotonic()
        self.pid, self.fd = self._spawn(argv, env, cwd)

    def _spawn(self, argv, env, cwd):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        attrs = termios.tcgetattr(slave)
        attrs[0] |= getattr(termios, "IUTF8", 0o40000)  # as sshd sets it for a UTF-8 client
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                if slave > 2:
                    os.close(slave)
                if cwd:
                    os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        os.close(slave)
        return pid, master

    def _answer(self, data):
        try:
            os.write(self.fd, data.encode())
        except OSError:
            pass

    def _pump(self, timeout):
        """Read what the program wrote within timeout seconds; False when it has exited."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the slave side is closed
            data = b""
        if not data:
            self._reap(block=True)
            return False
        self.last_byte_at = time.monotonic()
        self.nbytes += len(data)
        self.unfed.append(data)
        if QUERY.search(data):  # the program may wait for the answer: no deferring
            self._feed()
        return True

    def _feed(self):
        """Give the emulator what was read. Deferred until the program is quiet, because pyte
        takes about 1 ms per KB: feeding each chunk as it comes would delay reading the next
        one and so inflate the latencies measured."""
        data, self.unfed = b"".join(self.unfed), []
        if data:
            self.stream.feed(self._take_queries(data))

    def _take_queries(self, data):
        """DECRQM queries (ESC [ ? Ps $ p) taken out of what the emulator sees (pyte would print
        their "p"); the one for left/right margins answered when self.margins says so."""
        data, self.held = self.held + data, b""
        for m in DECRQM.finditer(data):
            if self.margins and m.group(1) == b"69":
                self._answer("\x1b[?69;2$y")
        data = DECRQM.sub(b"", data)
        cut = PARTIAL_DECRQM.search(data)
        if cut:
            data, self.held = data[: cut.start()], data[cut.start():]
        return data

    def _reap(self, block):
        if self.status is None:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
            if pid:
                self.status = status

    def alive(self):
        self._reap(block=False)
        return self.status is None

    def wait_quiet(self):
        """Wait until the program has written nothing and used no CPU for the quiet window.
        False on timeout or exit."""
        deadline = time.monotonic() + self.timeout_s
        cpu, cpu_at = cpu_ns(self.pid), time.monotonic()
        while time.monotonic() < deadline:
            last = max(x for x in (self.last_byte_at, self.last_key_at, cpu_at, self.t0) if x)
            seen = self.last_byte_at
            if not self._pump(last + self.quiet_s - time.monotonic()):
                return False
            now = time.monotonic()
            if self.last_byte_at != seen:  # output is activity: the CPU window starts again
                cpu, cpu_at = cpu_ns(self.pid), now
                continue
            if now - max(self.last_byte_at or 0, self.last_key_at or 0) < self.quiet_s:
                continue
            now_cpu = cpu_ns(self.pid)
            if now_cpu == cpu and now - cpu_at >= self.quiet_s:
                self._feed()
                return True
            if now_cpu != cpu:
                cpu, cpu_at = now_cpu, now
        self.timeouts += 1
        return False

    def first_paint(self):
        """ms from spawn to the last byte of the first quiet screen, and its bytes."""
        ok = self.wait_quiet()
        if not ok or self.last_byte_at is None:
            raise RuntimeError("no first screen (%s)" % ("exited" if self.status else "timeout"))
        return {"ms": (self.last_byte_at - self.t0) * 1000.0, "bytes": self.nbytes}

    def text_rows(self):
        """The screen's rows as text; a wide character once (pyte leaves "" in its second cell,
        and its own display trips over an empty cell from a zero-width character)."""
        self._feed()
        rows = []
        for y in range(self.rows):
            line = self.screen.buffer[y]
            rows.append("".join(line[x].data for x in range(self.cols)))
        return rows

    def key_bytes(self, names):
        """Keys by name (PageDown, Enter, ...) or literal text, as the terminal would send."""
        app = DECCKM in self.screen.mode
        out = []
        for name in names:
            if app and name in APP_KEYS:
                out.append(APP_KEYS[name])
            else:
                out.append(KEYS.get(name, name))
        return "".join(out).encode()

    def send(self, data):
        self.last_key_at = time.monotonic()
        os.write(self.fd, data)

    def step(self, *keys):
        """Type keys, wait until quiet; latency, bytes, write() calls and rows changed."""
        before_rows = self.text_rows()
        before_bytes = self.nbytes
        before_writes = proc_fields(self.pid, "io").get("syscw", 0)
        self.send(self.key_bytes(keys))
        sent_at = self.last_key_at
        ok = self.wait_quiet()
        writes = proc_fields(self.pid, "io").get("syscw", 0) - before_writes
        answered = self.last_byte_at is not None and self.last_byte_at >= sent_at
        after_rows = self.text_rows()
        return {
            "latency_ms": (self.last_byte_at - sent_at) * 1000.0 if answered else None,
            "bytes": self.nbytes - before_bytes,
            "writes": writes if ok else None,
            "changed_rows": [i for i, (a, b) in enumerate(zip(before_rows, after_rows)) if a != b],
            "quiet": ok,
        }

    def vmhwm_kb(self):
        return proc_fields(self.pid, "status").get("VmHWM")

    def wakeups(self):
        """Context switches and syscalls so far: what an idle program must not add to."""
        status, io = proc_fields(self.pid, "status"), proc_fields(self.pid, "io")
        return {
            "switches": status.get("voluntary_ctxt_switches", 0)
            + status.get("nonvoluntary_ctxt_switches", 0),
            "syscalls": io.get("syscr", 0) + io.get("syscw", 0),
            "cpu_ns": cpu_ns(self.pid),
        }

    def idle(self, seconds):
        """What the program did while nobody typed for seconds (output is still read)."""
        before = self.wakeups()
        end = time.monotonic() + seconds
        while time.monotonic() < end and self._pump(end - time.monotonic()):
            pass
        after = self.wakeups()
        return {k: after[k] - before[k] for k in before}

    def terminate(self, sig=signal.SIGTERM, grace_s=5.0):
        """Send sig and wait for the exit; ms from the signal to the exit, or None."""
        if not self.alive():
            return None
        t = time.monotonic()
        os.kill(self.pid, sig)
        deadline = t + grace_s
        while self.status is None and time.monotonic() < deadline:
            self._pump(0.005)
            self._reap(block=False)
        took = (time.monotonic() - t) * 1000.0 if self.status is not None else None
        return took

    def close(self):
        if self.alive() and self.terminate(signal.SIGTERM, 2.0) is None:
            os.kill(self.pid, signal.SIGKILL)
            self._reap(block=True)
        try:
            os.close(self.fd)
        except OSError:
            pass
