"""Remakes OcopSymbols-{Regular,Bold}.ttf from Debian's fonts-dejavu-core (see LICENSE-OcopSymbols.txt).

    pip install fonttools==4.55.0 && python3 assets/fonts/make-symbols.py
"""
from fontTools import subset
from fontTools.ttLib import TTFont

# What the window shows and Noto Sans lacks, and a few neighbours a screen may want next.
CHARS = "★☆✓✔✕✗→←↑↓↔●○▲▼▸▾≠≤≥×·…"
FAMILY = "OCOP Symbols"

for style in ["Regular", "Bold"]:
    suffix = "" if style == "Regular" else "-Bold"
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = TTFont(f"/usr/share/fonts/truetype/dejavu/DejaVuSans{suffix}.ttf")
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in CHARS])
    subsetter.subset(font)
    postscript = f"OCOPSymbols-{style}"
    renames = {1: FAMILY, 16: FAMILY, 4: f"{FAMILY} {style}", 6: postscript, 17: style,
               3: f"{postscript}; subset of DejaVu Sans 2.37"}
    for record in font["name"].names:
        if record.nameID in renames:
            record.string = renames[record.nameID]
    font.save(f"assets/fonts/OcopSymbols-{style}.ttf")
