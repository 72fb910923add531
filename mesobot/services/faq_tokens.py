"""Text to token ids for the FAQ matcher's embeddings, as Hugging Face's ``tokenizers`` does
with WordLlama's LLaMA 2 tokenizer (mesobot/data: the ids in tokenizer.json.gz, the merges in
merges.npy): special tokens kept whole, "▁" before the text and for each space, characters
outside the vocabulary as their bytes, then byte-pair merges, lowest rank first."""

from __future__ import annotations

import gzip
import heapq
import json
import re
from functools import lru_cache

import numpy as np

from mesobot import data

# No token has "▁" after another character, so no merge crosses the start of a "▁" run:
# each piece (a "▁" run and what follows it) is merged on its own, and remembered.
_PIECE = re.compile(r"▁*[^▁]+|▁+")
_BITS = 15
_ID = (1 << _BITS) - 1


class Tokenizer:
    """Byte-pair encoding with byte fallback; ``encode`` is all of it there is."""

    def __init__(self) -> None:
        """Read the merges by rank and the ids of characters, bytes and special tokens."""
        table = json.loads(gzip.decompress(data.TOKENIZER.read_bytes()))
        self._characters: dict[str, int] = table["characters"]
        self._bytes: list[int] = table["bytes"]
        self._special: dict[str, int] = table["special"]
        # A pair of ids and what it merges into, by rank: each packed into one int (ids are
        # below 2**15), which takes half the memory of a dictionary of tuples.
        merges = np.load(data.MERGES).astype(np.int64)
        pairs = merges[:, 0] << _BITS | merges[:, 1]
        results = np.arange(len(merges)) << _BITS | merges[:, 2]
        self._merges: dict[int, int] = dict(zip(pairs.tolist(), results.tolist(), strict=True))
        longest_first = sorted(self._special, key=len, reverse=True)
        self._special_split = re.compile("(" + "|".join(map(re.escape, longest_first)) + ")")
        self._piece = lru_cache(maxsize=4096)(self._merge)

    def encode(self, text: str, *, limit: int) -> list[int]:
        """The first ``limit`` token ids of ``text``."""
        ids: list[int] = []
        # The split keeps the special tokens, at the odd places.
        for at, part in enumerate(self._special_split.split(text)):
            if at % 2:
                ids.append(self._special[part])
            elif part:
                for piece in _PIECE.findall("▁" + part.replace(" ", "▁")):
                    ids += self._piece(piece)
                    if len(ids) >= limit:
                        return ids[:limit]
        return ids[:limit]

    def _merge(self, piece: str) -> tuple[int, ...]:
        """Apply the merges to one piece, the lowest-ranked pair first (leftmost on a tie)."""
        ids: list[int] = []
        for character in piece:
            known = self._characters.get(character)
            if known is None:
                ids += [self._bytes[byte] for byte in character.encode("utf-8")]
            else:
                ids.append(known)
        count = len(ids)
        after = list(range(1, count + 1))  # the next symbol still standing
        before = list(range(-1, count - 1))
        merged = [False] * count
        queue = []
        for at in range(count - 1):
            if (found := self._merges.get(ids[at] << _BITS | ids[at + 1])) is not None:
                queue.append((found >> _BITS, at, ids[at], ids[at + 1]))
        heapq.heapify(queue)
        while queue:
            _, at, first, second = heapq.heappop(queue)
            following = after[at]
            # A pair changed since it was queued is stale.
            if merged[at] or following >= count or (ids[at], ids[following]) != (first, second):
                continue
            ids[at] = self._merges[first << _BITS | second] & _ID
            merged[following] = True
            after[at] = after[following]
            if after[at] < count:
                before[after[at]] = at
            for left in (before[at], at):  # the pairs the merged symbol now starts or ends
                if left < 0 or (right := after[left]) >= count:
                    continue
                if (found := self._merges.get(ids[left] << _BITS | ids[right])) is not None:
                    heapq.heappush(queue, (found >> _BITS, left, ids[left], ids[right]))
        return tuple(ids[at] for at in range(count) if not merged[at])
