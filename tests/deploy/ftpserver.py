#!/usr/bin/env python3
"""A throwaway FTP / FTPS server on 127.0.0.1 for tests/deploy/run.

Uses pyftpdlib (FTPHandler, or TLS_FTPHandler with --cert/--key, which then
requires TLS on both the control and the data connection, like a hosting
panel with "FTPS only").  Listens on an ephemeral port and writes the port
number to --port-file once it is ready to accept connections.

Test hooks:
  --corrupt NAME   after a file whose name contains NAME is uploaded, flip
                   its last byte (same size, different content), so the test
                   can prove the deploy script's byte-for-byte verification.
  --events FILE    append one line per STOR/DELE/RMD/MKD the server carried
                   out (for debugging a failing test).
"""
import argparse
import logging
import os
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password-file", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--events")
    ap.add_argument("--corrupt")
    ap.add_argument("--log")
    args = ap.parse_args()

    with open(args.password_file, encoding="utf-8") as f:
        password = f.read().rstrip("\n")

    authorizer = DummyAuthorizer()
    authorizer.add_user(args.user, password, args.root, perm="elradfmwMT")

    if args.cert:
        from pyftpdlib.handlers import TLS_FTPHandler

        base = TLS_FTPHandler
    else:
        base = FTPHandler

    events = args.events
    corrupt = args.corrupt

    def note(line: str) -> None:
        if events:
            with open(events, "a", encoding="utf-8") as f:
                f.write(line + "\n")

    class Handler(base):  # type: ignore[misc, valid-type]
        def on_file_received(self, file):  # noqa: A002
            note("STOR " + file)
            if corrupt and corrupt in os.path.basename(file):
                with open(file, "r+b") as f:
                    f.seek(-1, os.SEEK_END)
                    last = f.read(1)
                    f.seek(-1, os.SEEK_END)
                    f.write(bytes([last[0] ^ 0x01]))

        def ftp_DELE(self, path):
            note("DELE " + path)
            return super().ftp_DELE(path)

        def ftp_RMD(self, path):
            note("RMD " + path)
            return super().ftp_RMD(path)

        def ftp_MKD(self, path):
            note("MKD " + path)
            return super().ftp_MKD(path)

    Handler.authorizer = authorizer
    Handler.use_encoding = "utf8"
    Handler.banner = "prongsai deploy test server"
    Handler.auth_failed_timeout = 0.2
    if args.cert:
        Handler.certfile = args.cert
        Handler.keyfile = args.key
        Handler.tls_control_required = True
        Handler.tls_data_required = True

    logging.basicConfig(
        filename=args.log or os.devnull,
        level=logging.INFO,
        format="%(asctime)s %(message)s",
    )
    server = FTPServer(("127.0.0.1", 0), Handler)
    server.max_cons = 64
    port = server.address[1]
    tmp = args.port_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(f"{port}\n")
    os.replace(tmp, args.port_file)
    try:
        server.serve_forever(handle_exit=True)
    finally:
        server.close_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
