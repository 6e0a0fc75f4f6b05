"""Serve Ralph's LRS on 127.0.0.1 with its file-system backend (run with the tools venv's python).

Usage: launch_ralph.py PORT USERNAME PASSWORD. Ralph reads its settings from the
environment: RALPH_RUNSERVER_BACKEND=fs, RALPH_APP_DIR, RALPH_AUTH_FILE and
RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH (the folder statements are stored in).
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
from ralph.cli import cli

AUTHORITY_MBOX = "mailto:tutor-tests@example.org"


def main() -> None:
    port, username, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    # `ralph auth ... -w` run in this process: the server reads the auth file on its first request.
    cli.main(
        ["auth", "-u", username, "-p", password, "-s", "all", "-M", AUTHORITY_MBOX, "-w"],
        standalone_mode=False,
    )
    # The fs backend creates its one statements file on every write, so the second
    # POST fails with 500 ("already exists") unless writes append to it.
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
