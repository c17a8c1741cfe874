#!/usr/bin/env python3
"""Build sg_lora/assets/lexicon.json: what people wrote about each name of the embedded world.

For every name of the emoji table (sg_lora/assets/emoji_table.tsv):
  * `keywords`: Unicode CLDR's English emoji keywords (Debian `unicode-cldr-core`:
    common/annotations/en.xml and annotationsDerived/en.xml), e.g. cat -> ["cat", "pet"];
  * `wordnet`: a WordNet 3.0 noun sense (Debian `wordnet-base`: /usr/share/wordnet/{index,data}.noun),
    with its gloss and one hypernym path from the root (`entity`) down to it, each step a synset
    named `lemma.n.offset`. The sense is the most frequent one whose hypernyms hold an anchor of the
    emoji's group (an animal's name is read as an animal, a food's as a food), else the most frequent.
    A name WordNet lacks is looked up by its head noun ("ball of yarn" -> ball, "service dog" -> dog),
    and `wordnet.lemma` says what was looked up.

Run once, after `apt-get install unicode-cldr-core wordnet-base`; the JSON ships with sg_lora, so
the package never needs apt. Usage: python nbs/_scripts/build_lexicon.py [--out PATH]
"""
from __future__ import annotations
import argparse, csv, json, re, sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ASSETS = HERE.parent.parent/'sg_lora'/'assets'
CLDR = Path('/usr/share/unicode/cldr/common')
WN = Path('/usr/share/wordnet')
ANCHORS = {   # an emoji subgroup's prefix -> lemmas one of whose senses must be among the hypernyms
    'animal': {'animal'}, 'plant': {'flora', 'plant_part', 'plant_organ', 'flower', 'vegetation'},
    'food': {'food', 'foodstuff', 'nutriment', 'beverage', 'dish', 'solid', 'produce'},
    'drink': {'beverage', 'food', 'liquid'}, 'dishware': {'artifact'},
    'place': {'location', 'structure', 'geological_formation', 'region'},
    'transport': {'conveyance', 'vehicle', 'artifact'},
    'sky': {'natural_object', 'celestial_body', 'atmospheric_phenomenon', 'phenomenon'},
}

OVERRIDES = {'T. rex': 'tyrannosaur', 'ball of yarn': 'yarn', 'mooncake': 'cake', 'globe showing the Americas': 'globe',
             'sunrise over mountains': 'sunrise',
             'minidisc': 'disk'}   # names whose head noun misleads, or that WordNet lacks

def read_table(path:Path)->list[dict]:
    lines = [l for l in path.read_text(encoding='utf-8').splitlines() if not l.startswith('#')]
    return list(csv.DictReader(lines, delimiter='\t'))

def cldr_keywords()->dict:
    out = {}
    for f in (CLDR/'annotations'/'en.xml', CLDR/'annotationsDerived'/'en.xml'):
        for a in ET.parse(f).getroot().iter('annotation'):
            if a.get('type') != 'tts' and a.text: out.setdefault(a.get('cp'), [k.strip() for k in a.text.split('|')])
    return out

def read_wordnet()->tuple[dict, dict]:
    "index: lemma -> [offsets] (most frequent sense first); data: offset -> (lemmas, hypernym offsets, gloss)."
    index, data = {}, {}
    for line in (WN/'index.noun').read_text(encoding='latin-1').splitlines():
        if line.startswith(' '): continue
        f = line.split(); n_ptr = int(f[3])
        index[f[0]] = f[4 + n_ptr + 2:]
    for line in (WN/'data.noun').read_text(encoding='latin-1').splitlines():
        if line.startswith(' '): continue
        head, _, gloss = line.partition(' | ')
        f = head.split(); n_w = int(f[3], 16)
        lemmas = [f[4 + 2 * i].lower() for i in range(n_w)]
        k = 4 + 2 * n_w; n_p = int(f[k]); ptrs = f[k + 1:k + 1 + 4 * n_p]
        hyper = [ptrs[4 * i + 1] for i in range(n_p) if ptrs[4 * i] in ('@', '@i') and ptrs[4 * i + 2] == 'n']
        data[f[0]] = (lemmas, hyper, gloss.strip())
    return index, data

def path_to_root(off:str, data:dict)->list[str]:
    "One hypernym path, root first (the first hypernym at each step)."
    path = [off]
    while data[path[-1]][1] and len(path) < 40: path.append(data[path[-1]][1][0])
    return path[::-1]

def closure(off:str, data:dict)->set:
    seen, todo = set(), [off]
    while todo:
        o = todo.pop()
        if o not in seen: seen.add(o); todo += data[o][1]
    return seen

def candidates(name:str)->list[str]:
    if name in OVERRIDES: return [OVERRIDES[name]]
    w = re.sub(r'[^a-z0-9 \-]', '', name.lower()).split()
    out = ['_'.join(w)]
    for joint in ('of', 'with', 'on', 'in'):                             # ball of yarn -> ball, nest with eggs -> nest
        if joint in w[1:]: out.append('_'.join(w[:w.index(joint)]))
    out += ['_'.join(w[i:]) for i in range(1, len(w))]                   # service dog -> dog
    return out

def sense(name:str, subgroup:str, index:dict, data:dict)->dict|None:
    anchors = next((v for k, v in ANCHORS.items() if subgroup.startswith(k)),
                   {'artifact', 'object', 'physical_entity', 'abstraction'})
    for lemma in candidates(name):
        offs = index.get(lemma)
        if not offs: continue
        pick = next((o for o in offs if any(set(data[c][0]) & anchors for c in closure(o, data))), offs[0])
        p = path_to_root(pick, data)
        return dict(lemma=lemma, synset=f"{data[pick][0][0]}.n.{pick}", gloss=data[pick][2],
                    path=[f"{data[o][0][0]}.n.{o}" for o in p],
                    anchored=pick != offs[0] or any(set(data[c][0]) & anchors for c in closure(pick, data)))
    return None

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default=str(ASSETS/'lexicon.json'))
    a = ap.parse_args()
    rows, kw = read_table(ASSETS/'emoji_table.tsv'), cldr_keywords()
    index, data = read_wordnet()
    out, missing = {}, []
    for r in rows:
        e = r['emoji']
        keys = kw.get(e) or kw.get(e.replace('\ufe0f', '')) or []
        wn = sense(r['name'], r['subgroup'], index, data)
        if wn is None: missing.append(r['name'])
        out[r['name']] = dict(keywords=keys, wordnet=wn)
    meta = dict(sources="Unicode CLDR English emoji keywords (annotations/en.xml, annotationsDerived/en.xml; Unicode "
                        "License, "
                        "see UNICODE-LICENSE.txt) and WordNet 3.0 noun senses, glosses and hypernyms (Princeton "
                        "University; "
                        "WordNet License, see WORDNET-LICENSE.txt), extracted by nbs/_scripts/build_lexicon.py",
                names=len(out), with_keywords=sum(bool(v['keywords']) for v in out.values()),
                with_wordnet=sum(v['wordnet'] is not None for v in out.values()),
                by_head_noun=sum(v['wordnet'] is not None and v['wordnet']['lemma'] != candidates(k)[0]
                                 for k, v in out.items()))
    Path(a.out).write_text(json.dumps(dict(meta=meta, names=out), ensure_ascii=False, indent=0) + '\n',
                           encoding='utf-8')
    print(json.dumps(meta, indent=1)); print('no WordNet sense:', missing)

if __name__ == '__main__': main()
