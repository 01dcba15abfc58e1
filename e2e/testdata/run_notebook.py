"""Executes a Jupyter notebook with nbclient and fails on any cell error.

Usage: python run_notebook.py NOTEBOOK OUTDIR

The kernel runs in OUTDIR; the executed notebook is written there as
notebook.executed.ipynb. Every cell's printed output is echoed to stdout,
prefixed with its cell number, so the caller can check it. The exit status
is 1 when a cell raised, 0 otherwise.
"""

import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(nb_path, out_dir):
    nb = nbformat.read(nb_path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": out_dir}},
    )
    failed = False
    try:
        client.execute()
    except CellExecutionError as err:
        failed = True
        print(f"cell failed:\n{err}", file=sys.stderr)
    finally:
        nbformat.write(nb, os.path.join(out_dir, "notebook.executed.ipynb"))
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                for line in out.get("text", "").splitlines():
                    print(f"[{i}] {line}")
            elif out.get("output_type") == "error":
                failed = True
                print(f"[{i}] error {out.get('ename')}: {out.get('evalue')}")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
