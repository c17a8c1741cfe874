#!/usr/bin/env python
"""Open notebooks in JupyterLab in a real browser, run every cell, and check what a reader sees.

The notebooks are the package's main interface. `nbdev_test` runs them in-process and the docs check
renders them; this check uses them as a researcher does:

1. copies `nbs/` (and `settings.ini`) to a scratch folder (JupyterLab saves what it runs; the checkout
   stays as it is) and starts JupyterLab there on 127.0.0.1 with a token, the app exposed to the page
   (`expose_app_in_browser`);
2. drives Debian's chromium headless with Playwright (`executable_path`: Playwright's own browser download is
   not reachable everywhere);
3. opens each notebook and runs Run All (slow cells included: a slow cell that needs the `tiny` run uses it
   when it is in the cache, and otherwise says so in one line);
4. fails on any error output, and on a cell still running when the time is up;
5. in `05c_explore`, types a description into the explorer's text box and moves its K slider, and checks
   that the widget's figure changes each time.

A screenshot of each notebook (and of the explorer before and after) goes to `--shots` (default
`_proc/_jupyter/`, which git ignores).

Usage:  python .ci/jupyter.py [--shots DIR] [--timeout S] [NOTEBOOK ...]
Exit 0 when every notebook passes, 1 otherwise. Without chromium, JupyterLab or Playwright it says so
and exits 0.
"""
from __future__ import annotations
import argparse, json, os, secrets, shutil, socket, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ('00_lora.ipynb', '03_semantics.ipynb', '05c_explore.ipynb')

# what a cell shows, read from the notebook model of the page's JupyterLab
CELLS_JS = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  if (!nb || !nb.content || !nb.content.model) return null;
  const cells = nb.content.model.cells, out = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    out.push({i, count: c.executionCount, state: c.executionState || null,
              src: c.sharedModel.getSource().slice(0, 60), outputs: c.outputs.toJSON()});
  }
  const k = nb.sessionContext.session && nb.sessionContext.session.kernel;
  return {kernel: k ? k.status : 'none', cells: out};
}"""


def free_port()->int:
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]


def start_lab(root:Path, port:int, token:str, log:Path)->subprocess.Popen:
    "JupyterLab on 127.0.0.1:`port` serving `root`; waits until it answers."
    cmd = [sys.executable, '-m', 'jupyter', 'lab', '--no-browser', f'--ServerApp.port={port}',
           '--ServerApp.ip=127.0.0.1', f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={root}',
           '--LabApp.expose_app_in_browser=True', '--ServerApp.disable_check_xsrf=True', '--allow-root',
           '--LabApp.news_url=None', f'--LabApp.workspaces_dir={root.parent/"workspaces"}',
           '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate']
    lab = subprocess.Popen(cmd, stdout=open(log, 'w'), stderr=subprocess.STDOUT, cwd=root)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2); return lab
        except OSError: time.sleep(0.5)
    lab.terminate(); raise RuntimeError(f"JupyterLab did not start; its log: {log.read_text()[-2000:]}")


def errors_of(state:dict)->list[str]:
    "Every error output of the notebook, as 'cell i: ename: evalue'."
    out = []
    for c in state['cells']:
        for o in c['outputs']:
            if o.get('output_type') == 'error':
                out.append(f"cell {c['i']} ({c['src']!r}): {o.get('ename')}: {str(o.get('evalue'))[:300]}")
    return out


def run_all(page, url:str, name:str, timeout:float)->dict:
    "Open notebook `name`, wait for its kernel, Run All, and wait until every code cell has run."
    # a workspace of its own, reset: only this notebook open, so Run All runs this one
    page.goto(f"{url}/lab/workspaces/{Path(name).stem}/tree/{name}?reset")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget && "
                           "window.jupyterapp.shell.currentWidget.sessionContext && "
                           "window.jupyterapp.shell.currentWidget.sessionContext.session && "
                           "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel && "
                           "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
                           timeout=120_000)
    news = page.get_by_role('button', name='No')   # JupyterLab's one-time news prompt, out of the screenshots
    if news.count(): news.first.click()
    t0 = time.time()
    # the command's promise settles when Run All has finished (or stopped at an error)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    state = page.evaluate(CELLS_JS)
    while state['kernel'] != 'idle' and time.time() - t0 < timeout: time.sleep(1); state = page.evaluate(CELLS_JS)
    state['seconds'] = round(time.time() - t0, 1)
    state['unfinished'] = [c['i'] for c in state['cells'] if c['count'] is None or c['state'] == 'running']
    return state


def widget_image(ui)->str:
    "The src of the explorer's figure (the image in the widget's output area), or ''."
    imgs = ui.locator('.jp-OutputArea-output img')
    return imgs.last.get_attribute('src') if imgs.count() else ''


def wait_change(ui, before:str, timeout:float=60)->str:
    t0 = time.time()
    while time.time() - t0 < timeout:
        now = widget_image(ui)
        if now and now != before: return now
        time.sleep(0.5)
    return widget_image(ui)


def drive_explorer(page, shots:Path)->list[str]:
    "Type a description and move the K slider of the last explorer on the page; problems, if any."
    ui = page.locator('.widget-vbox').filter(has=page.locator('.widget-text input')).last
    if not ui.count(): return ["no explorer on the page (is the widget displayed?)"]
    probs, box = [], ui.locator('.widget-text input[type="text"]').first
    box.scroll_into_view_if_needed()
    first = widget_image(ui)
    if not first: probs.append("the explorer shows no figure before any change")
    page.screenshot(path=str(shots/'05c_explore-explorer-before.png'), full_page=True)
    box.fill("a photo of a red bicycle"); box.press('Enter')
    typed = wait_change(ui, first)
    if typed == first: probs.append("typing a description and pressing Enter did not change the figure")
    handle = ui.locator('.widget-slider .noUi-handle').first   # K, the first slider
    if not handle.count(): probs.append("no slider handle in the explorer")
    else:
        handle.focus(); handle.press('ArrowRight')
        moved = wait_change(ui, typed)
        if moved == typed: probs.append("moving the K slider did not change the figure")
    page.screenshot(path=str(shots/'05c_explore-explorer-after.png'), full_page=True)
    return probs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('notebooks', nargs='*', default=list(NOTEBOOKS))
    ap.add_argument('--shots', default=str(ROOT/'_proc'/'_jupyter'), help="where the screenshots go")
    ap.add_argument('--timeout', type=float, default=900, help="seconds a notebook's Run All may take")
    a = ap.parse_args()
    chrome = shutil.which('chromium') or shutil.which('chromium-browser') or shutil.which('google-chrome')
    try: import playwright.sync_api, jupyterlab   # noqa: F401
    except ImportError: chrome_ok = False
    else: chrome_ok = True
    if not (chrome and chrome_ok):
        print("jupyter check skipped: needs chromium (apt install chromium) and the dev extras "
              "(pip install -e '.[dev]': jupyterlab, playwright)"); return 0
    from playwright.sync_api import sync_playwright
    shots = Path(a.shots); shutil.rmtree(shots, ignore_errors=True); shots.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix='sg-lora-jupyter-'))
    shutil.copytree(ROOT/'nbs', work/'nbs', ignore=shutil.ignore_patterns('_proc', '.ipynb_checkpoints'))
    shutil.copy(ROOT/'settings.ini', work)   # a notebook's last cell exports: it looks for the project
    port, token = free_port(), secrets.token_hex(16)
    env_note = os.environ.get('SG_LORA_CACHE') or '~/.cache/sg_lora'
    print(f"JupyterLab on 127.0.0.1:{port}, notebooks copied to {work/'nbs'}, cache {env_note}")
    lab = start_lab(work/'nbs', port, token, work/'lab.log')
    failed = 0
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chrome, headless=True, args=['--no-sandbox'])
            url = f"http://127.0.0.1:{port}"
            context = browser.new_context(viewport={'width': 1400, 'height': 1000})
            login = context.new_page(); login.goto(f"{url}/lab?token={token}"); login.close()   # the token's cookie
            for name in a.notebooks:
                page = context.new_page()
                console = []
                page.on('console', lambda m: console.append(m.text) if m.type == 'error' else None)
                try:
                    st = run_all(page, url, name, a.timeout)
                    probs = errors_of(st) or [f"cell {i} did not finish in {a.timeout:.0f} s" for i in st['unfinished']]
                    if name.startswith('05c_explore') and not probs: probs += drive_explorer(page, shots)
                except Exception as e:   # a page that never loads is a failure too
                    st, probs = {'seconds': None, 'cells': []}, [f"{type(e).__name__}: {str(e)[:500]}"]
                page.screenshot(path=str(shots/f"{Path(name).stem}.png"), full_page=True)
                page.evaluate("() => { const nb = window.jupyterapp.shell.currentWidget.content; "   # its end too
                              "nb.activeCellIndex = nb.widgets.length - 1; "
                              "return nb.scrollToItem(nb.widgets.length - 1, 'end'); }")
                time.sleep(1); page.screenshot(path=str(shots/f"{Path(name).stem}-end.png"), full_page=True)
                ran = sum(c['count'] is not None for c in st['cells'])
                print(f"{name}: {ran} of {len(st['cells'])} code cells ran in {st['seconds']} s; "
                      + ("ok" if not probs else "FAILED"))
                for p in probs: print("  -", p)
                if console: print(f"  ({len(console)} console errors; first: {console[0][:200]})")
                failed += bool(probs)
                page.close()
            browser.close()
    finally:
        lab.terminate()
        try: lab.wait(timeout=20)
        except subprocess.TimeoutExpired: lab.kill()
        shutil.rmtree(work, ignore_errors=True)
    print(f"screenshots in {shots}; {len(a.notebooks) - failed} of {len(a.notebooks)} notebooks passed")
    return 1 if failed else 0


if __name__ == '__main__': sys.exit(main())
