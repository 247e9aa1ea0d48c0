"""Which arguments of a call a rewrite that drops arguments removes (libcst-free: the scan asks
it too, ``scan/resolved_with.py``, so that a finding inside a dropped argument goes with it)."""

from typing import Optional, Sequence, Set, Tuple


def dropped_slots(arguments: Sequence[Tuple[Optional[str], bool]], keyword: str, slot: Optional[int]) -> Set[int]:
    """Indexes (in source order) of the argument ``keyword`` of a call, given by keyword or at
    the positional ``slot`` (the ``drop_args`` of ``post_execution:PostExecution``, which removes
    them): ``arguments`` holds each argument's keyword (None: positional) and whether it is
    unpacked (``*args``, ``**kwargs``)."""
    out = {i for i, (name, _) in enumerate(arguments) if name == keyword}
    positional = [i for i, (name, star) in enumerate(arguments) if name is None and not star]
    if slot is not None and len(positional) > slot:
        out.add(positional[slot])
    return out
