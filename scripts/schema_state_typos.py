#!/usr/bin/env python3
"""scripts/schema_state_typos.py: writes the state section's propertyNames of
docs/scenario.schema.json: a custom state variable one edit (an insertion, deletion,
substitution or swap of neighbours) from a built-in one is refused, as `salesim check` refuses
it (engine/scenario.c, misspelt_known).  Run it after changing the built-in variables:
    python3 scripts/schema_state_typos.py docs/scenario.schema.json
"""
import json, sys
from collections import OrderedDict

KNOWN = ["interest", "trust", "patience", "value_acknowledged", "on_purchase_list"]
ANY = "[a-z0-9_]"

def near_misses(w):
    """Regex alternatives matching every name at edit distance <= 1 from w."""
    alts = []
    for i in range(len(w)):
        alts.append(w[:i] + ANY + "?" + w[i + 1:])          # deletion, substitution (or w)
    for i in range(len(w) + 1):
        alts.append(w[:i] + ANY + w[i:])                    # insertion
    for i in range(len(w) - 1):
        if w[i] != w[i + 1]:
            alts.append(w[:i] + w[i + 1] + w[i] + w[i + 2:])  # swap
    return alts

def main(path):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f, object_pairs_hook=OrderedDict)
    alts = [a for w in KNOWN for a in near_misses(w)]
    state = schema["properties"]["state"]
    state["propertyNames"] = OrderedDict([
        ("pattern", "^[a-z][a-z0-9_]*$"),
        ("$comment", "a name one edit from a built-in variable is taken for a typo "
                     "(scripts/schema_state_typos.py writes this)"),
        ("anyOf", [OrderedDict([("enum", KNOWN)]),
                   OrderedDict([("not", OrderedDict([("pattern", "^(" + "|".join(alts) + ")$")]))])]),
    ])
    with open(path, "w", encoding="utf-8") as f:
        json.dump(schema, f, ensure_ascii=False, indent=2)
        f.write("\n")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/scenario.schema.json")
