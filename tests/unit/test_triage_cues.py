"""Russian and Spanish warning signs read by their cue tables, clause by clause: what names a
sign, and what clears it (negated, over, long ago, imagined, someone else's)."""

from __future__ import annotations

import pytest

from mesobot.content import load_catalogues
from mesobot.services import triage_net

CATALOGUES = load_catalogues()


def signs(text: str, language: str) -> set[str]:
    return {finding.sign for finding in triage_net.cues(language).read(text).findings}


@pytest.mark.parametrize("language", sorted(triage_net.PLAIN_THRESHOLDS))
def test_each_cue_table_names_every_warning_sign_of_its_language(language: str) -> None:
    assert set(triage_net.cues(language).signs) == set(CATALOGUES[language].warnings)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Со вчерашнего вечера 38,7 и ломит всё тело", {"fever"}),
        ("Губы раздуло, как после пчелы", {"face_swelling"}),
        ("Воздуха не хватает, как будто на грудь положили камень", {"breathing"}),
        ("Прошло уже десять дней, а синяк не сходит", {"long_bruising"}),
        ("Кровь из точки не останавливается уже полчаса", {"bleeding"}),
        ("Обезболивающее не помогает, голова раскалывается", {"severe_pain"}),
        # Negated, over, someone else's, imagined.
        ("Температуры нет, губы не опухли", set()),
        ("Вчера была 38,2, сегодня уже 36,6", set()),
        ("У мужа температура 39, он простыл", set()),
        ("Что делать, если губы начнут опухать?", set()),
        # A later clause that says it passed clears what came before, but not a faint.
        ("После сеанса кружилась голова, но потом прошло", set()),
        ("Вечером потеряла сознание на минуту, сейчас уже лучше", {"fainting"}),
        # A question about the treatment, then "that is me".
        ("Бывает, что после мезо выскакивает нарыв? У меня как раз такой", {"pus"}),
        ("Мне уже 40, не поздно начинать?", set()),
        # "Just in case" imagines it; "I write just in case" reports it.
        ("На всякий случай: что пить, если поднимется температура 38,5?", set()),
        ("Пишу на всякий случай: у меня температура 38,5", {"fever"}),
        ("Красное пятно за два дня стало в два раза больше", {"spreading_redness"}),
        ("Правда, у меня лицо отекло, может лучше перенести?", {"face_swelling"}),
        # A clause that only says no denies the one before; "не проходит" does not.
        ("Жар — нет, гной — нет, всё по чек-листу", set()),
        ("Синяк 8 дней, не бледнеет", {"long_bruising"}),
        ("Головокружение было только в кабинете, дома его уже не было", set()),
        # "0" counts as none; a parrot, a video are someone else's.
        ("День 4: 0 синяков, 0 гноя", set()),
        ("У попугая клюв кровит, везу к ветеринару", set()),
        ("Смотрела видео, где у девушки лицо разнесло после мезо", set()),
        # "Больше" and "больница" are no pain; "ведёт себя" is no dizziness.
        ("Кровотечение было остановлено за пять минут и больше не возобновлялось", set()),
        ("Одышка прошла, в больницу не ездила, голова ведёт себя прилично", set()),
        ("Вчера болело сильно, но сегодня и следа не осталось", set()),
        ("У одной вашей клиентки, говорят, губы раздуло", set()),
        ("Синяк на виске так до сих пор и не сошёл, уже 12-й день", {"long_bruising"}),
        # Hard wordings: days in words, pain nothing shifts, no air, over the line drawn.
        ("Синяк держится двенадцать дней и стал шире", {"long_bruising"}),
        ("Голова раскалывается, ничем не снимается второй день", {"severe_pain"}),
        ("В комнате как будто воздуха нет, дышу часто-часто", {"breathing"}),
        ("Покраснение вылезло за контур, который я обвела утром", {"spreading_redness"}),
        # This session's rounds: a clause that says the sign it names again is over, but not
        # another; "болше" is no pain; eyes rolled back; prices and coffee; a weight on a form.
        ("В прошлую среду отекло лицо, однако к обеду отёк полностью прошёл", set()),
        ("Губы опухли, а синяк прошёл", {"face_swelling"}),
        ("vchera v glazah potemnelo, no eto bylo odin raz i bolshe net", set()),
        ("Глаза закатились, ничего не помню, как упала", {"fainting"}),
        ("Цены на шампуни — просто обморок", set()),
        ("Заполняю анкету: рост 162, вес 39,5", set()),
        ("Боль нестерпимая, таблетки не помогают", {"severe_pain"}),
    ],
)
def test_russian(text: str, expected: set[str]) -> None:
    assert signs(text, "ru") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Desde anoche estoy a 38,6 y con escalofríos", {"fever"}),
        ("Se me ha hinchado el labio de abajo un montón", {"face_swelling"}),
        ("No puedo respirar bien, me ahogo al subir la escalera", {"breathing"}),
        ("El moratón lleva dos semanas y no se me quita", {"long_bruising"}),
        ("Un pinchazo no para de sangrar", {"bleeding"}),
        ("Me duele muchísimo y ni con ibuprofeno se calma", {"severe_pain"}),
        # "Sí" is yes, not "if".
        ("Sí, me he desmayado en el baño", {"fainting"}),
        # Negated, over, someone else's, imagined.
        ("No tengo fiebre ni hinchazón", set()),
        ("Tuve un moratón, pero ya se me quitó", set()),
        ("Mi hermana tiene 39 de fiebre, ¿puedo ir a la cita?", set()),
        ("¿Qué hago si me sale pus?", set()),
        ("Tengo 41 años, ¿es tarde para la meso?", set()),
        # Cents are no temperature; "lo comento por si acaso" reports, it does not imagine.
        ("El recibo marca 38,50 euros", set()),
        ("Me salen granitos que supuran, lo comento por si acaso", {"pus"}),
        ("¿Pus? Ni de coña, está todo limpio", set()),
        ("Casi me desmayo al ver el precio del bono, jajaja", set()),
        # "0" counts as none; a contestant on television is someone else.
        ("Día 2: 0 mareos, 0 pus", set()),
        ("En el programa a un concursante se le hinchó la cara", set()),
        # Small words between "no" and the sign; what is over, and what only seems to be.
        ("No se me ha hinchado la cara y no me ha vuelto a sangrar", set()),
        ("Me mareé el martes un momento, pero no ha vuelto a pasar", set()),
        ("Le comunico que me cuesta respirar desde esta mañana", {"breathing"}),
        ("Estoy un poco sin aire y con el pecho cerrado, será el calor", {"breathing"}),
        ("Lo rojo se me ha ido agrandando hasta la oreja", {"spreading_redness"}),
        ("¿Puedo ir con mi hija o mejor no? Tengo el labio muy inflado", {"face_swelling"}),
        ("En la báscula me salió 38,5 de grasa corporal", set()),
        # Hard wordings: new bruises without a knock, a knot in the chest, pain that grows
        # past ibuprofen, the lights going out, eyes like balls.
        ("Me salen moratones nuevos en las piernas sin darme ningún golpe", {"long_bruising"}),
        ("Tengo un nudo en el pecho desde ayer", {"breathing"}),
        ("El dolor va aumentando y no responde al ibuprofeno", {"severe_pain"}),
        ("Me levanto del sofá y se me apaga la tele", {"fainting"}),
        ("Tengo los ojos hechos bolas desde esta mañana", {"face_swelling"}),
        # This session's rounds: a boil, redness moving to the nape, "bien" as very, a car's
        # thermometer, "¿sería infección?", what something looks like, a clause that says
        # the sign it names again is over.
        ("En la coronilla me salió un nacido y está bien hinchado", {"pus"}),
        ("Lo rojo ya se me pasó pa la nuca y detrás de las orejas", {"spreading_redness"}),
        ("El termómetro del coche marcaba 41 al salir de la clínica", set()),
        ("Me salió un bulto caliente. ¿Sería infección?", {"pus"}),
        ("¿Qué pinta tiene el pus?", set()),
        ("Tuve los labios hinchados el lunes, pero la hinchazón ya se me pasó", set()),
        ("¿Es normal que tenga escalofríos y fiebre desde la mesoterapia de ayer?", {"fever"}),
    ],
)
def test_spanish(text: str, expected: set[str]) -> None:
    assert signs(text, "es") == expected


def test_a_sign_word_in_a_clause_nothing_clears_lowers_the_certainty_the_net_needs() -> None:
    cues = triage_net.cues("ru")
    named = cues.read("Какая-то шишка на затылке после уколов")
    assert named.named and not named.findings
    cleared = cues.read("Шишек нет, всё гладко")
    assert cleared.worded and not cleared.named


def test_one_finding_per_sign_in_order_of_mention() -> None:
    reading = triage_net.cues("ru").read("Голова болит адски, обезболивающее не помогает. Кружится")
    assert [finding.sign for finding in reading.findings] == ["severe_pain", "fainting"]
