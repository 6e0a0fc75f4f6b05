"""Check xAPI statements against Ralph's strict models (run with the tools venv's python).

Reads one JSON statement a line on stdin, prints one line per invalid statement
(its line number, its id and every reason) and exits 1 if any is invalid.
"""

import json
import sys

from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement


def problems(line: str) -> str | None:
    """Why the statement on this line is not a valid xAPI statement, or None if it is."""
    try:
        statement = json.loads(line)
    except json.JSONDecodeError as error:
        return f"not JSON: {error}"
    if not isinstance(statement, dict):
        return "not a JSON object"
    try:
        BaseXapiStatement.model_validate(statement)
    except ValidationError as error:
        reasons = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or '(statement)'}: {e['msg']}" for e in error.errors()
        )
        return f"id {statement.get('id', '(none)')}: {reasons}"
    return None


def main() -> int:
    invalid = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        reason = problems(line)
        if reason:
            invalid += 1
            print(f"line {number}: {reason}")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
