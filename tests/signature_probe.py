"""Run inside a real ZenML 0.20.x venv: compare the generated call-signature index
(rules/data/zenml020_signatures.json) with what ``inspect.signature`` says about the
imported objects. Prints one JSON document: counts and the disagreements.

    <venv>/bin/python tests/signature_probe.py INDEX.json 0.20.5

An object whose module cannot be imported here (an integration SDK is missing) is skipped.
"strict" lists what would give a false finding: a keyword the real object accepts and the
index rejects, or a parameter the index requires and the real object does not. "lenient"
lists the other way round (a finding the index cannot give; informative).
"""

import importlib
import inspect
import json
import sys
import warnings

VERSION_SLOT = {"0.20.0": 0, "0.20.5": 1}


def for_version(value, slot):
    return value[slot] if isinstance(value, list) else value


def parse(sig: str):
    """(names accepted by keyword, required names, takes **kwargs, takes *args)."""
    names, required, var_kw, var_pos = set(), set(), False, False
    posonly = "/" in sig.split(",")
    seen_slash = not posonly
    for part in filter(None, sig.split(",")):
        if part == "/":
            seen_slash = True
            continue
        if part.startswith("**"):
            var_kw = True
        elif part.startswith("*"):
            var_pos = var_pos or part != "*"
        else:
            name = part.rstrip("=")
            if seen_slash:
                names.add(name)
            if not part.endswith("="):
                required.add(name)
    return names, required, var_kw, var_pos


def real(obj, bound_first=False):
    sig = inspect.signature(obj)
    names, required, var_kw, var_pos = set(), set(), False, False
    params = list(sig.parameters.values())
    for p in params:
        if p.kind is p.VAR_KEYWORD:
            var_kw = True
        elif p.kind is p.VAR_POSITIONAL:
            var_pos = True
        else:
            if p.kind is not p.POSITIONAL_ONLY:
                names.add(p.name)
            if p.default is p.empty:
                required.add(p.name)
    return names, required, var_kw, var_pos


def real_of(obj):
    """The signature that decides a call: a singleton metaclass or a wrapper that takes
    ``(*args, **kwargs)`` hands everything to ``__init__`` / the wrapped function."""
    got = real(obj)
    if got[0] or got[1] or not (got[2] and got[3]):
        return got
    if inspect.isclass(obj):
        init = real(obj.__init__)
        names = init[0] - {"self"}
        return names, init[1] - {"self"}, init[2], init[3]
    inner = getattr(obj, "__wrapped__", None)
    return real(inner) if inner is not None else None


def load(path):
    parts = path.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except Exception:  # noqa: BLE001 - a missing integration SDK, anything at import
            continue
        for attr in parts[i:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(path)


def main() -> None:
    index = json.load(open(sys.argv[1]))
    slot = VERSION_SLOT[sys.argv[2]]
    warnings.simplefilter("ignore")
    checked, skipped, strict, lenient = 0, 0, [], []
    targets = [(p, for_version(s, slot)) for p, s in index["functions"].items()]
    for path, entry in index["classes"].items():
        entry = for_version(entry, slot)
        if entry and "i" in entry:
            targets.append((path, entry["i"]))
        for member, kind in (entry or {}).get("m", {}).items():
            if kind[:1] in ("~", "^"):
                targets.append((f"{path}.{member}", kind))
    for path, sig in targets:
        if sig is None:
            continue
        method = sig[:1] in ("~", "^")
        try:
            obj = load(path)
            if method:
                owner = load(path.rpartition(".")[0])
                raw = inspect.getattr_static(owner, path.rpartition(".")[2])
                if sig[0] == "~" and isinstance(raw, (staticmethod, classmethod)) or sig[0] == "^" and not isinstance(raw, (staticmethod, classmethod)):
                    raise TypeError("method kind differs")
                got = real_of(obj)
                if got is None:
                    raise LookupError("a wrapper")
                if sig[0] == "~":  # looked up on the class: drop ``self``
                    first = next(iter(inspect.signature(obj).parameters), None)
                    got = (got[0] - {first}, got[1] - {first}, got[2], got[3])
                sig = sig[1:]
            else:
                got = real_of(obj)
        except TypeError as exc:
            if "kind differs" in str(exc):
                strict.append({"path": path, "index": sig, "real": "other method kind"})
            skipped += 1
            continue
        except Exception:  # noqa: BLE001
            skipped += 1
            continue
        if got is None:  # a (*args, **kwargs) wrapper with nothing behind it to compare
            skipped += 1
            continue
        checked += 1
        want = parse(sig)
        # a pydantic model whose Config.extra is ignore/allow takes unknown keywords (the index
        # writes ``**extra``) though its __signature__ does not show them
        pydantic_extra = "**extra" in sig.split(",") and not got[2]
        record = {"path": path, "index": sig, "real": str(inspect.signature(obj))}
        rejects_real = not want[2] and bool(got[0] - want[0])
        if rejects_real or (got[2] and not want[2]) or bool(want[1] - got[1]):
            strict.append(record)
        elif want[0] != got[0] or got[1] != want[1] or (want[2] != got[2] and not pydantic_extra):
            lenient.append(record)
    print(json.dumps({"checked": checked, "skipped": skipped, "strict": strict, "lenient": lenient}, indent=1))


if __name__ == "__main__":
    main()
