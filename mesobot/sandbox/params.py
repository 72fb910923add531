"""Reading Bot API parameters from form, multipart, query or JSON bodies."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import UploadFile
from starlette.requests import Request

from .errors import bad_request


@dataclass(frozen=True)
class Upload:
    """A file sent as a multipart part."""

    filename: str
    content_type: str
    content: bytes


async def read_params(request: Request) -> Params:
    """Collect the parameters of one Bot API call, whatever the encoding."""
    raw: dict[str, Any] = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            raise bad_request("can't parse JSON body") from None
        if not isinstance(body, dict):
            raise bad_request("JSON body must be an object")
        raw.update(body)
    elif content_type.startswith("application/x-www-form-urlencoded"):
        # The standard library's parser is several times faster than the multipart one.
        raw.update(parse_qsl((await request.body()).decode(), keep_blank_values=True))
    elif content_type.startswith("multipart/form-data"):
        async with request.form() as form:
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    raw[key] = Upload(
                        filename=value.filename or key,
                        content_type=value.content_type or "application/octet-stream",
                        content=await value.read(),
                    )
                else:
                    raw[key] = value
    return Params(raw)


class Params:
    """Typed access to parameters; nested values arrive as JSON strings in forms."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def has(self, name: str) -> bool:
        """Whether the parameter was sent at all."""
        return name in self.raw and self.raw[name] is not None

    def text(self, name: str, default: str | None = None) -> str | None:
        """A plain string parameter (never JSON-decoded)."""
        value = self.raw.get(name)
        if value is None:
            return default
        if isinstance(value, Upload):
            raise bad_request(f"wrong type of the parameter {name}")
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        """An integer parameter."""
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            raise bad_request(f"wrong parameter {name} type")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def number(self, name: str, default: float | None = None) -> float | None:
        """A float parameter."""
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        """A boolean parameter (``true``/``false``, ``1``/``0`` or a JSON bool)."""
        value = self.raw.get(name)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1")
        return bool(value)

    def structured(self, name: str, what: str = "object") -> Any:
        """A nested parameter: a JSON string in forms, or a value in JSON bodies."""
        value = self.raw.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {what} JSON object") from None
        return value

    def upload(self, name: str) -> Upload | str | None:
        """A file part, or a string (file id or URL) in its place."""
        value = self.raw.get(name)
        if value is None or isinstance(value, Upload | str):
            return value
        raise bad_request(f"wrong type of the parameter {name}")
