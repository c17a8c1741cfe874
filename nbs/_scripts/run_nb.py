"""Execute a notebook in place and store the outputs of the cells it runs, as the docs show them.

`python nbs/_scripts/run_nb.py nbs/05a_reproduce.ipynb [--slow 12,45] [--all-slow]`

Every cell that `nbdev_test` runs is executed (from the notebook's folder, in order). A cell flagged
`#| slow` or `#| gpu` runs only when its index is named in `--slow` (or with `--all-slow` for slow
cells); the others keep the outputs they have, which a full run (`nbdev_test --flags slow` does not
store outputs) left there. Stops at the first error, writing nothing."""
import argparse, os, re, sys
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory

def flags(src:str)->set: return set(re.findall(r'^#\|\s*(slow|gpu)\b', src, re.M))

def run(path:Path, slow:set, all_slow:bool=False):
    nb, shell = read_nb(path), CaptureShell(path)
    os.environ.setdefault('IN_TEST', '1')
    with working_directory(path.parent):
        for i, c in enumerate(nb.cells):
            if c.cell_type != 'code' or 'nbdev_export(' in c.source or re.search(r'^#\|\s*eval:\s*false', c.source,
                re.M):
                continue
            f = flags(c.source)
            if f and not (i in slow or (all_slow and f == {'slow'})): continue
            shell.cell(c)
            if shell.exc: sys.exit(f"{path.name}: cell {i} failed:\n{shell.prettytb(fname=path)}")
            print(f"{path.name}: cell {i} done", flush=True)
    write_nb(nb, path)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('notebook')
    ap.add_argument('--slow', default='', help="indices of slow cells to run, comma-separated")
    ap.add_argument('--all-slow', action='store_true', help="run every #| slow cell (not #| gpu)")
    a = ap.parse_args()
    run(Path(a.notebook), {int(x) for x in a.slow.split(',') if x}, a.all_slow)
