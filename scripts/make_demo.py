#!/usr/bin/env python3
"""Generate the demo session assets/samples/y-yen-2023.json (format ocop-council-session/2).

The demo is the Ý Yên district council (huyện Ý Yên, tỉnh Nam Định) of June 2023 under
QĐ 148/2023 (ruleset qd148-2023-huyen), scored on the QĐ 26/2026 criteria sheets (criteria set
qd26-2026). All people, producers, phone numbers and decision numbers are invented.

Usage: python3 scripts/make_demo.py [CRITERIA_JSON]
  CRITERIA_JSON defaults to ../shared/data/criteria_qd26_2026.json relative to the repo root.

Deterministic: one random.Random(2023) drives everything. Standard library only.
The script re-implements the scoring contract of docs design §3 and asserts the intended mix of
outcomes; it exits non-zero if any property fails.
"""

import json
import os
import random
import sys
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CRITERIA = os.path.join(REPO, "..", "shared", "data", "criteria_qd26_2026.json")
OUT = os.path.join(REPO, "assets", "samples", "y-yen-2023.json")

SPREAD_LIMIT = 10
DECIMALS = 2
RECOGNISED = {3}  # qd148-2023-huyen: the district recognises 3 stars; 4/5 are forwarded

SESSION = {
    "title": "Hội nghị đánh giá, phân hạng sản phẩm OCOP huyện Ý Yên năm 2023 - đợt 1",
    "ruleset": "qd148-2023-huyen",
    "criteria_set": "qd26-2026",
    "authority": "Ủy ban nhân dân huyện Ý Yên",
    "province": "Nam Định",
    "council_decision": "Quyết định số 1856/QĐ-UBND ngày 22/5/2023 của Chủ tịch UBND huyện Ý Yên "
                        "về việc thành lập Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Ý Yên năm 2023",
    "meeting_date": "2023-06-05",
    "meeting_place": "Hội trường UBND huyện Ý Yên, thị trấn Lâm",
    "settings": {"spread_limit": SPREAD_LIMIT,
                 "quorum": {"fraction": "2/3", "chair_required": True},
                 "decimals": DECIMALS},
    # The facts a real minutes records (issue 13.5); the reason the document is format /2.
    "facts": {
        "opened": "07:30", "closed": "11:30", "chair": "m1", "secretary": "m9",
        "guests": [{"name": "Đinh Văn Sơn",
                    "position": "Phó Chi cục trưởng Chi cục Phát triển nông thôn tỉnh Nam Định"}],
        "signer": {"name": "Phạm Văn Quang", "title": "CHỦ TỊCH", "capacity": "tm"},
        "recipients": {
            "decision": ["Như Điều 3", "Sở Nông nghiệp và PTNT tỉnh Nam Định", "Chủ tịch, các PCT UBND huyện",
                         "Lưu: VT, NN"],
            "forward": ["Sở Nông nghiệp và PTNT tỉnh Nam Định", "Văn phòng Điều phối NTM tỉnh Nam Định",
                        "Lưu: VT, NN"],
        },
    },
}

# Why an absent member is absent (for the minutes).
ABSENCE_REASONS = {"m4": "đi công tác theo sự phân công của UBND huyện"}

# (id, name, position, role, present)
MEMBERS = [
    ("m1", "Nguyễn Văn Hùng", "Phó Chủ tịch UBND huyện", "chair", True),
    ("m2", "Trần Đức Thịnh", "Trưởng phòng Nông nghiệp và PTNT", "vice_chair", True),
    ("m3", "Phạm Thị Thu Hà", "Trưởng phòng Kinh tế và Hạ tầng", "member", True),
    ("m4", "Vũ Văn Khải", "Trưởng phòng Tài chính - Kế hoạch", "member", False),
    ("m5", "Đỗ Thị Minh Nguyệt", "Trưởng phòng Y tế", "member", True),
    ("m6", "Lê Quang Vinh", "Trưởng phòng Văn hóa và Thông tin", "member", True),
    ("m7", "Hoàng Văn Tuấn", "Trưởng phòng Tài nguyên và Môi trường", "member", True),
    ("m8", "Ngô Thị Lan Anh", "Chuyên gia tư vấn phát triển sản phẩm OCOP", "member", True),
    ("m9", "Bùi Thị Hương", "Phó Trưởng phòng Nông nghiệp và PTNT", "secretary", True),
]

ADDR = "huyện Ý Yên, tỉnh Nam Định"

# Each product: dossier fields + generation profile.
#   target: intended mean; outcome: r3 (recognised 3★), fwd (forwarded 4★), cap (mean ≥ 70 capped to 3★
#   by one unmet 4★ requirement), na (not achieved), r3spread (3★ after a re-score round).
PRODUCTS = [
    dict(code="YY-2023-01", product="Gạo nếp cái hoa vàng Yên Cường", sheet=3,
         producer="HTX Dịch vụ nông nghiệp Yên Cường", entity_type="htx",
         representative="Trần Văn Dũng", address="thôn Trung Khu, xã Yên Cường, " + ADDR,
         phone="0228 3821 146", kind="new", recused=[], outcome="r3", target=64),
    dict(code="YY-2023-02", product="Rượu nếp cái hoa vàng Yên Chính", sheet=14,
         producer="Công ty TNHH Rượu truyền thống Yên Chính", entity_type="dn",
         representative="Phạm Văn Lực", address="thôn Nhì, xã Yên Chính, " + ADDR,
         phone="0912 436 218", kind="new", recused=[], outcome="fwd", target=76),
    dict(code="YY-2023-03", product="Bánh đa vừng Yên Phong", sheet=6,
         producer="Hộ kinh doanh Nguyễn Thị Hoa", entity_type="ho",
         representative="Nguyễn Thị Hoa", address="thôn Đông, xã Yên Phong, " + ADDR,
         phone="0946 825 307", kind="new", recused=[], outcome="r3", target=57),
    dict(code="YY-2023-04", product="Bún khô Yên Bằng", sheet=6,
         producer="Hộ kinh doanh Vũ Văn Thắng", entity_type="ho",
         representative="Vũ Văn Thắng", address="thôn Bàn Kết, xã Yên Bằng, " + ADDR,
         phone="0983 117 642", kind="new", recused=[], outcome="na", target=45),
    dict(code="YY-2023-05", product="Miến dong Yên Lương", sheet=6,
         producer="Tổ hợp tác sản xuất miến dong Yên Lương", entity_type="tht",
         representative="Đinh Thị Mai", address="thôn Vọng, xã Yên Lương, " + ADDR,
         phone="0975 302 881", kind="new", recused=[], outcome="r3spread", target=56),
    dict(code="YY-2023-06", product="Mật ong hoa nhãn Yên Đồng", sheet=4,
         producer="Tổ hợp tác nuôi ong Yên Đồng", entity_type="tht",
         representative="Lương Văn Hải", address="thôn Hổ Sơn, xã Yên Đồng, " + ADDR,
         phone="0915 660 724", kind="new", recused=[], outcome="r3", target=61),
    dict(code="YY-2023-07", product="Sập gụ chạm khắc La Xuyên", sheet=21,
         producer="Công ty TNHH Đồ gỗ mỹ nghệ La Xuyên Phát", entity_type="dn",
         representative="Nguyễn Văn Thành", address="làng La Xuyên, xã Yên Ninh, " + ADDR,
         phone="0228 3824 590", kind="upgrade", recused=[], outcome="fwd", target=82),
    dict(code="YY-2023-08", product="Đỉnh đồng Tống Xá", sheet=21,
         producer="Công ty TNHH Đúc đồng Tống Xá Ý Yên", entity_type="dn",
         representative="Trịnh Văn Long", address="làng Tống Xá, thị trấn Lâm, " + ADDR,
         phone="0228 3825 371", kind="new", recused=[], outcome="cap", target=73),
    dict(code="YY-2023-09", product="Giỏ mây tre đan xuất khẩu", sheet=21,
         producer="HTX Mây tre đan Yên Tiến", entity_type="htx",
         representative="Phạm Thị Lý", address="thôn Tiến Thắng, xã Yên Tiến, " + ADDR,
         phone="0228 3826 013", kind="new", recused=[], outcome="r3", target=66),
    dict(code="YY-2023-10", product="Chiếu cói dệt tay Yên Lộc", sheet=21,
         producer="HTX Tiểu thủ công nghiệp Yên Lộc", entity_type="htx",
         representative="Lê Thị Thanh", address="thôn Chợ, xã Yên Lộc, " + ADDR,
         phone="0228 3827 455", kind="new", recused=["m6"], outcome="r3", target=54),
    dict(code="YY-2023-11", product="Gạo thơm sạch Yên Thắng", sheet=3,
         producer="HTX Nông nghiệp Yên Thắng", entity_type="htx",
         representative="Đặng Văn Quý", address="thôn Quang Trung, xã Yên Thắng, " + ADDR,
         phone="0228 3828 290", kind="new", recused=[], outcome="r3", target=60),
    dict(code="YY-2023-12", product="Bánh gai Yên Trị", sheet=6,
         producer="Hộ kinh doanh Trần Thị Nhung", entity_type="ho",
         representative="Trần Thị Nhung", address="thôn Hà Thanh, xã Yên Trị, " + ADDR,
         phone="0936 514 870", kind="rerate", recused=[], outcome="r3", target=68),
]
# m6 (Lê Quang Vinh) is the brother-in-law of the HTX Yên Lộc director Lê Thị Thanh: recused from YY-2023-10.

# The 4★ requirement that the capped product (Đỉnh đồng Tống Xá) misses: its trademark application
# is accepted but the certificate is not granted yet, so most members choose option 1 of "3.5".
CAP_CRITERION = "3.5"

COMMENTS = {
    "low": ["Hồ sơ còn thiếu minh chứng, bao bì chưa đạt yêu cầu.",
            "Chưa có phiếu kiểm nghiệm chất lượng đầy đủ.",
            "Cần hoàn thiện câu chuyện sản phẩm và nhãn mác.", ""],
    "mid": ["Sản phẩm đạt yêu cầu, cần đẩy mạnh quảng bá.",
            "Bao bì khá, nên bổ sung mã truy xuất nguồn gốc.",
            "Chất lượng ổn định, thị trường chủ yếu trong tỉnh.",
            "Cần xây dựng câu chuyện sản phẩm rõ hơn.", "", ""],
    "high": ["Sản phẩm tiêu biểu của địa phương, đề nghị gửi tỉnh đánh giá.",
             "Chất lượng tốt, mẫu mã đẹp, có tiềm năng xuất khẩu.",
             "Hồ sơ đầy đủ, sản phẩm đạt chất lượng cao.", ""],
}
RESCORE_COMMENTS = ["Chấm lại theo ý kiến thống nhất của Hội đồng.",
                    "Điều chỉnh sau thảo luận về hồ sơ kiểm nghiệm.", ""]


# ---------------------------------------------------------------- criteria

def leaves_of(nodes):
    for n in nodes:
        if not n["children"]:
            yield n
        else:
            yield from leaves_of(n["children"])


def load_sheets(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("id") != "qd26-2026":
        sys.exit(f"unexpected criteria set id {data.get('id')!r} in {path}")
    sheets = {}
    for s in data["sheets"]:
        leaves = []
        for p in s["parts"]:
            for lf in leaves_of(p["criteria"]):
                pts = [o["points"] for o in lf["options"]]
                stars = [o["min_star"] for o in lf["options"]]
                leaves.append({"code": lf["code"], "part": p["code"], "points": pts, "stars": stars})
        sheets[s["no"]] = {"name": s["name"], "leaves": leaves}
    assert sorted(sheets) == list(range(1, 27)), "criteria set must hold sheets 1..26"
    return sheets


def pts(leaf, choice):
    return 0 if choice == 0 else leaf["points"][choice - 1]


def requirements(sheet):
    """[(criterion, level, required points)] for every option carrying a min_star."""
    reqs = []
    for lf in sheet["leaves"]:
        for i, st in enumerate(lf["stars"]):
            if st is not None:
                reqs.append((lf["code"], st, lf["points"][i]))
    return reqs


# ---------------------------------------------------------------- scoring contract (design §3)

def sheet_total(sheet, choices):
    return sum(pts(lf, choices[lf["code"]]) for lf in sheet["leaves"])


def rounded_mean_hundredths(totals):
    """Mean in hundredths, half away from zero (totals are non-negative)."""
    n, s = len(totals), sum(totals)
    return (2 * 100 * s + n) // (2 * n)


def fmt(h):
    return f"{h // 100}.{h % 100:02d}"


def band_of(h):
    if h >= 9000:
        return 5
    if h >= 7000:
        return 4
    if h >= 5000:
        return 3
    if h >= 3000:
        return 2
    return 1


def evaluate(sheet, counted):
    """counted: list of choices dicts (latest round, counted members)."""
    n = len(counted)
    totals = [sheet_total(sheet, c) for c in counted]
    mean = rounded_mean_hundredths(totals)
    unmet = []
    by_code = {lf["code"]: lf for lf in sheet["leaves"]}
    for code, level, need in requirements(sheet):
        lf = by_code[code]
        k = sum(1 for c in counted if pts(lf, c[code]) >= need)
        if not k * 2 > n:
            unmet.append((code, level))
    cap = 2
    for L in (3, 4, 5):
        if any(lv <= L for _, lv in unmet):
            break
        cap = L
    band = band_of(mean)
    stars = min(band, cap)
    if stars <= 2:
        decision = "not_achieved"
    elif stars in RECOGNISED:
        decision = "recognized"
    else:
        decision = "forwarded"
    return dict(n=n, totals=totals, mean=mean, spread=max(totals) - min(totals),
                band=band, cap=cap, stars=stars, decision=decision, unmet=unmet)


# ---------------------------------------------------------------- generation

def bounds_for(sheet, floor_levels, ceil=None):
    """Per-leaf (min points, max points): min from the star requirements of floor_levels."""
    lo = {}
    for lf in sheet["leaves"]:
        need = 0
        for i, st in enumerate(lf["stars"]):
            if st is not None and st in floor_levels:
                need = max(need, lf["points"][i])
        lo[lf["code"]] = need
    hi = {lf["code"]: max(lf["points"]) for lf in sheet["leaves"]}
    if ceil:
        hi.update(ceil)
    return lo, hi


def allowed(lf, lo, hi):
    """Choices whose points lie in [lo, hi]. Choice 0 ("none of the options") is only allowed when
    lo is negative (used for the weak product, where some members find no option fits)."""
    first = 0 if lo < 0 else 1
    return [c for c in range(first, len(lf["points"]) + 1) if max(lo, 0) <= pts(lf, c) <= hi]


def steer(rng, sheet, choices, lo, hi, target, max_iter=2000):
    """Random walk over single-leaf changes until the sheet total equals target."""
    leaves = sheet["leaves"]
    for _ in range(max_iter):
        total = sheet_total(sheet, choices)
        diff = target - total
        if diff == 0:
            return choices
        moves = []
        for lf in leaves:
            code = lf["code"]
            cur = pts(lf, choices[code])
            for c in allowed(lf, lo[code], hi[code]):
                d = pts(lf, c) - cur
                if d != 0 and (d > 0) == (diff > 0) and abs(d) <= abs(diff):
                    moves.append((code, c))
        if not moves:
            break
        code, c = rng.choice(moves)
        choices[code] = c
    raise RuntimeError(f"cannot reach total {target} (at {sheet_total(sheet, choices)})")


def base_choices(rng, sheet, lo, hi, target):
    ch = {}
    for lf in sheet["leaves"]:
        ch[lf["code"]] = min(allowed(lf, lo[lf["code"]], hi[lf["code"]]),
                             key=lambda c, lf=lf: pts(lf, c))
    return steer(rng, sheet, ch, lo, hi, target)


def jitter(rng, sheet, base, lo, hi, k):
    """k random single-leaf changes (keeps bounds), so members differ in detail, not only in total."""
    ch = dict(base)
    leaves = sheet["leaves"]
    for _ in range(k):
        lf = rng.choice(leaves)
        opts = allowed(lf, lo[lf["code"]], hi[lf["code"]])
        ch[lf["code"]] = rng.choice(opts)
    return ch


def member_sheets(rng, sheet, members, base, lo, hi, targets, per_member_hi=None):
    out = {}
    for m in members:
        h = dict(hi)
        if per_member_hi and m in per_member_hi:
            h.update(per_member_hi[m])
        ch = jitter(rng, sheet, base, lo, h, rng.randint(3, 6))
        # clamp any choice that base had above a per-member ceiling
        for lf in sheet["leaves"]:
            code = lf["code"]
            if not (lo[code] <= pts(lf, ch[code]) <= h[code]):
                ch[code] = min(allowed(lf, lo[code], h[code]), key=lambda c, lf=lf: pts(lf, c))
        out[m] = steer(rng, sheet, ch, lo, h, targets[m])
    return out


def comment_for(rng, total):
    pool = COMMENTS["high"] if total >= 70 else COMMENTS["mid"] if total >= 50 else COMMENTS["low"]
    return rng.choice(pool)


def nfc(x):
    if isinstance(x, str):
        return unicodedata.normalize("NFC", x)
    if isinstance(x, list):
        return [nfc(v) for v in x]
    if isinstance(x, dict):
        return {nfc(k): nfc(v) for k, v in x.items()}
    return x


def main():
    crit_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CRITERIA
    sheets = load_sheets(crit_path)
    rng = random.Random(2023)

    scorers = [m[0] for m in MEMBERS if m[4]]  # present; everyone scores
    sheets_out = []  # (dossier, round, member, choices, comment)
    dossiers_out = []
    self_scores = {}

    for p in PRODUCTS:
        sh = sheets[p["sheet"]]
        counted = [m for m in scorers if m not in p["recused"]]
        T = p["target"]
        outcome = p["outcome"]
        per_member_hi = None
        if outcome == "fwd":
            lo, hi = bounds_for(sh, {3, 4})
        elif outcome == "cap":
            lo, hi = bounds_for(sh, {3, 4})
            lf = next(l for l in sh["leaves"] if l["code"] == CAP_CRITERION)
            need4 = max(lf["points"][i] for i, s in enumerate(lf["stars"]) if s == 4)
            lo[CAP_CRITERION] = max(x for x in lf["points"] if x < need4)
            hi[CAP_CRITERION] = lo[CAP_CRITERION]
            # a minority (3 of 8) credits the pending trademark as granted
            minority = rng.sample(counted, (len(counted) - 1) // 2)
            per_member_hi = {m: {CAP_CRITERION: need4} for m in minority}
        elif outcome == "na":
            lo, hi = bounds_for(sh, set())
            # "none of the options" is a possible answer where the first option is worth points
            for lf in sh["leaves"]:
                if lf["points"][0] > 0:
                    lo[lf["code"]] = -1
        else:
            lo, hi = bounds_for(sh, {3})

        base = base_choices(rng, sh, lo, hi, T)

        def targets_around(center, width):
            return {m: center + rng.randint(-width, width) for m in counted}

        if outcome == "r3spread":
            # round 1: one member scores 14 below the others' centre
            t1 = targets_around(T + 2, 2)
            outlier = rng.choice([m for m in counted if m not in ("m1", "m9")])
            t1[outlier] = T + 2 - 14
            r1 = member_sheets(rng, sh, counted, base, lo, hi, t1)
            # round 2 after discussion: everyone re-scores, outlier moves up
            t2 = targets_around(T, 3)
            t2[outlier] = T - 4
            r2 = member_sheets(rng, sh, counted, base, lo, hi, t2)
            rounds = [(1, r1), (2, r2)]
        else:
            t1 = targets_around(T, 4)
            r1 = member_sheets(rng, sh, counted, base, lo, hi, t1, per_member_hi)
            if outcome == "cap":
                for m in per_member_hi:
                    lf = next(l for l in sh["leaves"] if l["code"] == CAP_CRITERION)
                    c4 = next(c for c in range(1, len(lf["points"]) + 1)
                              if pts(lf, c) == per_member_hi[m][CAP_CRITERION])
                    if r1[m][CAP_CRITERION] != c4:
                        # credit the 4★ option and keep the member's total
                        r1[m][CAP_CRITERION] = c4
                        h = dict(hi)
                        h.update(per_member_hi[m])
                        lo2 = dict(lo)
                        lo2[CAP_CRITERION] = per_member_hi[m][CAP_CRITERION]
                        r1[m] = steer(rng, sh, r1[m], lo2, h, t1[m])
            rounds = [(1, r1)]

        for rnd, rs in rounds:
            for m in counted:
                total = sheet_total(sh, rs[m])
                comment = rng.choice(RESCORE_COMMENTS) if rnd > 1 else comment_for(rng, total)
                sheets_out.append((p["code"], rnd, m, rs[m], comment))

        self_scores[p["code"]] = min(100, T + rng.randint(3, 9))
        dossiers_out.append({
            "code": p["code"], "product": p["product"], "sheet": p["sheet"],
            "producer": p["producer"], "entity_type": p["entity_type"],
            "representative": p["representative"], "address": p["address"], "phone": p["phone"],
            "kind": p["kind"], "self_score": self_scores[p["code"]], "eliminated": None,
            "recused": list(p["recused"]),
        })

    member_order = {m[0]: i for i, m in enumerate(MEMBERS)}
    sheets_out.sort(key=lambda s: (s[0], s[1], member_order[s[2]]))

    doc = {
        "format": "ocop-council-session/2",
        "session": SESSION,
        "members": [dict({"id": i, "name": n, "position": pos, "role": r, "present": pr, "scores": True},
                         **({"absence_reason": ABSENCE_REASONS[i]} if i in ABSENCE_REASONS else {}))
                    for i, n, pos, r, pr in MEMBERS],
        "dossiers": dossiers_out,
        "sheets": [{"dossier": d, "member": m, "round": r,
                    "choices": {lf["code"]: ch[lf["code"]]
                                for lf in sheets[next(p["sheet"] for p in PRODUCTS if p["code"] == d)]["leaves"]},
                    "comment": c}
                   for d, r, m, ch, c in sheets_out],
        "resolutions": [],
    }
    doc = nfc(doc)

    failures = check(doc, sheets)
    if failures:
        for msg in failures:
            print("FAIL:", msg, file=sys.stderr)
        sys.exit(f"{len(failures)} check(s) failed; {os.path.relpath(OUT, REPO)} not written")

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(doc, ensure_ascii=False, indent=2))
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT, REPO)} ({len(doc['sheets'])} sheets)")


# ---------------------------------------------------------------- checks on the written document

def check(doc, sheets):
    """Re-read the document as the engine would, print the summary, return failed properties."""
    fails = []

    def need(cond, msg):
        if not cond:
            fails.append(msg)

    members = {m["id"]: m for m in doc["members"]}
    need(len(members) == 9, "council must have 9 members")
    absent = [m for m in doc["members"] if not m["present"]]
    need(len(absent) == 1 and absent[0]["role"] != "chair", "exactly one absent member, not the chair")
    need(sum(1 for m in doc["members"] if m["role"] == "chair") == 1, "one chair")
    present = [m for m in doc["members"] if m["present"]]
    need(len(present) * 3 >= 2 * len(members), "quorum 2/3")

    rows = []
    round1_spread_over = []
    n_recused = 0
    for d in doc["dossiers"]:
        sh = sheets[d["sheet"]]
        leaf_codes = [lf["code"] for lf in sh["leaves"]]
        n_recused += len(d["recused"])
        own = [s for s in doc["sheets"] if s["dossier"] == d["code"]]
        for s in own:
            need(list(s["choices"]) == leaf_codes, f"{d['code']}/{s['member']}: choices must answer every leaf")
            for lf in sh["leaves"]:
                c = s["choices"][lf["code"]]
                need(0 <= c <= len(lf["points"]), f"{d['code']}: option {c} out of range for {lf['code']}")
            need(s["member"] not in d["recused"], f"{d['code']}: recused member {s['member']} has a sheet")
            need(members[s["member"]]["present"], f"{d['code']}: absent member {s['member']} has a sheet")
        expected = [m["id"] for m in present if m["scores"] and m["id"] not in d["recused"]]
        rounds = sorted({s["round"] for s in own})
        for r in rounds:
            got = [s["member"] for s in own if s["round"] == r]
            need(got == expected, f"{d['code']} round {r}: sheets from {got}, expected {expected}")
        r1 = evaluate(sh, [s["choices"] for s in own if s["round"] == 1])
        if r1["spread"] > SPREAD_LIMIT:
            round1_spread_over.append(d["code"])
        latest = rounds[-1]
        res = evaluate(sh, [s["choices"] for s in own if s["round"] == latest])
        need(res["spread"] <= SPREAD_LIMIT, f"{d['code']}: latest spread {res['spread']} > {SPREAD_LIMIT}")
        rows.append((d, latest, r1, res))

    need(n_recused == 1, "exactly one recusal")
    need(len(round1_spread_over) == 1, f"exactly one product with round-1 spread > limit: {round1_spread_over}")
    for d, latest, r1, res in rows:
        if d["code"] in round1_spread_over:
            need(latest == 2, f"{d['code']}: spread product must have round 2")
        else:
            need(latest == 1, f"{d['code']}: only the spread product has a round 2")

    def count(pred):
        return sum(1 for _, _, _, r in rows if pred(r))

    plain3 = count(lambda r: r["decision"] == "recognized" and r["band"] == 3)
    capped = [d["code"] for d, _, _, r in rows
              if r["mean"] >= 7000 and r["stars"] == 3 and r["decision"] == "recognized"
              and any(lv == 4 for _, lv in r["unmet"])]
    fwd = [r for _, _, _, r in rows if r["decision"] == "forwarded"]
    na = [r for _, _, _, r in rows if r["decision"] == "not_achieved"]
    need(7 <= plain3 <= 8, f"about 7 products recognised at 3★ from band 3 (got {plain3})")
    for _, _, _, r in rows:
        if r["decision"] == "recognized" and r["band"] == 3:
            need(5200 <= r["mean"] <= 6900, f"3★ mean {fmt(r['mean'])} outside 52–69")
            need(r["cap"] >= 3, "recognised product must meet its 3★ requirements")
    need(len(capped) == 1, f"exactly one capped product (got {capped})")
    need(len(fwd) == 2 and all(r["stars"] == 4 and 7000 <= r["mean"] <= 8500 and r["cap"] >= 4 for r in fwd),
         "two forwarded 4★ products with means 70–85 and all 3★/4★ requirements met")
    need(len(na) == 1 and 4000 <= na[0]["mean"] < 5000, "one not achieved product with mean 40–49")
    need(plain3 + len(capped) + len(fwd) + len(na) == len(rows), "every product falls in one category")

    # summary
    hdr = f"{'code':<11} {'product':<34} {'sh':>2} {'rd':>2} {'n':>2} {'mean':>6} {'spr':>3} " \
          f"{'band':>4} {'cap':>3} {'st':>2}  decision     (round-1 spread; unmet)"
    print(hdr)
    print("-" * len(hdr))
    for d, latest, r1, r in rows:
        unmet = ",".join(f"{c}@{lv}" for c, lv in r["unmet"] if lv <= 4)
        print(f"{d['code']:<11} {d['product'][:34]:<34} {d['sheet']:>2} {latest:>2} {r['n']:>2} "
              f"{fmt(r['mean']):>6} {r['spread']:>3} {r['band']:>4} {r['cap']:>3} {r['stars']:>2}  "
              f"{r['decision']:<12} (r1 spread {r1['spread']}; unmet≤4★: {unmet or '-'})")
    return fails


if __name__ == "__main__":
    main()
