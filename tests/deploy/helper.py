#!/usr/bin/env python3
"""Fixtures and server-side checks for tests/deploy/run.

  site DIR VARIANT      write a fake `prongsai build` output (v1, v2, small)
  break DIR HOW         damage a built site (no-marker, not-ok, errors,
                        no-index, no-ita, count, not-prongsai)
  snapshot DIR OUT      record path -> sha256, inode, ctime of every file
  touched SNAP DIR      print the files of DIR written since SNAP ("+path"
                        new, "~path" rewritten, "-path" gone), sorted
  same SITE REMOTE      exit 0 when both trees hold the same files and
                        folders with the same bytes, else print differences
  perms DIR             exit 0 when every file is world-readable
"""
import hashlib
import json
import os
import random
import shutil
import sys

MARKER = "prongsai-build.json"


def write(root, rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def page(title, body=""):
    return (
        '<!doctype html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{title}</title><link rel=stylesheet href=/assets/style.css></head>"
        f"<body><h1>{title}</h1>{body}</body></html>\n"
    )


def blob(seed, size):
    rnd = random.Random(seed)
    return bytes(rnd.getrandbits(8) for _ in range(size))


def site(root, variant):
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root)
    files = {}
    files["index.html"] = page("อบต.เมืองหลวง", "<p>ประกาศจัดซื้อจัดจ้าง</p>")
    files["ita/2569/index.html"] = page("ITA 2569", "<p>O12 O13 O14</p>")
    files[".htaccess"] = "Options -Indexes\n"
    files[".well-known/security.txt"] = "Contact: mailto:it@example.go.th\n"
    if variant in ("v1", "v2"):
        files["about/index.html"] = page("เกี่ยวกับ")
        files["assets/style.css"] = "body{font-family:sans-serif;color:#111}\n"
        files["assets/app.js"] = "console.log('prongsai');\n"
        files["assets/logo.svg"] = '<svg xmlns="http://www.w3.org/2000/svg"/>\n'
        files["data/2569/procurements.json"] = json.dumps(
            [{"id": i, "method": "เฉพาะเจาะจง", "amount": 1000 * i} for i in range(50)],
            ensure_ascii=False)
        files["data/2569/procurements.csv"] = "id,amount\n" + "".join(f"{i},{1000 * i}\n" for i in range(50))
        files["data/2569/plan.json"] = '{"lines":[]}\n'
        files["data/2569/months/2569-01.xlsx"] = blob(1, 20000)
        files["data/2569/months/2569-01.pdf"] = blob(2, 30000)
        files["ประกาศ/จัดซื้อ จัดจ้าง 2569.html"] = page("ประกาศ")
        for i in range(1, 31):
            files[f"news/{i}.html"] = page(f"ข่าว {i}")
    if variant == "v2":
        # same size, different bytes: only a content comparison sees it
        files["assets/style.css"] = "body{font-family:sans-serif;color:#222}\n"
        files["index.html"] = page("อบต.เมืองหลวง", "<p>ประกาศจัดซื้อจัดจ้าง (ปรับปรุง)</p>")
        files["data/2569/months/2569-02.xlsx"] = blob(3, 15000)
        files["news/31.html"] = page("ข่าว 31")
        for i in (1, 2, 3):
            del files[f"news/{i}.html"]
        del files["about/index.html"]
    if variant == "corrupt":
        files["assets/corrupt-on-upload.css"] = "body{margin:0}\n"
    for rel, data in files.items():
        write(root, rel, data)
    marker = {
        "generator": "prongsai",
        "version": "0.1.0-test",
        "ok": True,
        "errors": 0,
        "warnings": 2,
        "files": len(files) + 1,
        "ita_index": ["ita/2569/index.html"],
    }
    write(root, MARKER, json.dumps(marker))
    return 0


def break_site(root, how):
    path = os.path.join(root, MARKER)
    with open(path, encoding="utf-8") as f:
        marker = json.load(f)
    if how == "no-marker":
        os.remove(path)
        return 0
    if how == "not-ok":
        marker["ok"] = False
    elif how == "errors":
        marker["ok"] = True
        marker["errors"] = 3
    elif how == "no-index":
        os.remove(os.path.join(root, "index.html"))
        marker["files"] -= 1
    elif how == "no-ita":
        os.remove(os.path.join(root, "ita/2569/index.html"))
        marker["files"] -= 1
    elif how == "empty-ita":
        marker["ita_index"] = []
    elif how == "count":
        write(root, "left-over-from-an-old-build.html", "old\n")
    elif how == "not-prongsai":
        marker["generator"] = "hugo"
    else:
        raise SystemExit(f"unknown damage {how!r}")
    write(root, MARKER, json.dumps(marker))
    return 0


def digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def tree(root):
    files, dirs = {}, set()
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            dirs.add(os.path.relpath(os.path.join(dirpath, d), root))
        for name in filenames:
            full = os.path.join(dirpath, name)
            files[os.path.relpath(full, root)] = full
    return files, dirs


def snapshot(root, out):
    files, _ = tree(root)
    snap = {}
    for rel, full in files.items():
        st = os.lstat(full)
        snap[rel] = [digest(full), st.st_ino, st.st_ctime_ns]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(snap, f, ensure_ascii=False, sort_keys=True)
    return 0


def touched(snap_path, root):
    with open(snap_path, encoding="utf-8") as f:
        snap = json.load(f)
    files, _ = tree(root)
    lines = []
    for rel, full in files.items():
        st = os.lstat(full)
        if rel not in snap:
            lines.append("+" + rel)
        elif [st.st_ino, st.st_ctime_ns] != snap[rel][1:]:
            lines.append("~" + rel)
    for rel in snap:
        if rel not in files:
            lines.append("-" + rel)
    for line in sorted(lines, key=lambda s: (s[1:], s[0])):
        print(line)
    return 0


def same(a, b):
    fa, da = tree(a)
    fb, db = tree(b)
    bad = []
    for rel in sorted(set(fa) | set(fb)):
        if rel not in fb:
            bad.append(f"missing on the server: {rel}")
        elif rel not in fa:
            bad.append(f"extra on the server: {rel}")
        else:
            with open(fa[rel], "rb") as x, open(fb[rel], "rb") as y:
                if x.read() != y.read():
                    bad.append(f"bytes differ: {rel}")
    for rel in sorted(da ^ db):
        bad.append(f"folder only on {'the site' if rel in da else 'the server'}: {rel}")
    for line in bad:
        print(line)
    return 1 if bad else 0


def perms(root):
    files, _ = tree(root)
    bad = [rel for rel, full in files.items() if not os.stat(full).st_mode & 0o004]
    for rel in sorted(bad):
        print(f"not world-readable: {rel}")
    return 1 if bad else 0


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    return {
        "site": site,
        "break": break_site,
        "snapshot": snapshot,
        "touched": touched,
        "same": same,
        "perms": perms,
    }[cmd](*args)


if __name__ == "__main__":
    sys.exit(main())
