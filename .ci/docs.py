#!/usr/bin/env python
"""Render the documentation offline and check every page in headless Chromium.

The GitHub deploy workflow renders the site with quarto. Where quarto cannot be installed (an offline
machine), this script builds the same pages another way and checks them as a reader would see them:

1. nbdev's preprocessing (`_pre_docs`: doc links, sidebar, show_doc cells) into `_proc/`, with its
   quarto installer bypassed;
2. each processed notebook renamed to its `output-file` (smalldocs ignores that key), the sidebar too;
3. `smalldocs check` (broken links and unsupported syntax) and `smalldocs render` into `_proc/_docs/`
   (the project's output-dir);
4. KaTeX vendored (npm `katex`, the version smalldocs asks for) into the site's `site_libs/katex/`, and the
   pages pointed at it instead of the CDN an offline reader cannot reach; the theme's web-font @import dropped;
5. every page opened in headless Chromium with a probe that reports console errors, failed resource
   loads, broken or invisible images, TeX left unrendered, and, on a module's page, the public names
   (`__all__`) without a `show_doc` entry; a screenshot of each page goes to `_proc/_docs/_screenshots/`.

Usage:  python .ci/docs.py [--skip-proc] [--no-screenshots]
Exit 0 when every page passes, 1 otherwise. Without chromium or smalldocs it says so and exits 0.
"""
from __future__ import annotations
import argparse, ast, html, json, os, re, shutil, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROC = ROOT/'_proc'
SITE = PROC/'_docs'   # set from the project's output-dir in main()
SMALLDOCS = shutil.which('smalldocs') or str(Path(sys.executable).parent/'smalldocs')

PROBE = r"""<script>
window.__sg = {errors: [], failed: []};
window.addEventListener('error', e => {
  const t = e.target;
  if (t && t !== window && (t.src || t.href)) window.__sg.failed.push((t.tagName || '') + ' ' + (t.src || t.href));
  else window.__sg.errors.push(String(e.message || e));
}, true);
const _ce = console.error;
console.error = (...a) => { window.__sg.errors.push(a.map(String).join(' ')); _ce.apply(console, a); };
window.addEventListener('load', () => setTimeout(() => {
  const imgs = [...document.querySelectorAll('main img, #quarto-content img, article img, .content img, img')];
  const seen = new Set(), bad = [], hidden = [];
  for (const i of imgs) {
    if (seen.has(i)) continue; seen.add(i);
    if (!i.complete || i.naturalWidth === 0) bad.push(i.getAttribute('src'));
    else { const r = i.getBoundingClientRect(); if (r.width < 20 || r.height < 20) hidden.push(i.getAttribute('src')); }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const raw = [];
  for (let n; (n = walker.nextNode());) {
    const p = n.parentElement; if (!p || p.closest('annotation, code, pre, script, style, .katex')) continue;
    const t = n.textContent; if (/\\\[|\\\(|\$\$|\\frac|\\mathbf|\\sigma|\\mu/.test(t)) raw.push(t.trim().slice(0, 80));
  }
  const heads = [...document.querySelectorAll('h1, h2, h3, h4, h5')].map(h => h.textContent.trim());
  const out = {errors: window.__sg.errors, failed: window.__sg.failed, images: seen.size, broken: bad, hidden: hidden,
               katex: document.querySelectorAll('.katex').length, raw_tex: raw, headings: heads};
  const pre = document.createElement('pre'); pre.id = 'sg-probe'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}, 1500));
</script>"""


def sh(cmd, **kw): return subprocess.run(cmd, capture_output=True, text=True, **kw)


def preprocess():
    "nbdev's preprocessing into _proc/, without its quarto installer."
    import nbdev.quarto as Q
    Q._ensure_quarto = lambda: None
    os.chdir(ROOT)
    shutil.rmtree(PROC, ignore_errors=True)
    Q._pre_docs(n_workers=1)


def rename_pages()->dict:
    "Rename each processed notebook to its `output-file`; returns {notebook stem: page stem}."
    names = {}
    for f in sorted(PROC.glob('*.ipynb')):
        nb = json.loads(f.read_text())
        m = re.search(r'^output-file:\s*(\S+)\.html\s*$', ''.join(nb['cells'][0]['source']),
                      re.M) if nb['cells'] else None
        if m and m.group(1) != f.stem:
            f.rename(f.with_name(m.group(1) + '.ipynb')); names[f.stem] = m.group(1)
    sb = PROC/'sidebar.yml'
    if sb.exists():
        s = sb.read_text()
        for a, b in names.items(): s = s.replace(f'{a}.ipynb', f'{b}.ipynb')
        sb.write_text(s)
    return names


def vendor_katex(cdn:str):
    "Copy KaTeX's dist into the site and point every page at it."
    ver = re.search(r'katex@([\d.]+)', cdn).group(1)
    dst = SITE/'site_libs'/'katex'
    if not (dst/'katex.min.js').exists():
        with tempfile.TemporaryDirectory() as d:
            r = sh(['npm', 'pack', f'katex@{ver}', '--silent'], cwd=d)
            if r.returncode: raise SystemExit(f"could not fetch katex@{ver} with npm ({r.stderr.strip()[:300]})")
            tgz = next(Path(d).glob('katex-*.tgz'))
            shutil.unpack_archive(str(tgz), d)
            shutil.copytree(Path(d)/'package'/'dist', dst, dirs_exist_ok=True)
    for page in SITE.rglob('*.html'):
        s = page.read_text()
        if cdn in s:
            rel = os.path.relpath(dst, page.parent).replace(os.sep, '/')
            page.write_text(s.replace(cdn, rel))


def offline_css()->int:
    "Drop the web-font @imports of the site's stylesheets (an offline reader gets the fallbacks); returns how many."
    n = 0
    for css in (SITE/'site_libs').rglob('*.css'):
        s = css.read_text(errors='ignore')
        t, k = re.subn(r'@import url\(https?://[^)]*\);?', '', s)
        if k: css.write_text(t); n += k
    return n


def module_names()->dict:
    "{page stem: public names} for every module page, from `default_exp` and the module's `__all__`."
    out = {}
    for f in sorted((ROOT/'nbs').glob('*.ipynb')):
        nb = json.loads(f.read_text())
        src = ''.join(nb['cells'][0]['source']) if nb['cells'] else ''
        m = re.search(r'#\|\s*default_exp\s+(\S+)', src)
        if not m: continue
        py = ROOT/'sg_lora'/(m.group(1).replace('.', '/') + '.py')
        tree = ast.parse(py.read_text())
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == '__all__' for t in node.targets):
                out[m.group(1)] = [n for n in map(ast.literal_eval, node.value.elts)
                                   if not re.fullmatch(r'[A-Z0-9_]+', n)]   # constants have no show_doc
    return out


def probe(chrome:str, page:Path)->dict:
    "Open `page` (a copy with the probe injected) in headless Chromium; the probe's report."
    s = page.read_text()
    tmp = page.with_name(f'.probe-{page.name}')
    tmp.write_text(s.replace('<head>', '<head>' + PROBE, 1) if '<head>' in s else PROBE + s)
    try:
        r = sh([chrome, '--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files',
                '--virtual-time-budget=15000',
                '--run-all-compositor-stages-before-draw', '--window-size=1280,2000', '--dump-dom', tmp.as_uri()],
                timeout=120)
    finally: tmp.unlink(missing_ok=True)
    m = re.search(r'<pre id="sg-probe">(.*?)</pre>', r.stdout, re.S)
    if not m:
        return dict(errors=[f"the probe did not report (chromium exit {r.returncode}: {r.stderr.strip()[-300:]})"],
                    failed=[], broken=[],
                          hidden=[], raw_tex=[], katex=0, images=0, headings=[])
    return json.loads(html.unescape(m.group(1)))


def screenshot(chrome:str, page:Path, out:Path):
    out.parent.mkdir(parents=True, exist_ok=True)
    sh([chrome, '--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files', '--hide-scrollbars',
        '--virtual-time-budget=8000', '--window-size=1280,1800', f'--screenshot={out}', page.as_uri()], timeout=120)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--skip-proc', action='store_true', help="reuse _proc/ from a previous run")
    ap.add_argument('--no-screenshots', action='store_true')
    a = ap.parse_args()
    chrome = shutil.which('chromium') or shutil.which('chromium-browser') or shutil.which('google-chrome')
    try: import smalldocs.layout as L
    except ImportError: L = None
    missing = [n for n, ok in (('chromium', chrome), ('smalldocs', L), ('npm', shutil.which('npm'))) if not ok]
    if missing:
        print(f"docs check skipped: {', '.join(missing)} not installed (apt install chromium npm; pip install "
              "smalldocs)")
        return 0
    if not a.skip_proc: preprocess()
    renamed = rename_pages()
    print(f"preprocessed {len(list(PROC.glob('*.ipynb')))} notebooks; "
          f"renamed {len(renamed)} to their output-file names")
    problems = []
    chk = sh([SMALLDOCS, 'check', str(PROC)])
    issues = [l for l in (chk.stdout + chk.stderr).splitlines() if 'broken link' in l.lower()]
    problems += [f"smalldocs check: {l.strip()}" for l in issues]
    global SITE
    m = re.search(r'output-dir:\s*(\S+)',
                  ''.join(f.read_text() for f in (PROC/'_quarto.yml', PROC/'nbdev.yml') if f.exists()))
    SITE = PROC/(m.group(1) if m else '_site')
    shutil.rmtree(SITE, ignore_errors=True)
    rr = sh([SMALLDOCS, 'render', '--quiet', str(PROC)])
    if rr.returncode: print(rr.stdout[-2000:], rr.stderr[-2000:]); raise SystemExit("smalldocs render failed")
    vendor_katex(L.KATEX)
    print(f"vendored KaTeX into {(SITE/'site_libs'/'katex').relative_to(ROOT)}; dropped {offline_css()} web-font "
          "@import(s)")
    pages = sorted(p for p in SITE.glob('*.html') if not p.name.startswith(('.', '404', 'search')))
    mods = module_names()
    print(f"rendered {len(pages)} pages into {SITE.relative_to(ROOT)}; checking each in {Path(chrome).name}")
    for page in pages:
        rep = probe(chrome, page)
        bad = [f"console: {e}" for e in rep['errors']] + [f"failed to load: {f}" for f in rep['failed']]
        bad += [f"broken image: {b}" for b in rep['broken']] + [f"image too small to see: {h}" for h in rep['hidden']]
        bad += [f"TeX not rendered: {t!r}" for t in rep['raw_tex'][:5]]
        names = mods.get(page.stem, [])
        heads = rep['headings']
        missing = [n for n in names
                   if not any(h == n or h.startswith(n + ' ') or h.startswith(n + '(') or h.endswith('.' + n)
                              for h in heads)]
        bad += [f"no show_doc entry for {n}" for n in missing]
        line = f"{page.name}: {rep['images']} images, {rep['katex']} formulas" + (f", {len(names)} documented names"
            if names else "")
        print(("  ok    " if not bad else "  FAIL  ") + line)
        for b in bad: print(f"          {b}")
        problems += [f"{page.name}: {b}" for b in bad]
        if not a.no_screenshots: screenshot(chrome, page, SITE/'_screenshots'/f'{page.stem}.png')
    if not a.no_screenshots: print(f"screenshots in {(SITE/'_screenshots').relative_to(ROOT)}")
    print(f"docs: {len(pages)} pages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == '__main__': sys.exit(main())
