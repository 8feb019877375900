#!/usr/bin/env python3
"""Convert the hand-checked criteria source (shared/data/criteria_qd26_2026.json) into the
project's criteria asset format `ocop-council-criteria/1` (see docs/formats.md).

Facts (codes, titles, points, star markers, notes, disqualification lines, source notes) are copied
unchanged; only the envelope changes: a format tag, a title, and leaves/groups written without the
empty lists that do not apply to them. Text is normalised to NFC.
Usage: scripts/convert_criteria.py SOURCE.json OUT.json
"""
import json
import sys
import unicodedata


def nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc(v) for k, v in value.items()}
    return value


def criterion(c):
    out = {"code": c["code"], "title": c["title"], "max": c["max"]}
    if c["notes"]:
        out["notes"] = c["notes"]
    if c["children"]:
        if c["options"]:
            raise SystemExit(f"criterion {c['code']} has both children and options")
        out["children"] = [criterion(ch) for ch in c["children"]]
    else:
        out["options"] = [
            {"label": o["label"], "points": o["points"], "min_star": o["min_star"]}
            for o in c["options"]
        ]
    return out


def main():
    src, dst = sys.argv[1], sys.argv[2]
    data = nfc(json.load(open(src, encoding="utf-8")))
    out = {
        "format": "ocop-council-criteria/1",
        "id": data["id"],
        "title": "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP (QĐ 26/2026/QĐ-TTg)",
        "legal_basis": data["legal_basis"],
        "star_marker_rule": data["star_marker_rule"],
        "sheets": [
            {
                "no": s["no"],
                "code": s["code"],
                "name": s["name"],
                "category": s["category"],
                "group": s["group"],
                "disqualify_if": s["disqualify_if"],
                "source_notes": s["source_notes"],
                "parts": [
                    {
                        "code": p["code"],
                        "title": p["title"],
                        "max": p["max"],
                        "criteria": [criterion(c) for c in p["criteria"]],
                    }
                    for p in s["parts"]
                ],
            }
            for s in data["sheets"]
        ],
    }
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
