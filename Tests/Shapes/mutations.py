#!/usr/bin/env python3
"""Shapes and validator cannot drift apart: remove each required property from each instance
in specs/, one at a time, and require that both `ttlc check` and pyshacl (an independent SHACL
processor, using the project's own shapes.ttl) reject the mutated spec. The mutations are
derived from the shapes (every property shape with sh:minCount >= 1), not listed by hand.

Usage: mutations.py TTLC_BINARY SHAPES SPEC_DIR
Last line: "N passed, M failed" (one test per mutation, plus the unmutated baseline).
"""
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import pyshacl
from rdflib import BNode, Graph, Namespace, RDF, URIRef

SH = Namespace("http://www.w3.org/ns/shacl#")


def load_specs(spec_dir):
    graph = Graph()
    for root, _, files in os.walk(spec_dir):
        for name in sorted(files):
            if name.endswith(".ttl"):
                graph.parse(os.path.join(root, name), format="turtle")
    return graph


def required_paths(shapes, shape):
    """IRI paths with sh:minCount >= 1 on a node shape."""
    out = []
    for prop in shapes.objects(shape, SH.property):
        path = shapes.value(prop, SH.path)
        count = shapes.value(prop, SH.minCount)
        if isinstance(path, URIRef) and count is not None and int(count) >= 1:
            out.append(path)
    return out


def focus_nodes(shapes, data):
    """(shape, focus) pairs: targeted shapes by class, nested shapes through sh:node."""
    pairs = []
    seen = set()
    queue = []
    for shape in shapes.subjects(SH.targetClass, None):
        for cls in shapes.objects(shape, SH.targetClass):
            for node in data.subjects(RDF.type, cls):
                queue.append((shape, node))
    while queue:
        shape, node = queue.pop(0)
        if (shape, node) in seen:
            continue
        seen.add((shape, node))
        pairs.append((shape, node))
        for prop in shapes.objects(shape, SH.property):
            nested = shapes.value(prop, SH.node)
            path = shapes.value(prop, SH.path)
            if nested is not None and isinstance(path, URIRef):
                for value in data.objects(node, path):
                    queue.append((nested, value))
    return pairs


def describe(node):
    return node.n3() if isinstance(node, URIRef) else "[blank " + str(node)[:8] + "]"


def main():
    ttlc, shapes_path, spec_dir = sys.argv[1:4]
    shapes = Graph().parse(shapes_path, format="turtle")
    data = load_specs(spec_dir)
    work = tempfile.mkdtemp(prefix="ttlc-mutations-")

    def verdicts(graph, name):
        path = os.path.join(work, name + ".ttl")
        graph.serialize(path, format="turtle")
        ours = subprocess.run([ttlc, "check", path], capture_output=True).returncode
        conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
        return ours, conforms

    results = []
    ours, conforms = verdicts(data, "baseline")
    results.append(("baseline: specs/ is valid for both", ours == 0 and conforms))
    if not (ours == 0 and conforms):
        print(f"FAIL baseline: ttlc check exit {ours}, pyshacl conforms={conforms}")

    mutations = []
    for shape, node in focus_nodes(shapes, data):
        for path in required_paths(shapes, shape):
            if (node, path, None) in data:
                mutations.append((shape, node, path))

    def run(item):
        index, (shape, node, path) = item
        mutated = Graph()
        for triple in data:
            mutated.add(triple)
        mutated.remove((node, path, None))
        ours, conforms = verdicts(mutated, f"m{index}")
        label = f"remove {path.n3()} from {describe(node)} ({shape.n3()})"
        ok = ours == 1 and not conforms
        return label, ok, ours, conforms

    with ThreadPoolExecutor(max_workers=2) as pool:
        for label, ok, ours, conforms in pool.map(run, enumerate(mutations)):
            results.append((label, ok))
            if not ok:
                print(f"FAIL {label}: ttlc check exit {ours} (want 1), pyshacl conforms={conforms} (want False)")

    passed = sum(1 for _, ok in results if ok)
    failed = len(results) - passed
    print(f"# {len(mutations)} mutations derived from {shapes_path}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
