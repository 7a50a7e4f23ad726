"""The reader over a real OpenSSH connection to 127.0.0.1, driven through tmux.

A private sshd (its own host key, one authorized client key, no password)
runs in the foreground for the module on a free high port; the client runs
``ssh -t`` inside a tmux pane, as a person reading on a remote machine would.
"""

from __future__ import annotations

import getpass
import os
import shlex
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import fingerprint, require_tools
from .harness import READY, REPO, SEED_TITLE_KEYS, SEEDS, djreader_program, find_tool, open_documents

pytestmark = [pytest.mark.terminal, pytest.mark.ssh]

KEYS = list(SEED_TITLE_KEYS.values())


@dataclass
class SshServer:
    port: int
    client_key: Path
    log: Path

    def command(self, remote: str) -> str:
        """The client's shell line: a tty, our key only, no host-key prompts or files."""
        opts = [
            "-F", "/dev/null",
            "-t",
            "-p", str(self.port),
            "-i", str(self.client_key),
            "-o", "IdentitiesOnly=yes",
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR",
            "-o", "ConnectTimeout=20",
        ]  # fmt: skip
        ssh = find_tool("ssh") or "ssh"
        target = f"{getpass.getuser()}@127.0.0.1"
        return " ".join(shlex.quote(x) for x in [ssh, *opts, target, remote])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_banner(port: int, proc: subprocess.Popen, log: Path, timeout: float = 30.0) -> None:
    """Poll until sshd answers with its SSH-2.0 banner (or has died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"sshd exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                if s.recv(64).startswith(b"SSH-"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"sshd did not answer on port {port}:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    require_tools("tmux", "ssh", "ssh-keygen", "sshd")
    work = tmp_path_factory.mktemp("sshd")
    keygen = find_tool("ssh-keygen")
    host_key = work / "host_ed25519"
    client_key = work / "client_ed25519"
    for key in (host_key, client_key):
        subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-C", "djreader-test", "-f", str(key)], check=True, stdin=subprocess.DEVNULL)
    authorized = work / "authorized_keys"
    authorized.write_text(client_key.with_suffix(".pub").read_text())
    authorized.chmod(0o600)

    # Privilege separation wants an empty root-owned directory when sshd runs as root.
    privsep = Path("/run/sshd")
    if os.geteuid() == 0 and not privsep.exists():
        privsep.mkdir(mode=0o755, parents=True)

    port = free_port()
    config = work / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {host_key}",
                f"AuthorizedKeysFile {authorized}",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "PidFile none",
                "PrintMotd no",
                "PrintLastLog no",
                "X11Forwarding no",
                "AllowTcpForwarding no",
                "LogLevel VERBOSE",
                "",
            ]
        )
    )
    sshd_bin = find_tool("sshd")
    check = subprocess.run([sshd_bin, "-t", "-f", str(config)], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert check.returncode == 0, f"sshd -t rejected the config:\n{check.stderr}"
    log = work / "sshd.log"
    with open(log, "wb") as log_fh:
        proc = subprocess.Popen([sshd_bin, "-D", "-e", "-f", str(config)], stdin=subprocess.DEVNULL, stdout=log_fh, stderr=subprocess.STDOUT)
    try:
        wait_for_banner(port, proc, log)
        yield SshServer(port=port, client_key=client_key, log=log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def remote_reader(reader_home: Path, *args: str) -> str:
    """The remote command line: the repo, a private state dir, UTF-8, a common TERM."""
    env = [
        f"DJREADER_HOME={reader_home}",
        "LANG=C.UTF-8",
        "TERM=xterm-256color",
        "ESCDELAY=30",
        "TEXTUAL_ANIMATIONS=none",
    ]
    line = " ".join(shlex.quote(x) for x in ["env", *env, str(djreader_program()), *args])
    return f"cd {shlex.quote(str(REPO))} && {line}"


def start_over_ssh(terminal, sshd: SshServer, reader_home: Path, width: int = 80, height: int = 24):
    term = terminal(width, height)
    term.start(sshd.command(remote_reader(reader_home, "seeds/")) + "; echo EXIT=$?")
    try:
        term.wait_for(*KEYS, timeout=45)
    except AssertionError as err:
        raise AssertionError(f"{err}\n--- sshd log ---\n{sshd.log.read_text(errors='replace')}") from None
    term.wait_until(lambda: len(open_documents(term)) == 1, "one document open in the reading pane")
    term.wait_for(READY)
    term.wait_stable()
    return term


def test_read_over_ssh(terminal, sshd, reader_home):
    before = fingerprint(SEEDS)
    term = start_over_ssh(terminal, sshd, reader_home)

    # Open another document.
    (first,) = open_documents(term)
    term.keys("j", "Enter")
    term.wait_until(lambda: len(open_documents(term)) == 1 and open_documents(term) != {first}, "another document open")
    term.wait_stable()

    # Switch to the reading pane: the focus moves, and the footer offers paging.
    (second,) = open_documents(term)
    term.keys("Tab")
    term.wait_for("Page down")  # the footer of the focused text

    # Page it: the screen changes, the document does not.
    shown = term.screen()
    term.keys("space")
    term.wait_changed(shown)
    assert open_documents(term) <= {second}, f"space changed the document, not the page:\n{term.screen()}"
    term.keys("BTab")
    term.wait_gone("Page down")

    # The search bar takes typed text, Chinese included, across the connection.
    term.keys("/")
    term.wait_gone("q Quit")  # the footer of the focused search bar
    term.type("jiuquan")
    term.wait_for("jiuquan")
    term.type(" 铁人")
    term.wait_for("jiuquan铁人")
    # Esc leaves the search bar; q is then a key again, not text.
    term.keys("Escape")
    term.wait_for("q Quit")

    term.keys("q")
    assert term.wait_exit() == 0, f"ssh ended with a failure:\n{term.screen()}"
    term.wait_until(term.ended, "the ssh client to end", while_running=False)
    assert fingerprint(SEEDS) == before


def test_quit_right_away_over_ssh_in_a_wide_terminal(terminal, sshd, reader_home):
    term = start_over_ssh(terminal, sshd, reader_home, width=120, height=40)
    term.keys("q")
    assert term.wait_exit() == 0
    assert not any(term.has(key) for key in KEYS)
