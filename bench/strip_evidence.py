#!/usr/bin/env python3
"""Copy an archive with every evidence file replaced by one byte, for a diagnostic run of
`tenderscore rescore` that does (almost) no hashing: what it costs on the copy is the cost of
everything but reading and hashing evidence (YAML, TOML, CSV, scoring, output, file-system
calls). Evidence that lists a `sha256` becomes invalid on the copy; that does not change the
amount of work.

    python3 bench/strip_evidence.py SRC DST
"""

import os
import shutil
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    src, dst = sys.argv[1], sys.argv[2]
    for root, _dirs, files in os.walk(src):
        out = os.path.join(dst, os.path.relpath(root, src))
        os.makedirs(out, exist_ok=True)
        for f in files:
            if os.path.basename(root) == "evidence":
                with open(os.path.join(out, f), "w") as fh:
                    fh.write("x")
            else:
                shutil.copyfile(os.path.join(root, f), os.path.join(out, f))


if __name__ == "__main__":
    main()
