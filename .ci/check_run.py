"""Check what `sg-lora reproduce` wrote: results.json with both tables and the six methods in every setting (then the
seventh row, when the run has an extension), a generator bundle per source,
and (with --log) that a piped log stays small and holds no carriage-return frames.
Usage: python .ci/check_run.py OUT_DIR [OUT_DIR ...] [--log FILE] [--max-log BYTES]"""
import argparse, json, sys
from pathlib import Path
METHODS = ["Zero-Shot CLIP", "Oracle", "Model Soups", "AdapterSoup", "Top-K LoRA Weighted", "SG-LoRA"]
ap = argparse.ArgumentParser(); ap.add_argument('outs', nargs='+'); ap.add_argument('--log')
ap.add_argument('--max-log', type=int, default=20_000)
a = ap.parse_args()
bad = []
for out in map(Path, a.outs):
    f = out/'results.json'
    if not f.exists(): bad.append(f"{f} is missing"); continue
    r = json.loads(f.read_text())
    if sorted(r.get('tables', {})) != ['table1', 'table2']:
        bad.append(f"{f}: tables {sorted(r.get('tables', {}))}, want table1 and table2")
    for t, settings in r.get('tables', {}).items():
        if not settings: bad.append(f"{f}: {t} has no settings")
        for s, e in settings.items():
            want = METHODS + (["SG-LoRA (extended)"] if r.get('extension') else [])
            if list(e) != want: bad.append(f"{f}: {t} {s} has methods {list(e)}, want {want}")
    for s in r.get('tables', {}).get('table1', {}):
        if not (out/'bundles'/s/'bundle.json').exists():
            bad.append(f"{out}/bundles/{s} (the generator bundle of {s}) is missing")
    print(f"{f}: " + "; ".join(f"{s}: SG-LoRA I2T/T2I R@1 {e['SG-LoRA']['i2t'][0]:.1f}/{e['SG-LoRA']['t2i'][0]:.1f}"
                              for t in r['tables'].values() for s, e in t.items()))
if a.log:
    log = Path(a.log).read_bytes()
    print(f"{a.log}: {len(log)} bytes, {len(log.splitlines())} lines")
    if len(log) > a.max_log: bad.append(f"{a.log} is {len(log)} bytes, over {a.max_log}")
    if b'\r' in log: bad.append(f"{a.log} holds carriage-return progress frames")
if bad: print("\n".join(["FAILED:"] + bad)); sys.exit(1)
print("ok")
