#!/usr/bin/python3
"""gen-corpus.py N OUTDIR -- write an N-fold corpus of the bundled report trees.

Every seed tree (assets/corpus/*.json) is written N times into OUTDIR, as
STEM.KKK.json (KKK = 001 .. N, zero-padded so the loader's sorted order is the
copy order). Copy 1 is the seed itself, addresses unchanged, so `ndvr
A/74/90#p10` and the reader's default start still work. In copy k >= 2 every
address of the copy's own making gets the suffix "/Ck":

  A/74/90           -> A/74/90/C7           (the document and its symbol)
  A/74/90#p10       -> A/74/90/C7#p10       (every node inside it)
  GE-NDV/2018/4     -> GE-NDV/2018/4/C7     (working papers: not under '#')

and so does every reference, submitter, relation and symbol that names one of
them, so each copy is a closed world: a reference of copy k resolves inside
copy k (A/74/90's references to A/72/304 go to copy k of A/72/304). Countries
("NOR") and externals ("A/RES/71/67") are shared by every copy, as the loader
merges them. Texts and titles are left alone, so every at/len stays valid.

The last footnote of the last copy of the last seed (the last node the loader
reads) ends with a marker, MARKER below, so that a search for it must read
the whole corpus and finds exactly one hit (--no-marker leaves it out).

The files are printed as cJSON_Print prints them (tabs), like the seeds, so
the size is the seeds' size times N plus the suffixes: 100x is 28.5 MB.
The output is deterministic: the same seeds and N give the same bytes.

Usage: gen-corpus.py [--seeds DIR] [--no-marker] N OUTDIR
Check: NDVR_CORPUS=OUTDIR ./build/ndvr check
"""

import argparse
import json
import os
import sys

MARKER = "终点标记UNIQUEEND2024"
# Members whose string values are addresses (see man/ndvr-tree.5): a node's
# address, a document's or paper's symbol, a reference's target, a submitter's
# expert and footnote, a relation's other paper and its via (an address for
# same-submitter and cited-together; free text otherwise, left alone as it
# never equals an address).
ADDRESS_KEYS = ("address", "symbol", "to", "expert", "footnote", "via")


def cjson_string(s):
    """A JSON string as cJSON prints it: non-ASCII raw, controls as \\uXXXX."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "\b\f\n\r\t":
            out.append({"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def cjson_print(value, depth=0):
    """value formatted as cJSON_Print (formatted output) does."""
    if isinstance(value, dict):
        if not value:
            return "{\n" + "\t" * depth + "}"
        items = [
            "\t" * (depth + 1) + cjson_string(k) + ":\t" + cjson_print(v, depth + 1)
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + "\t" * depth + "}"
    if isinstance(value, list):
        # cJSON counts an array as a level of nesting too
        return "[" + ", ".join(cjson_print(v, depth + 1) for v in value) + "]"
    if isinstance(value, str):
        return cjson_string(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    raise ValueError("unexpected JSON value %r" % (value,))


def own_addresses(trees):
    """The seeds' document symbols and working-paper addresses (not under '#')."""
    docs, papers = set(), set()

    def walk(node):
        if node.get("kind") == "working-paper":
            papers.add(node["address"])
        for child in node.get("children", []):
            walk(child)

    for tree in trees:
        docs.add(tree["document"]["address"])
        walk(tree["document"])
    return docs, papers


def renamer(docs, papers, suffix):
    """A function mapping one string to its name in the copy with suffix."""

    def rename(s):
        if s in docs or s in papers:
            return s + suffix
        hash_at = s.find("#")
        if hash_at > 0 and s[:hash_at] in docs:
            return s[:hash_at] + suffix + s[hash_at:]
        return s

    return rename


def rewrite(value, rename):
    """A copy of value with every address member renamed."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in ADDRESS_KEYS and isinstance(v, str):
                out[k] = rename(v)
            else:
                out[k] = rewrite(v, rename)
        return out
    if isinstance(value, list):
        return [rewrite(v, rename) for v in value]
    return value


def last_footnote(node):
    """The last footnote node in document order, or None."""
    found = node if node.get("kind") == "footnote" else None
    for child in node.get("children", []):
        found = last_footnote(child) or found
    return found


def load_seeds(seed_dir):
    names = sorted(n for n in os.listdir(seed_dir) if n.endswith(".json") and n[0] != ".")
    if not names:
        sys.exit("gen-corpus: no *.json files in %s" % seed_dir)
    seeds = []
    for name in names:
        path = os.path.join(seed_dir, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        tree = json.loads(text)
        seeds.append((name[: -len(".json")], tree, text))
    return seeds


def copy_name(stem, k, width):
    return "%s.%0*d.json" % (stem, width, k)


def remove_old_copies(outdir, stems):
    """Remove STEM.K.json files of an earlier run: the loader would read them too."""
    for name in os.listdir(outdir):
        stem, _, rest = name.partition(".")
        number, _, ext = rest.partition(".")
        if stem in stems and number.isdigit() and ext == "json":
            os.remove(os.path.join(outdir, name))


def foreign_trees(outdir, stems):
    """*.json files in outdir that are not copies of ours: the loader would read them too."""
    out = []
    for name in sorted(os.listdir(outdir)):
        stem, _, rest = name.partition(".")
        number, _, ext = rest.partition(".")
        if name.endswith(".json") and not (stem in stems and number.isdigit() and ext == "json"):
            out.append(name)
    return out


def generate(seeds, n, outdir, marker=MARKER):
    """Write the n copies of every seed into outdir; returns the paths written. Refuses (exit)
    a directory holding other trees, such as the seeds' own."""
    docs, papers = own_addresses([tree for _, tree, _ in seeds])
    width = max(3, len(str(n)))
    os.makedirs(outdir, exist_ok=True)
    stems = [stem for stem, _, _ in seeds]
    foreign = foreign_trees(outdir, stems)
    if foreign:
        sys.exit("gen-corpus: %s already holds other trees (%s): give an empty directory"
                 % (outdir, ", ".join(foreign[:3])))
    remove_old_copies(outdir, stems)
    paths = []
    for si, (stem, tree, _) in enumerate(seeds):
        for k in range(1, n + 1):
            copy = tree if k == 1 else rewrite(tree, renamer(docs, papers, "/C%d" % k))
            if marker and si == len(seeds) - 1 and k == n:
                copy = json.loads(json.dumps(copy))  # the seed stays untouched
                fn = last_footnote(copy["document"])
                if fn is None:
                    sys.exit("gen-corpus: %s has no footnote for the marker" % stem)
                fn["text"] = fn.get("text", "") + marker
            path = os.path.join(outdir, copy_name(stem, k, width))
            with open(path, "w", encoding="utf-8") as f:
                f.write(cjson_print(copy) + "\n")
            paths.append(path)
    return paths


def default_seed_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(os.path.dirname(here), "assets", "corpus")


def main(argv):
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\nUsage:")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("n", type=int, metavar="N", help="copies of each report (>= 1)")
    ap.add_argument("outdir", metavar="OUTDIR", help="directory to write (created)")
    ap.add_argument("--seeds", default=default_seed_dir(), help="seed trees (assets/corpus)")
    ap.add_argument("--no-marker", action="store_true", help="leave out the end marker")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    seeds = load_seeds(args.seeds)
    for stem, tree, text in seeds:
        if cjson_print(tree) + "\n" != text:
            sys.exit("gen-corpus: %s/%s.json is not printed as cJSON prints" % (args.seeds, stem))
    paths = generate(seeds, args.n, args.outdir, None if args.no_marker else MARKER)
    total = sum(os.path.getsize(p) for p in paths)
    print("%d files, %d bytes, in %s" % (len(paths), total, args.outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
