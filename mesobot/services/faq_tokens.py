"""Text to token ids for the FAQ matcher's embeddings, as Hugging Face's ``tokenizers`` does
with WordLlama's LLaMA 2 tokenizer (mesobot/data/tokenizer.json.gz): special tokens kept
whole, "▁" before the text and for each space, characters outside the vocabulary as their
bytes, then byte-pair merges, lowest rank first."""

from __future__ import annotations

import gzip
import heapq
import json
import re
from functools import lru_cache
from pathlib import Path

from mesobot import data

# No token has "▁" after another character, so no merge crosses the start of a "▁" run:
# each piece (a "▁" run and what follows it) is merged on its own, and remembered.
_PIECE = re.compile(r"▁*[^▁]+|▁+")


class Tokenizer:
    """Byte-pair encoding with byte fallback; ``encode`` is all of it there is."""

    def __init__(self, path: Path = data.TOKENIZER) -> None:
        """Read the vocabulary, the merges by rank and the special tokens."""
        config = json.loads(gzip.decompress(path.read_bytes()))
        vocabulary: dict[str, int] = config["model"]["vocab"]
        self._vocabulary = vocabulary
        self._bytes = [vocabulary[f"<0x{byte:02X}>"] for byte in range(256)]
        # (first, second) -> (rank, merged)
        self._merges: dict[tuple[int, int], tuple[int, int]] = {}
        for rank, merge in enumerate(config["model"]["merges"]):
            first, second = merge.split(" ") if isinstance(merge, str) else merge
            pair = (vocabulary[first], vocabulary[second])
            self._merges[pair] = (rank, vocabulary[first + second])
        self._special = {token["content"]: token["id"] for token in config["added_tokens"]}
        longest_first = sorted(self._special, key=len, reverse=True)
        self._special_split = re.compile("(" + "|".join(map(re.escape, longest_first)) + ")")
        self._piece = lru_cache(maxsize=1 << 16)(self._merge)

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
            known = self._vocabulary.get(character)
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
            if found := self._merges.get((ids[at], ids[at + 1])):
                queue.append((found[0], at, ids[at], ids[at + 1]))
        heapq.heapify(queue)
        while queue:
            _, at, first, second = heapq.heappop(queue)
            following = after[at]
            # A pair changed since it was queued is stale.
            if merged[at] or following >= count or (ids[at], ids[following]) != (first, second):
                continue
            ids[at] = self._merges[first, second][1]
            merged[following] = True
            after[at] = after[following]
            if after[at] < count:
                before[after[at]] = at
            for left in (before[at], at):  # the pairs the merged symbol now starts or ends
                if left < 0 or (right := after[left]) >= count:
                    continue
                if found := self._merges.get((ids[left], ids[right])):
                    heapq.heappush(queue, (found[0], left, ids[left], ids[right]))
        return tuple(ids[at] for at in range(count) if not merged[at])
