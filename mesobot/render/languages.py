"""The consent message and the language choice, in whichever language is chosen."""

from __future__ import annotations

from mesobot.content import Catalogues

from .callbacks import Consent, LanguagePick
from .format import Rows


def language_rows(catalogues: Catalogues, *, current: str, invite: str = "") -> Rows:
    """One button per other language, each named in its own language."""
    others = [language for code, language in catalogues.languages.items() if code != current]
    return [[(language.name, LanguagePick(language.code, invite).pack()) for language in others]]


def consent(
    catalogues: Catalogues, code: str, *, name: str, clinic: str | None, invite: str
) -> tuple[str, Rows]:
    """What we store and why, with agree and decline; a clinic's invitation below it; and a
    one-tap switch to each other language."""
    catalogue = catalogues[code]
    text = catalogue.text("consent", name=name)
    if clinic:
        text = f"{text}\n\n{catalogue.text('invite_welcome', clinic=clinic)}"
    answers = [
        (catalogue.text("btn_consent_yes"), Consent("yes", invite, code).pack()),
        (catalogue.text("btn_consent_no"), Consent("no", "", code).pack()),
    ]
    return text, [answers, *language_rows(catalogues, current=code, invite=invite)]
