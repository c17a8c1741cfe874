"""Write a captions file for sg-lora's `paper` presets with a captioning model you have locally.

    python nbs/_scripts/caption_images.py --data /data --model /models/Qwen2-VL-7B-Instruct \
        --out /data/captions.jsonl --sources pets flowers coco --device cuda

The paper regenerated one caption per image with Qwen2-VL (MS-COCO's captions are vague; OxfordPets and
Flowers102 have none). This script does the same with any local Hugging Face model: an image-text-to-text
model (Qwen2-VL, LLaVA, ...) gets --prompt with each image; an image-to-text model (BLIP, GIT) just the
image. It captions every image the adapters of `sg_lora.datasets` list for --sources, writes the format
`sg_lora.datasets.read_captions` reads (one JSON line per image, paths relative to the data folder),
appends as it goes and skips images already in --out, so a stopped run resumes. It never downloads:
--model is a local folder. It needs `transformers` (not a dependency of sg-lora) and is not run by the
tests; `caption_file` takes any captioning function, which is how it can be checked without a model.
"""
import argparse, json, sys
from pathlib import Path

from sg_lora.datasets import LISTERS, read_captions

PROMPT = ("Describe this photo in one sentence for image retrieval: the main subject, what it looks like "
          "(colour, pose, size), and what is around it.")

def images_of(root:Path, sources:list)->list:
    "Every image the adapters list for `sources`, relative to the data folder, in a stable order."
    return sorted({im for s in sources for c in LISTERS[s](root).categories for im in c.images})

def _done(out:Path)->dict:
    "The captions already in `out`; a line cut short by a killed run is dropped (and the file rewritten without it)."
    if not out.exists(): return {}
    good = [l for l in out.read_text(encoding='utf-8').splitlines() if l.strip() and _ok(l)]
    tmp = out.with_name(out.name + '.tmp'); tmp.write_text("".join(l + "\n" for l in good), encoding='utf-8')
    tmp.replace(out)
    return read_captions(out) if good else {}

def _ok(line:str)->bool:
    try:
        r = json.loads(line)
        return isinstance(r.get('image'), str) and isinstance(r.get('captions'), list) and bool(r['captions'])
    except (json.JSONDecodeError, AttributeError): return False

def caption_file(root:Path, sources:list, out:Path, caption, per_image:int=1, batch:int=8, log=print)->Path:
    "Caption every image of `sources` under `root` `per_image` times with `caption(images) -> captions`, into `out`."
    from PIL import Image
    root, out = Path(root), Path(out)
    todo, done = images_of(root, sources), _done(out)
    todo = [im for im in todo if im not in done]
    log(f"{len(done)} images captioned already, {len(todo)} to go")
    with open(out, 'a', encoding='utf-8') as f:
        for i in range(0, len(todo), batch):
            ims = todo[i:i + batch]
            pics = [Image.open(root/im).convert('RGB') for im in ims]
            caps = [caption(pics) for _ in range(per_image)]
            for j, im in enumerate(ims):
                cs = [c[j].strip() for c in caps if c[j].strip()]
                if not cs: raise RuntimeError(f"the model gave an empty caption for {im}")
                f.write(json.dumps(dict(image=im, captions=cs), ensure_ascii=False) + "\n")
            f.flush()
            log(f"{min(i + batch, len(todo))}/{len(todo)}")
    return out

def hf_captioner(model:str, prompt:str=PROMPT, device:str='cpu', max_new_tokens:int=60):
    "A captioning function from a local Hugging Face model folder (image-text-to-text, else image-to-text)."
    from transformers import pipeline
    try:
        pipe = pipeline('image-text-to-text', model=model, device=device, local_files_only=True)
        def caption(pics):
            msgs = [[{"role": "user", "content": [{"type": "image", "image": p}, {"type": "text", "text": prompt}]}]
                    for p in pics]
            outs = pipe(text=msgs, max_new_tokens=max_new_tokens, return_full_text=False)
            return [(o[0] if isinstance(o, list) else o)['generated_text'] for o in outs]
    except (ValueError, KeyError, OSError):
        pipe = pipeline('image-to-text', model=model, device=device, local_files_only=True)
        def caption(pics):
            return [(o[0] if isinstance(o, list) else o)['generated_text']
                    for o in pipe(pics, max_new_tokens=max_new_tokens)]
    return caption

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument('--data', required=True, help="the data folder (the layout of sg_lora.datasets.LAYOUT)")
    ap.add_argument('--model', required=True, help="a local Hugging Face model folder")
    ap.add_argument('--out', default=None, help="the captions file (default: <data>/captions.jsonl)")
    ap.add_argument('--sources', nargs='+', default=['pets', 'flowers', 'coco'],
                    choices=['coco', 'pets', 'flowers', 'flickr30k'])
    ap.add_argument('--prompt', default=PROMPT)
    ap.add_argument('--captions-per-image', type=int, default=1)
    ap.add_argument('--batch', type=int, default=8)
    ap.add_argument('--device', default='cpu')
    a = ap.parse_args()
    try: import transformers  # noqa: F401
    except ImportError: sys.exit("this script needs transformers: pip install transformers")
    caption_file(Path(a.data), a.sources, Path(a.out or Path(a.data)/'captions.jsonl'),
                 hf_captioner(a.model, a.prompt, a.device),
                 a.captions_per_image, a.batch)
