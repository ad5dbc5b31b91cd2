#!/usr/bin/env python3
"""Synthetic labelled corpora for obezlik, a PII detector for Russian text.

What it makes
  * gold corpora in the format of shared/eval/score.py: one JSON document per line
    {"id", "source", "text", "spans": [{"label", "start", "end"}]}, CHARACTER offsets, spans
    sorted by start.  Four source families (the scorer groups by the part before ':'):
      log:*   service logs (nginx, syslog/sshd, postfix, java, python, JSON, Russian app logs ...)
      chat:*  LLM prompt histories (markdown, plain, JSON lines, OpenAI "messages") and support chats
      doc:*   requisites, contracts, powers of attorney, applications, claims, orders ...
      neg:*   PII-free hard negatives full of look-alike numbers (no spans at all)
    Labels: PHONE EMAIL INN OGRN OGRNIP SNILS PASSPORT CARD ACCOUNT KZ_IIN IP, plus PERSON,
    ADDRESS and SECRET, with span boundaries as in shared/SPEC.md section 1.  Every identifier
    passes its official check algorithm (implemented below).
  * demo inputs for the README: examples/app.log (mixed service log, plain lines) and
    examples/chat.jsonl (OpenAI-style {"messages": [...]} lines).

How to run (Python 3.11, standard library only, deterministic for a given --seed)
    python3 corpora/gen_corpus.py --seed 1 --docs 600 -o corpora/gold/dev.jsonl
    python3 corpora/gen_corpus.py --seed 2 --docs 600 -o corpora/gold/test.jsonl
    python3 corpora/gen_corpus.py --seed 1 --examples corpora/examples
    python3 corpora/gen_corpus.py --check corpora/gold/dev.jsonl     # re-validate, print counts
"""
import argparse
import base64
import collections
import datetime as dt
import ipaddress
import json
import os
import random
import re
import string
import sys

LABELS = ("PERSON", "PHONE", "EMAIL", "INN", "OGRN", "OGRNIP", "SNILS", "PASSPORT", "CARD",
          "ACCOUNT", "KZ_IIN", "IP", "ADDRESS", "SECRET")


# ============================================================================ check digits

def inn10_digit(d9):
    w = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return str(sum(int(c) * k for c, k in zip(d9, w)) % 11 % 10)


def inn12_digits(d10):
    w1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
    w2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
    c1 = str(sum(int(c) * k for c, k in zip(d10, w1)) % 11 % 10)
    c2 = str(sum(int(c) * k for c, k in zip(d10 + c1, w2)) % 11 % 10)
    return c1 + c2


def inn_ok(s):
    if len(s) == 10:
        return inn10_digit(s[:9]) == s[9]
    if len(s) == 12:
        return inn12_digits(s[:10]) == s[10:]
    return False


def ogrn_digit(d12):
    return str(int(d12) % 11 % 10)


def ogrnip_digit(d14):
    return str(int(d14) % 13 % 10)


def snils_digits(d9):
    s = sum(int(c) * w for c, w in zip(d9, range(9, 0, -1)))
    if s < 100:
        return f"{s:02d}"
    if s in (100, 101):
        return "00"
    s %= 101
    return "00" if s == 100 else f"{s:02d}"


def snils_ok(s):
    return len(s) == 11 and int(s[:9]) > 1001998 and snils_digits(s[:9]) == s[9:]


def luhn_digit(partial):
    total = 0
    for i, c in enumerate(reversed(partial)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(s):
    return luhn_digit(s[:-1]) == s[-1]


def kz_digit(d11):
    """Check digit of a Kazakh ИИН/БИН, or None when the number must be regenerated."""
    s = sum(int(c) * w for c, w in zip(d11, range(1, 12))) % 11
    if s == 10:
        s = sum(int(c) * w for c, w in zip(d11, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))) % 11
        if s == 10:
            return None
    return str(s)


def kz_ok(s):
    if len(s) != 12 or kz_digit(s[:11]) != s[11]:
        return False
    mm = int(s[2:4])
    iin = 1 <= mm <= 12 and 1 <= int(s[4:6]) <= 31 and s[6] in "123456"
    bin_ = 1 <= mm <= 12 and s[4] in "456"
    return iin or bin_


W713 = (7, 1, 3) * 8


def account_base(bik, acc):
    """The 23 digits the control key runs over: к/с uses '0' + БИК digits 5-6, р/с the last 3."""
    return ("0" + bik[4:6] if acc.startswith("30101") else bik[-3:]) + acc


def account_ok(bik, acc):
    return sum(int(c) * w for c, w in zip(account_base(bik, acc), W713)) % 10 == 0


def account_fix(bik, acc):
    """Set the key digit (position 9) so that the account is valid with this БИК."""
    for k in "0123456789":
        a = acc[:8] + k + acc[9:]
        if account_ok(bik, a):
            return a
    raise AssertionError("no control key")


# ============================================================================ span builder

class P:
    """A labelled value: becomes one gold span."""
    __slots__ = ("label", "value")

    def __init__(self, label, value):
        assert label in LABELS, label
        assert value and value == value.strip(), (label, value)
        self.label, self.value = label, value


class JB:
    """A ready JSON fragment (object or array) to put inside another JSON value."""

    def __init__(self, b):
        self.b = b


class Raw:
    """A JSON number or literal written as is."""

    def __init__(self, s):
        self.s = str(s)


class B:
    """Text under construction: a list of (text, label-or-None) segments.  Offsets of labelled
    segments are known exactly whatever is put around them."""

    def __init__(self, *items):
        self.segs = []
        self.add(*items)

    def add(self, *items):
        for it in items:
            if it is None:
                continue
            if isinstance(it, B):
                self.segs.extend(it.segs)
            elif isinstance(it, JB):
                self.segs.extend(it.b.segs)
            elif isinstance(it, P):
                self.segs.append((it.value, it.label))
            else:
                s = str(it).replace("руб..", "руб.").replace(" г..", " г.")
                # "возложить на Шубина В.П." + "." or "... руб." + ". Далее" -> one dot only
                if s.startswith(".") and not s.startswith("..") and self.segs and self.segs[-1][0].endswith("."):
                    s = s[1:]
                if s:
                    self.segs.append((s, None))
        return self

    def text(self):
        return "".join(s for s, _ in self.segs)

    def has_spans(self):
        return any(lab for _, lab in self.segs)

    def render(self):
        out, spans, pos = [], [], 0
        for s, lab in self.segs:
            if lab:
                spans.append({"label": lab, "start": pos, "end": pos + len(s), "value": s})
            out.append(s)
            pos += len(s)
        return "".join(out), spans

    def escaped(self):
        """The same text as the inside of a JSON string (segment-wise escaping)."""
        nb = B()
        for s, lab in self.segs:
            e = json.dumps(s, ensure_ascii=False)[1:-1]
            assert lab is None or e == s, ("labelled value needs escaping", s)
            nb.segs.append((e, lab))
        return nb


_FMT = string.Formatter()


def plural(n, one, few, many):
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} {one}"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return f"{n} {few}"
    return f"{n} {many}"


def F(tmpl, **kw):
    """Format a template whose {fields} may be plain strings, P values or B pieces."""
    b = B()
    for lit, field, spec, _conv in _FMT.parse(tmpl):
        if lit:
            b.add(lit)
        if field is not None:
            v = kw[field]
            b.add(format(v, spec) if spec else v)
    return b


def join(items, sep="\n"):
    b = B()
    for i, it in enumerate(items):
        if i:
            b.add(sep)
        b.add(it)
    return b


def jval(v):
    if isinstance(v, JB):
        return v.b
    if isinstance(v, Raw):
        return B(v.s)
    if v is None or isinstance(v, (bool, int, float)):
        return B(json.dumps(v))
    if isinstance(v, P):
        return B('"', B(v).escaped(), '"')
    if isinstance(v, B):
        return B('"', v.escaped(), '"')
    return B(json.dumps(str(v), ensure_ascii=False))


def jobj(pairs, spaced=False):
    b = B("{")
    for i, (k, v) in enumerate(pairs):
        if i:
            b.add(", " if spaced else ",")
        b.add(json.dumps(k, ensure_ascii=False), ": " if spaced else ":", jval(v))
    b.add("}")
    return JB(b)


def jarr(items, spaced=False):
    b = B("[")
    for i, v in enumerate(items):
        if i:
            b.add(", " if spaced else ",")
        b.add(jval(v))
    b.add("]")
    return JB(b)


# ============================================================================ vocabulary

MALE_FIRST = ("Александр Алексей Андрей Антон Артём Борис Вадим Валерий Василий Виктор Виталий "
              "Владимир Владислав Вячеслав Геннадий Георгий Глеб Григорий Даниил Денис Дмитрий "
              "Евгений Егор Иван Игорь Илья Кирилл Константин Леонид Максим Матвей Михаил Никита "
              "Николай Олег Павел Пётр Роман Руслан Сергей Станислав Степан Тимофей Фёдор Юрий "
              "Ярослав Арсений Лев Эдуард Семён").split()
FEMALE_FIRST = ("Александра Алина Алла Анастасия Анна Валентина Валерия Вера Вероника Виктория "
                "Галина Дарья Диана Екатерина Елена Елизавета Жанна Зоя Инна Ирина Карина Кристина "
                "Ксения Лариса Лидия Любовь Людмила Маргарита Марина Мария Надежда Наталья Нина "
                "Оксана Ольга Полина Светлана Софья Тамара Татьяна Ульяна Юлия Яна Евгения Регина").split()
PATRONYMICS = [tuple(p.split("/")) for p in (
    "Александрович/Александровна Алексеевич/Алексеевна Андреевич/Андреевна Анатольевич/Анатольевна "
    "Борисович/Борисовна Васильевич/Васильевна Викторович/Викторовна Владимирович/Владимировна "
    "Геннадьевич/Геннадьевна Григорьевич/Григорьевна Дмитриевич/Дмитриевна Евгеньевич/Евгеньевна "
    "Иванович/Ивановна Игоревич/Игоревна Ильич/Ильинична Константинович/Константиновна "
    "Леонидович/Леонидовна Михайлович/Михайловна Николаевич/Николаевна Олегович/Олеговна "
    "Павлович/Павловна Петрович/Петровна Романович/Романовна Сергеевич/Сергеевна "
    "Степанович/Степановна Юрьевич/Юрьевна Валерьевич/Валерьевна Вячеславович/Вячеславовна "
    "Фёдорович/Фёдоровна Никитич/Никитична Аркадьевич/Аркадьевна Тимофеевич/Тимофеевна").split()]
SURNAMES = ("Иванов Петров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Фёдоров Морозов "
            "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев "
            "Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв "
            "Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков "
            "Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров "
            "Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов "
            "Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов "
            "Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин "
            "Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв "
            "Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев "
            "Ермаков Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов "
            "Громов Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов "
            "Анисимов Ерёмин Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров "
            "Симонов Прокофьев Харитонов Князев Цветков Левин Митрофанов Воронов Аксёнов Мальцев "
            "Логинов Горшков Савин Краснов Майоров Демидов Елисеев Рыбаков Сафонов Плотников Суханов "
            "Вишневский Покровский Островский Каменский Яблонский Соколовский Белецкий Грицкий "
            "Черных Седых Долгих Белых Шевченко Бондаренко Гончаренко Коваленко Ткаченко Кравченко").split()
KZ_SURNAMES = ("Ахметов Жумабаев Касымов Нурланов Омаров Садыков Искаков Бекмухамедов Сейткалиев "
               "Абдрахманов Утебаев Муканов Темирханов Сатпаев Алиев Джаксыбеков").split()
KZ_MALE = "Нурлан Ерлан Асхат Данияр Айдос Арман Тимур Бауыржан Ержан Санжар Алмас Дамир Айдар".split()
KZ_FEMALE = "Айгерим Динара Асель Жанар Гульнара Салтанат Мадина Алия Камила Дана Аружан Жулдыз".split()
KZ_PATR = [tuple(p.split("/")) for p in (
    "Нурланович/Нурлановна Ерланович/Ерлановна Серикович/Сериковна Маратович/Маратовна "
    "Бахытович/Бахытовна Канатович/Канатовна Асхатович/Асхатовна Болатович/Болатовна "
    "Кайратович/Кайратовна Ермекович/Ермековна").split()]

FIRST_EXC = {
    "Павел": ("Павел", "Павла", "Павлу", "Павла", "Павлом"),
    "Лев": ("Лев", "Льва", "Льву", "Льва", "Львом"),
    "Пётр": ("Пётр", "Петра", "Петру", "Петра", "Петром"),
    "Илья": ("Илья", "Ильи", "Илье", "Илью", "Ильёй"),
    "Любовь": ("Любовь", "Любови", "Любови", "Любовь", "Любовью"),
}
NOM, GEN, DAT, ACC, INS = range(5)

TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split()))
TRANSLIT["ъ"] = TRANSLIT["ь"] = ""


def translit(s):
    out = []
    for c in s:
        t = TRANSLIT.get(c.lower())
        if t is None:
            out.append(c)
        else:
            out.append(t.capitalize() if c.isupper() else t)
    return "".join(out)


CITIES = [
    # name, postcode prefixes, phone codes, tax region (ИНН/ОГРН), ОКАТО (паспорт), БИК prefix
    dict(name="Москва", idx="101 105 107 109 115 117 119 121 123 125 127 129".split(),
         tel=("495", "499"), reg="77", okato="45", bik="044525"),
    dict(name="Санкт-Петербург", idx="190 191 192 193 194 195 196 197 198".split(),
         tel=("812",), reg="78", okato="40", bik="044030"),
    dict(name="Новосибирск", idx=("630",), tel=("383",), reg="54", okato="50", bik="045004"),
    dict(name="Екатеринбург", idx=("620",), tel=("343",), reg="66", okato="65", bik="046577"),
    dict(name="Казань", idx=("420",), tel=("843",), reg="16", okato="92", bik="049205"),
    dict(name="Нижний Новгород", idx=("603",), tel=("831",), reg="52", okato="22", bik="042202"),
    dict(name="Самара", idx=("443",), tel=("846",), reg="63", okato="36", bik="043601"),
    dict(name="Омск", idx=("644",), tel=("3812",), reg="55", okato="52", bik="045209"),
    dict(name="Ростов-на-Дону", idx=("344",), tel=("863",), reg="61", okato="60", bik="046015"),
    dict(name="Уфа", idx=("450",), tel=("347",), reg="02", okato="80", bik="048073"),
    dict(name="Красноярск", idx=("660",), tel=("391",), reg="24", okato="04", bik="040407"),
    dict(name="Пермь", idx=("614",), tel=("342",), reg="59", okato="57", bik="045773"),
    dict(name="Воронеж", idx=("394",), tel=("473",), reg="36", okato="20", bik="042007"),
    dict(name="Волгоград", idx=("400",), tel=("8442",), reg="34", okato="18", bik="041806"),
    dict(name="Краснодар", idx=("350",), tel=("861",), reg="23", okato="03", bik="040349"),
    dict(name="Саратов", idx=("410",), tel=("8452",), reg="64", okato="63", bik="046311"),
    dict(name="Тюмень", idx=("625",), tel=("3452",), reg="72", okato="71", bik="047102"),
    dict(name="Тула", idx=("300",), tel=("4872",), reg="71", okato="70", bik="047003"),
    dict(name="Иркутск", idx=("664",), tel=("3952",), reg="38", okato="25", bik="042520"),
    dict(name="Ярославль", idx=("150",), tel=("4852",), reg="76", okato="78", bik="047888"),
    dict(name="Владивосток", idx=("690",), tel=("423",), reg="25", okato="05", bik="040507"),
    dict(name="Хабаровск", idx=("680",), tel=("4212",), reg="27", okato="08", bik="040813"),
    dict(name="Калининград", idx=("236",), tel=("4012",), reg="39", okato="27", bik="042748"),
    dict(name="Мурманск", idx=("183",), tel=("8152",), reg="51", okato="47", bik="044705"),
    dict(name="Архангельск", idx=("163",), tel=("8182",), reg="29", okato="11", bik="041117"),
    dict(name="Челябинск", idx=("454",), tel=("351",), reg="74", okato="75", bik="047501"),
    dict(name="Барнаул", idx=("656",), tel=("3852",), reg="22", okato="01", bik="040173"),
]
CITY_W = [30, 14, 5, 5, 5, 4, 4, 3, 4, 3, 3, 3, 3, 3, 4, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 3, 2]
REGION_TOWNS = [
    ("Московская обл.", "14", ("Химки", "Королёв", "Мытищи", "Подольск", "Балашиха", "Одинцово", "Люберцы")),
    ("Ленинградская обл.", "18", ("Гатчина", "Всеволожск", "Выборг", "Кировск")),
    ("Свердловская обл.", "62", ("Нижний Тагил", "Каменск-Уральский", "Первоуральск")),
    ("Краснодарский край", "35", ("Сочи", "Новороссийск", "Армавир", "Анапа")),
    ("Республика Татарстан", "42", ("Набережные Челны", "Альметьевск", "Зеленодольск")),
]
KZ_CITIES = [
    dict(name="Алматы", idx="050", tel=("727",)),
    dict(name="Астана", idx="010", tel=("7172",)),
    dict(name="Караганда", idx="100", tel=("7212",)),
    dict(name="Шымкент", idx="160", tel=("7252",)),
]
KZ_STREETS = ("пр. Абая", "ул. Толе би", "пр. Достык", "ул. Сатпаева", "ул. Жибек Жолы",
              "ул. Кабанбай батыра", "пр. аль-Фараби", "ул. Байтурсынова", "ул. Кенесары",
              "пр. Республики", "ул. Желтоксан", "пр. Мангилик Ел")
KZ_MKR = ("Самал-2", "Аксай-4", "Орбита-3", "Жетысу-2", "Коктем-1", "Алмагуль")
FEM_STREETS = ("Садовая Лесная Центральная Молодёжная Школьная Набережная Первомайская Октябрьская "
               "Советская Комсомольская Заречная Луговая Полевая Новая Зелёная Пролетарская Рабочая "
               "Трудовая Берёзовая Профсоюзная Подгорная Речная Солнечная").split()
GEN_STREETS = ("Ленина;Мира;Гагарина;Пушкина;Кирова;Чкалова;Победы;Строителей;Маяковского;Лермонтова;"
               "Чехова;Горького;Карла Маркса;Фрунзе;Свердлова;8 Марта;Энтузиастов;Космонавтов;"
               "Куйбышева;Маршала Жукова;Дзержинского;Некрасова;Толстого;Суворова;Тургенева;Калинина;"
               "Декабристов;Щорса;Бауманская;Юности").split(";")
MASC_STREETS = ("Ленинский Кутузовский Московский Невский Комсомольский Тверской Цветной Гоголевский "
                "Северный Садовый Кленовый Солнечный Литейный Вознесенский").split()
NEUT_STREETS = ("Варшавское Ярославское Дмитровское Каширское Егорьевское Ленинградское").split()

COMPANY_NAMES = [("Ромашка", "romashka"), ("Вектор", "vektor"), ("Меридиан", "meridian"),
                 ("ТехноПром", "tekhnoprom"), ("Северный Транспорт", "severtrans"),
                 ("АгроСиб", "agro-sib"), ("Квартал", "kvartal"), ("Нева-Групп", "neva-group"),
                 ("СтройИнвест", "stroyinvest"), ("Альфа-Строй", "alfa-stroy"),
                 ("МедЦентр Плюс", "medcenter"), ("Оптима", "optima"), ("Горизонт", "gorizont"),
                 ("Сфера", "sfera"), ("Гранит", "granit"), ("Ладога", "ladoga"),
                 ("Уралметалл", "uralmetall"), ("ИнфоСофт", "infosoft"), ("Восход", "voskhod"),
                 ("Энергия", "energiya"), ("Логистик Про", "logistic-pro"), ("Финтех Лаб", "fintech-lab"),
                 ("Байкал-Сервис", "baikal-service"), ("Волга-Трейд", "volga-trade"),
                 ("Полярная Звезда", "polar-star"), ("ЭкоДом", "ekodom"), ("Цифровые Решения", "digital-sol")]
KZ_COMPANY_NAMES = [("Алтын Дала", "altyndala"), ("Казтранс Логистик", "kaztrans"), ("Жетысу Агро", "zhetysu-agro"),
                    ("Астана Софт", "astanasoft"), ("Сарыарка Строй", "saryarka")]
ORG_FULL = {"ООО": "Общество с ограниченной ответственностью",
            "АО": "Акционерное общество", "ПАО": "Публичное акционерное общество",
            "ЗАО": "Закрытое акционерное общество"}
BANKS = [("ПАО Сбербанк", "044525225"), ("АО «Т-Банк»", "044525974"), ("АО «Альфа-Банк»", "044525593"),
         ("Банк ВТБ (ПАО)", "044525187"), ("ПАО «Промсвязьбанк»", "044525555"),
         ("АО «Райффайзенбанк»", "044525700"), ("АО «Газпромбанк»", "044525823"),
         ("Уральский банк ПАО Сбербанк", "046577674"), ("Северо-Западный банк ПАО Сбербанк", "044030653"),
         ("Сибирский банк ПАО Сбербанк", "045004641"), ("ПАО «Совкомбанк»", "043469743"),
         ("ПАО «МТС-Банк»", "044525232"), ("АО «Россельхозбанк»", "044525111")]
REGIONAL_BANKS = ("КБ «Ладья»", "АО «Приморье»", "АО КБ «Кубань Кредит»", "ООО «Хлынов»",
                  "АО «Тинькофф Регион»", "ПАО «Урал ФД»", "АО «Севергазбанк»", "ООО КБ «Алтайкапиталбанк»")

PUBLIC_DOMAINS = ("mail.ru mail.ru yandex.ru yandex.ru ya.ru gmail.com gmail.com bk.ru list.ru inbox.ru "
                  "rambler.ru outlook.com icloud.com internet.ru").split()
KZ_DOMAINS = ("mail.kz", "yandex.kz", "gmail.com", "mail.ru")
IDN_DOMAINS = ("почта.рф", "пример.рф", "компания.рус", "магазин.рф", "сайт.рф", "домен.рф")
CORP_TLDS = ("ru", "ru", "ru", "com", "su", "tech", "org")
EMAIL_TLDS = {"ru", "com", "kz", "su", "tech", "org", "net", "рф", "рус"}
HOMOGLYPH = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р"}

PUB_V4_FIRST = (5, 31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 83, 84, 85, 87, 88, 89, 90, 91, 92, 93,
                94, 95, 109, 128, 141, 151, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217)
MON_EN = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
MON_RU = ("января февраля марта апреля мая июня июля августа сентября октября ноября декабря").split()
ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "-_"
UAS = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36",
       "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
       "Dalvik/2.1.0 (Linux; U; Android 13; SM-A536B Build/TP1A.220624.014)",
       "okhttp/4.9.3", "python-requests/2.31.0", "curl/8.5.0", "Go-http-client/1.1",
       "MyBankApp/5.12.3 (iPhone; iOS 17.4.1; Scale/3.00)",
       "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
       "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.128 YaBrowser/24.4.1.951 Yowser/2.5 Safari/537.36")
SERVICES = ("billing-api", "delivery-api", "profile-svc", "kyc-service", "payment-gateway", "crm-sync",
            "notify-worker", "loan-scoring", "support-bot", "auth-service", "orders")
HOSTS = ("srv-web-01", "srv-web-02", "k8s-worker-3", "k8s-worker-7", "db-master", "mail-gw", "vpn-01",
         "bastion", "app-node-4", "edge-lb-2")


# ============================================================================ people

def decline_first(n, male):
    if n in FIRST_EXC:
        return FIRST_EXC[n]
    if male:
        if n[-1] in "йь":
            s = n[:-1]
            return (n, s + "я", s + "ю", s + "я", s + "ем")
        if n[-1] == "а":
            s = n[:-1]
            return (n, s + ("и" if s[-1] in "гкхжчшщ" else "ы"), s + "е", s + "у", s + "ой")
        return (n, n + "а", n + "у", n + "а", n + ("ем" if n[-1] in "жчшщц" else "ом"))
    if n.endswith("ия"):
        s = n[:-1]
        return (n, s + "и", s + "и", s + "ю", s + "ей")
    if n[-1] == "я":
        s = n[:-1]
        return (n, s + "и", s + "е", s + "ю", s + "ей")
    if n[-1] == "а":
        s = n[:-1]
        return (n, s + ("и" if s[-1] in "гкхжчшщ" else "ы"), s + "е", s + "у",
                s + ("ей" if s[-1] in "жчшщц" else "ой"))
    return (n,) * 5                                    # Айгерим, Салтанат: not declined


def decline_patr(n):
    if n.endswith("ич"):
        return (n, n + "а", n + "у", n + "а", n + ("ом" if n == "Ильич" else "ем"))
    s = n[:-1]
    return (n, s + "ы", s + "е", s + "у", s + "ой")


def decline_last(n, male):
    """n is the masculine nominative from the list."""
    if n.endswith(("их", "ых", "ко")):
        return (n,) * 5
    if n.endswith("ий"):
        s = n[:-2]
        if male:
            return (n, s + "ого", s + "ому", s + "ого", s + "им")
        return (s + "ая", s + "ой", s + "ой", s + "ую", s + "ой")
    if male:
        return (n, n + "а", n + "у", n + "а", n + "ым")
    return (n + "а", n + "ой", n + "ой", n + "у", n + "ой")


class Person:
    def __init__(self, male, first, patr, last, kz, city, birth):
        self.male, self.kz, self.city, self.birth = male, kz, city, birth
        self.first = decline_first(first, male)
        self.patr = decline_patr(patr)
        self.last = decline_last(last, male)
        # filled by Gen.person()
        self.phone = self.email = self.inn = self.snils = self.passport = self.iin = None

    def g(self, male_form, female_form):
        return male_form if self.male else female_form

    def initials(self, spaced=False):
        i, o = self.first[0][0], self.patr[0][0]
        return f"{i}. {o}." if spaced else f"{i}.{o}."

    def name(self, case=NOM, style="fio"):
        F, I, O = self.last[case], self.first[case], self.patr[case]
        s = {
            "fio": f"{F} {I} {O}",
            "iof": f"{I} {O} {F}",
            "fi": f"{F} {I}",
            "if": f"{I} {F}",
            "io": f"{I} {O}",
            "f_io": f"{F} {self.initials()}",
            "f_i_o": f"{F} {self.initials(True)}",
            "io_f": f"{self.initials()} {F}",
            "i_o_f": f"{self.initials(True)} {F}",
            "FIO": f"{F} {I} {O}".upper(),
            "lat": translit(f"{self.last[0]} {self.first[0]}"),
            "LAT": translit(f"{self.first[0]} {self.last[0]}").upper(),
        }[style]
        return P("PERSON", s)


# ============================================================================ value generators

class Phone:
    """A phone number: Russian/Kazakh (+7, code, local part) or a preformatted foreign one."""

    def __init__(self, code=None, local=None, intl=None):
        self.code, self.local, self.intl = code, local, intl


PHONE_LAYOUTS3 = [  # (layout, weight, needs a cue word)
    ("+7 ({c}) {a}-{b}-{d}", 14, False), ("8-{c}-{a}-{b}-{d}", 7, False), ("8{c}{l}", 7, True),
    ("+7{c}{l}", 10, False), ("8 ({c}) {a}-{b}-{d}", 10, False), ("+7 {c} {a} {bd}", 5, False),
    ("7 {c} {a}{bd}", 3, False), ("8 {c} {a} {b} {d}", 5, False), ("+7({c}){l}", 4, False),
    ("+7-{c}-{a}-{b}-{d}", 5, False), ("7{c}{l}", 5, True), ("8({c}){a}-{b}-{d}", 5, False),
    ("+7 ({c}) {l}", 2, False), ("+7 {c} {a}-{b}-{d}", 5, False), ("8 {c} {a}-{b}-{d}", 3, False),
]
PHONE_LAYOUTS4 = [
    ("+7 ({c}) {a2}-{b2}-{d2}", 10, False), ("8 ({c}) {a2}-{b2}-{d2}", 8, False), ("8 ({c}) {l}", 3, False),
    ("+7{c}{l}", 4, False), ("8-{c}-{a2}-{b2}-{d2}", 4, False), ("8{c}{l}", 3, True),
]
RU_MOBILE = [c for c in range(900, 1000) if not 940 <= c <= 949 and c not in (970, 972, 973, 974, 975, 976)]
KZ_MOBILE = (700, 701, 702, 705, 707, 708, 747, 771, 775, 776, 777, 778)


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.doc_bank = None

    # ---------------------------------------------------------------- basics
    def ch(self, seq):
        return self.r.choice(seq)

    def wch(self, pairs):
        items, weights = zip(*pairs)
        return self.r.choices(items, weights)[0]

    def chance(self, p):
        return self.r.random() < p

    def ri(self, a, b):
        return self.r.randint(a, b)

    def d(self, n):
        return "".join(self.ch(string.digits) for _ in range(n))

    def nz(self, n):
        """n digits, not starting with 0."""
        return self.ch("123456789") + self.d(n - 1)

    def s(self, n, alphabet=ALNUM):
        return "".join(self.ch(alphabet) for _ in range(n))

    def hexs(self, n):
        return self.s(n, "0123456789abcdef")

    def uuid(self):
        h = self.hexs(32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{self.ch('89ab')}{h[17:20]}-{h[20:]}"

    def b64(self, n):
        return self.s(n, ALNUM + "+/")

    def city(self):
        return self.r.choices(CITIES, CITY_W)[0]

    def when(self):
        start = dt.datetime(2024, 1, 1)
        return start + dt.timedelta(seconds=self.ri(0, 545 * 86400))

    def date_ru(self, t=None, style=None):
        t = t or self.when()
        style = style or self.wch([("dot", 5), ("word", 3), ("iso", 1)])
        if style == "dot":
            return f"{t:%d.%m.%Y}"
        if style == "word":
            return f"{t.day} {MON_RU[t.month - 1]} {t.year} г."
        return f"{t:%Y-%m-%d}"

    def birth(self, a=1955, b=2004):
        return dt.date(self.ri(a, b), self.ri(1, 12), self.ri(1, 28))

    def ms(self, a=3, b=4000):
        return self.ri(a, b)

    def money(self, style=None, lo=100, hi=500000):
        v = self.ri(lo, hi)
        k = self.ri(0, 99)
        g = f"{v:,}".replace(",", " ")
        style = style or self.wch([("rub", 4), ("dec", 3), ("rubdec", 3), ("word", 1), ("plain", 2)])
        return {"rub": f"{g} ₽", "dec": f"{v}.{k:02d}", "rubdec": f"{g},{k:02d} руб.",
                "word": f"{g} рублей", "plain": f"{v}"}[style]

    # ---------------------------------------------------------------- identifiers
    def inn10(self, reg=None):
        d9 = (reg or self.city()["reg"]) + f"{self.ri(1, 46):02d}" + self.d(5)
        return d9 + inn10_digit(d9)

    def inn12(self, reg=None):
        d10 = (reg or self.city()["reg"]) + f"{self.ri(1, 46):02d}" + self.d(6)
        return d10 + inn12_digits(d10)

    def kpp(self, inn):
        return inn[:4] + self.wch([("01001", 8), ("43001", 1), ("45001", 1), ("01002", 1)])

    def ogrn(self, reg=None):
        d12 = self.wch([("1", 9), ("5", 1)]) + f"{self.ri(2, 25):02d}" + (reg or self.city()["reg"]) + self.d(7)
        return d12 + ogrn_digit(d12)

    def ogrnip(self, reg=None):
        d14 = "3" + f"{self.ri(4, 25):02d}" + (reg or self.city()["reg"]) + self.d(9)
        return d14 + ogrnip_digit(d14)

    def snils(self):
        while True:
            d9 = self.d(9)
            if int(d9) > 1001998:
                return d9 + snils_digits(d9)

    def fmt_snils(self, s, cued=True):
        a, b, c, k = s[:3], s[3:6], s[6:9], s[9:]
        lay = self.wch([("d", 55), ("s", 15), ("dd", 12), ("plain", 18 if cued else 0)])
        return {"d": f"{a}-{b}-{c} {k}", "s": f"{a} {b} {c} {k}", "dd": f"{a}-{b}-{c}-{k}",
                "plain": s}[lay]

    def kz_iin(self, birth=None, male=True):
        b = birth or self.birth(1950, 2006)
        cent = ("3" if male else "4") if b.year < 2000 else ("5" if male else "6")
        while True:
            d11 = f"{b.year % 100:02d}{b.month:02d}{b.day:02d}{cent}{self.d(4)}"
            c = kz_digit(d11)
            if c is not None:
                return d11 + c

    def kz_bin(self):
        while True:
            d11 = f"{self.ri(0, 25):02d}{self.ri(1, 12):02d}{self.ch('456')}{self.ch('0123')}{self.d(5)}"
            c = kz_digit(d11)
            if c is not None:
                return d11 + c

    def card(self, scheme=None):
        scheme = scheme or self.wch([("mir", 30), ("visa", 25), ("mc", 22), ("mc2", 6), ("maestro", 6),
                                     ("amex", 6), ("mirlong", 5)])
        if scheme == "mir":
            pre, n = "220" + str(self.ri(0, 4)) + self.d(2), 16
        elif scheme == "mirlong":
            pre, n = "220" + str(self.ri(0, 4)) + self.d(2), self.ch((18, 19))
        elif scheme == "visa":
            pre, n = self.ch(("4276", "4279", "4817", "4377", "4154", "4584", "4561", "4890", "4058")) + self.d(2), 16
        elif scheme == "mc":
            pre, n = self.ch(("5469", "5536", "5213", "5106", "5559", "5228", "5404", "5189")) + self.d(2), 16
        elif scheme == "mc2":
            pre, n = str(self.ri(2221, 2720)) + self.d(2), 16
        elif scheme == "maestro":
            pre, n = self.ch(("639002", "676280", "501800", "502012", "630490")), self.ch((16, 16, 18, 19))
        else:
            pre, n = self.ch(("34", "37")) + self.d(2), 15
        body = pre + self.d(n - len(pre) - 1)
        return body + luhn_digit(body)

    def fmt_card(self, c):
        n = len(c)
        if n == 16:
            lay = self.wch([("sp", 55), ("plain", 33), ("dash", 12)])
            if lay == "plain":
                return c
            return ("-" if lay == "dash" else " ").join(c[i:i + 4] for i in range(0, 16, 4))
        if n == 15:
            return self.ch((c, f"{c[:4]} {c[4:10]} {c[10:]}", f"{c[:4]} {c[4:10]} {c[10:]}"))
        if n == 19 and self.chance(0.5):
            return " ".join(c[i:i + 4] for i in range(0, 19, 4))
        return c

    def card_mask(self):
        c = self.card("visa")
        return self.ch((f"*{c[-4:]}", f"{c[:4]} **** **** {c[-4:]}", f"**** {c[-4:]}", f"{c[:6]}******{c[-4:]}"))

    def bank(self, city=None):
        if self.chance(0.7):
            name, bik = self.ch(BANKS)
        else:
            city = city or self.city()
            name, bik = self.ch(REGIONAL_BANKS), city["bik"] + str(self.ri(50, 999)).zfill(3)
        return dict(name=name, bik=bik, ks=self.corr_account(bik))

    def corr_account(self, bik):
        mid = bik[2:6] if self.chance(0.4) else "0000"
        return account_fix(bik, "30101810" + "0" + mid + "0000" + bik[-3:])

    def account(self, kind="org", bank=None, cur=None):
        bank = bank or self.doc_bank
        pref = {"org": "40702", "ip": "40802", "person": "40817", "nko": "40703"}[kind]
        cur = cur or self.wch([("810", 85), ("840", 8), ("978", 7)])
        return account_fix(bank["bik"], pref + cur + "0" + self.d(11))

    def passport_rf(self, city=None):
        city = city or self.city()
        year = self.ch(["97", "98", "99"] + [f"{y:02d}" for y in range(0, 25)])
        return city["okato"] + year, self.nz(6)

    def passport_value(self, pp, style=None, cued=True):
        """The span text of an RF passport in one of the layouts without words."""
        s, n = pp
        style = style or self.wch([("sp", 4), ("compact", 5), ("plain", 2 if cued else 0)])
        return {"sp": f"{s[:2]} {s[2:]} {n}", "compact": f"{s} {n}", "plain": s + n}[style]

    def passport_b(self, pp, word=True):
        """A passport phrase: optional word 'паспорт' + series/number (span from the first digit)."""
        s, n = pp
        style = self.wch([("sp", 10), ("compact", 10), ("ser_no", 8), ("ser_nomer_sp", 5), ("serii_no", 5),
                          ("ser_nomer", 4), ("no", 3), ("plain", 3 if word else 0)])
        w = self.wch([("паспорт ", 8), ("паспорт: ", 2), ("паспорт гражданина РФ ", 2), ("паспорт РФ ", 2)]) if word else ""
        if style == "ser_no":
            return B(w, "серия ", P("PASSPORT", f"{s} № {n}"))
        if style == "ser_nomer_sp":
            return B(w, "серия ", P("PASSPORT", f"{s[:2]} {s[2:]} номер {n}"))
        if style == "serii_no":
            return B(w.replace("паспорт: ", "паспорт "), "серии ", P("PASSPORT", f"{s[:2]} {s[2:]} № {n}"))
        if style == "ser_nomer":
            return B(w, "серия ", P("PASSPORT", f"{s} номер {n}"))
        if style == "no":
            return B(w, "№ ", P("PASSPORT", f"{s} {n}"))
        return B(w, P("PASSPORT", self.passport_value(pp, style)))

    def zagran_b(self):
        v = f"{self.ri(70, 77)} {self.nz(7)}"
        return B(self.ch(("загранпаспорт ", "загранпаспорт № ", "загранпаспорт: ")), P("PASSPORT", v))

    def kz_id_b(self):
        return B(self.ch(("удостоверение личности № ", "удостоверение личности №")), P("PASSPORT", "0" + self.d(8)))

    def kz_passport_b(self):
        return B(self.ch(("паспорт РК ", "паспорт РК № ")), P("PASSPORT", "N" + self.nz(8)))

    # ---------------------------------------------------------------- contacts
    def phone(self, kind=None, city=None):
        kind = kind or self.wch([("mob", 70), ("land", 22), ("intl", 8)])
        if kind == "mob":
            return Phone(str(self.ch(RU_MOBILE)), self.nz(7))
        if kind == "kz":
            return Phone(str(self.ch(KZ_MOBILE)), self.nz(7))
        if kind == "kzland":
            c = (city if city in KZ_CITIES else self.ch(KZ_CITIES))["tel"][0]
            return Phone(c, self.nz(10 - len(c)))
        if kind == "land":
            c = self.ch((city or self.city())["tel"])
            return Phone(c, self.nz(10 - len(c)))
        if kind == "800":
            return Phone("800", self.nz(7))
        return Phone(intl=self.intl_phone())

    def intl_phone(self):
        k = self.ri(0, 7)
        if k == 0:
            return f"+375 {self.ch(('29', '33', '44', '25'))} {self.nz(3)}-{self.d(2)}-{self.d(2)}"
        if k == 1:
            return f"+49 {self.ch(('30', '89', '40', '69'))} {self.nz(8)}"
        if k == 2:
            return f"+998 {self.ch(('90', '91', '93', '94', '97', '99'))} {self.nz(3)} {self.d(2)} {self.d(2)}"
        if k == 3:
            return f"+380 {self.ch(('67', '50', '63', '66', '68', '93', '97'))} {self.nz(3)} {self.d(4)}"
        if k == 4:
            return f"+1 {self.ch(('415', '212', '646', '650', '202', '718'))} {self.ri(201, 989)} {self.d(4)}"
        if k == 5:
            return f"+996 {self.ch(('555', '700', '777', '559'))} {self.nz(3)} {self.d(3)}"
        if k == 6:
            return f"+374 {self.ch(('91', '93', '94', '77'))} {self.nz(6)}"
        return f"+44 20 {self.nz(4)} {self.d(4)}"

    def fmt_phone(self, ph, cued=False):
        if ph.intl:
            return ph.intl
        c, l = ph.code, ph.local
        layouts = PHONE_LAYOUTS3 if len(c) == 3 else PHONE_LAYOUTS4
        lay = self.wch([(lay, w) for lay, w, cue in layouts if cued or not cue])
        return lay.format(c=c, l=l, a=l[:3], b=l[3:5], d=l[5:], bd=l[3:], a2=l[:2], b2=l[2:4], d2=l[4:])

    def phone_plain(self, ph):
        """11 plain digits, for URL parameters (phone=79123456789)."""
        return self.ch("78") + ph.code + ph.local

    def tel(self, ph=None, cued=True):
        return P("PHONE", self.fmt_phone(ph or self.phone(), cued))

    def email(self, p=None, domain=None, kind=None):
        kind = kind or self.wch([("latin", 83), ("upper", 5), ("idn", 6), ("mixed", 6)])
        if p is None:
            p = self.person(with_data=False)
        if kind == "idn":
            first, last = p.first[0].lower(), p.last[0].lower()
            local = self.ch((first, f"{first}.{last}", f"{first}{last}", f"{last}{self.ri(1, 99)}"))
            return f"{local}@{self.ch(IDN_DOMAINS)}"
        first, last = translit(p.first[0]).lower(), translit(p.last[0]).lower()
        yy = p.birth.year
        local = self.wch([
            (f"{first}.{last}", 6), (f"{first[0]}.{last}", 4), (f"{last}.{first[0]}", 3), (f"{last}{yy % 100:02d}", 3),
            (f"{first}{yy}", 3), (f"{first}_{last}", 2), (f"{last}-{first}", 2), (f"{first}{last}", 2),
            (f"{first}.{last}+{self.ch(('news', 'shop', 'work', 'spam'))}", 2), (f"{first[0]}_{last}", 1),
            (f"{last}.{first}", 2), (f"{last}{self.ri(1, 99)}", 2)])
        domain = domain or self.ch(KZ_DOMAINS if p.kz else PUBLIC_DOMAINS)
        e = f"{local}@{domain}"
        if kind == "upper":
            e = e.upper()
        elif kind == "mixed":
            at = e.index("@")
            dot = e.rindex(".")
            pos = [i for i, c in enumerate(e) if c in HOMOGLYPH and (i < at or at < i < dot)]
            if pos:
                i = self.ch(pos)
                e = e[:i] + HOMOGLYPH[e[i]] + e[i + 1:]
        return e

    def mail(self, p=None, domain=None, kind=None):
        return P("EMAIL", self.email(p, domain, kind))

    def ipv4(self, private=None):
        if private is None:
            private = self.chance(0.4)
        if private:
            k = self.ri(0, 2)
            if k == 0:
                return f"10.{self.ri(0, 255)}.{self.ri(0, 255)}.{self.ri(1, 254)}"
            if k == 1:
                return f"172.{self.ri(16, 31)}.{self.ri(0, 255)}.{self.ri(1, 254)}"
            return f"192.168.{self.ri(0, 255)}.{self.ri(1, 254)}"
        return f"{self.ch(PUB_V4_FIRST)}.{self.ri(0, 255)}.{self.ri(0, 255)}.{self.ri(1, 254)}"

    def ipv6(self):
        h = lambda: self.hexs(4)
        hs = lambda: format(self.ri(1, 0xffff), "x")
        k = self.wch([("full", 4), ("short", 3), ("doc", 2), ("ll", 2), ("yc", 2)])
        if k == "full":
            v = ":".join([self.ch(("2a00", "2a01", "2a02", "2a03", "2a0d", "2001", "2a05"))] + [h() for _ in range(7)])
        elif k == "short":
            v = ":".join([self.ch(("2a00", "2a02", "2001", "2a03"))] + [hs() for _ in range(7)])
        elif k == "doc":
            v = self.ch((f"2001:db8::{hs()}", f"2001:db8:{hs()}::{hs()}", f"2001:db8:{hs()}:{hs()}::{hs()}"))
        elif k == "ll":
            v = f"fe80::{hs()}:{self.hexs(2)}ff:fe{self.hexs(2)}:{hs()}"
        else:
            v = self.ch((f"2a02:6b8::{hs()}:{hs()}", f"2a00:1450:4010:c0{self.ri(1, 9)}::{hs()}",
                         f"2a03:d000:{hs()}::{hs()}"))
        if self.chance(0.05):
            v = v.upper()
        ipaddress.ip_address(v)
        return v

    def ip(self, v6=0.15, private=None):
        return P("IP", self.ipv6() if self.chance(v6) else self.ipv4(private))

    # ---------------------------------------------------------------- secrets
    def password(self):
        k = self.ri(0, 3)
        if k == 0:
            return self.ch(("Qwerty", "Parol", "Summer", "Admin", "Moscow", "Zima", "Sberbank", "Privet")) + \
                str(self.ri(1, 2025)) + self.ch(("!", "$", "#", "", "*", "_"))
        if k == 1:
            return self.s(self.ri(10, 16), ALNUM + "!#%*_-")
        if k == 2:
            return self.s(self.ri(6, 9), string.ascii_letters) + self.d(self.ri(2, 4)) + self.ch("!#$%*")
        return self.s(self.ri(16, 24), ALNUM)

    def jwt(self):
        head = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        body = json.dumps({"sub": str(self.ri(100000, 999999)), "exp": self.ri(1700000000, 1760000000)})
        b = base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")
        return f"{head}.{b}.{self.s(43, URLSAFE)}"

    def secret(self, kind=None):
        kind = kind or self.ch(("openai", "openai_proj", "ghp", "glpat", "jwt", "tg", "aws", "yc", "y0",
                                "slack", "hex"))
        return {
            "openai": lambda: "sk-" + self.s(48),
            "openai_proj": lambda: "sk-proj-" + self.s(self.ri(80, 140), URLSAFE),
            "ghp": lambda: "ghp_" + self.s(36),
            "glpat": lambda: "glpat-" + self.s(20, URLSAFE),
            "jwt": self.jwt,
            "tg": lambda: f"{self.ri(500000000, 7999999999)}:AA" + self.s(33, URLSAFE),
            "aws": lambda: "AKIA" + self.s(16, string.ascii_uppercase + string.digits),
            "yc": lambda: "AQVN" + self.s(36, URLSAFE),
            "y0": lambda: "y0_" + self.s(55, URLSAFE),
            "slack": lambda: f"xoxb-{self.nz(12)}-{self.nz(13)}-{self.s(24)}",
            "hex": lambda: self.hexs(32),
            "password": self.password,
        }[kind]()

    def sec(self, kind=None):
        return P("SECRET", self.secret(kind))

    # ---------------------------------------------------------------- people, places, companies
    def person(self, male=None, kz=False, city=None, with_data=True):
        male = self.chance(0.5) if male is None else male
        if kz:
            first = self.ch(KZ_MALE if male else KZ_FEMALE)
            patr = self.ch(KZ_PATR)[0 if male else 1]
            last = self.ch(KZ_SURNAMES)
        else:
            first = self.ch(MALE_FIRST if male else FEMALE_FIRST)
            patr = self.ch(PATRONYMICS)[0 if male else 1]
            last = self.ch(SURNAMES)
        p = Person(male, first, patr, last, kz, city or (self.ch(KZ_CITIES) if kz else self.city()), self.birth())
        if with_data:
            p.phone = self.phone("kz" if kz else self.wch([("mob", 85), ("land", 10), ("intl", 5)]), p.city)
            p.email = self.email(p)
            if kz:
                p.iin = self.kz_iin(p.birth, male)
            else:
                p.inn = self.inn12(p.city["reg"])
                p.snils = self.snils()
                p.passport = self.passport_rf(p.city)
        return p

    def pname(self, p, case=NOM, styles=None):
        styles = styles or [("fio", 40), ("iof", 6), ("fi", 8), ("if", 10), ("f_io", 12), ("f_i_o", 4),
                            ("io_f", 8), ("i_o_f", 3), ("FIO", 3), ("lat", 2), ("LAT", 2)]
        if case != NOM:
            styles = [(s, w) for s, w in styles if s not in ("lat", "LAT", "FIO")] or [("fio", 1)]
        return p.name(case, self.wch(styles))

    def street(self, kz=False):
        if kz:
            return self.ch(KZ_STREETS)
        k = self.wch([("fem", 4), ("gen", 5), ("masc", 2), ("neut", 1)])
        if k == "fem":
            n = self.ch(FEM_STREETS)
            return self.wch([(f"ул. {n}", 6), (f"{n} ул.", 2), (f"улица {n}", 2), (f"{n} улица", 1)])
        if k == "gen":
            n = self.ch(GEN_STREETS)
            t = self.wch([("ул.", 10), ("улица", 3), ("пр-т", 2), ("просп.", 1), ("пер.", 2), ("б-р", 1),
                          ("наб.", 1), ("пл.", 1), ("пр.", 1)])
            return f"{t} {n}"
        if k == "masc":
            n = self.ch(MASC_STREETS)
            t = self.ch(("пр-т", "пер.", "б-р", "проезд", "просп."))
            return self.ch((f"{n} {t}", f"{t} {n}"))
        n = self.ch(NEUT_STREETS)
        return self.ch((f"{n} ш.", f"{n} шоссе"))

    def house(self):
        h = self.ri(1, 180)
        return self.wch([(str(h), 10), (f"{h}/{self.ri(1, 9)}", 2), (f"{h}{self.ch('АБВ')}", 2)])

    def address(self, city=None, office=False, kz=None):
        kz = (city in KZ_CITIES) if kz is None else kz
        if kz:
            c = city if city in KZ_CITIES else self.ch(KZ_CITIES)
            idx = c["idx"] + self.d(3)
            k = self.ri(0, 3)
            if k == 0:
                s = f"Республика Казахстан, {idx}, г. {c['name']}, {self.street(True)}, д. {self.house()}, кв. {self.ri(1, 240)}"
            elif k == 1:
                s = f"Казахстан, {c['name']}, {self.street(True)}, {self.house()}, оф. {self.ri(1, 90)}"
            elif k == 2:
                s = f"г. {c['name']}, мкр. {self.ch(KZ_MKR)}, д. {self.ri(1, 60)}, кв. {self.ri(1, 120)}"
            else:
                s = f"{idx}, г. {c['name']}, {self.street(True)}, {self.house()}"
            return P("ADDRESS", s)
        c = city if city in CITIES else self.city()
        idx = self.ch(c["idx"]) + self.d(3)
        cn, st, h, fl = c["name"], self.street(), self.house(), self.ri(1, 350)
        if office:
            tail = self.ch((f"офис {self.ri(1, 900)}", f"оф. {self.ri(1, 900)}", f"пом. {self.ri(1, 40)}",
                            f"эт. {self.ri(1, 20)}, оф. {self.ri(100, 2099)}", f"пом. {self.ch('IVX')}, ком. {self.ri(1, 30)}"))
            k = self.ri(0, 3)
            if k == 0:
                s = f"{idx}, г. {cn}, {st}, д. {h}, стр. {self.ri(1, 9)}, {tail}"
            elif k == 1:
                s = f"{idx}, г. {cn}, {st}, д. {h}, {tail}"
            elif k == 2:
                s = f"{idx}, {cn}, {st}, {h}, {tail}"
            else:
                s = f"Российская Федерация, {idx}, г. {cn}, {st}, д. {h}, корп. {self.ri(1, 5)}, {tail}"
            return P("ADDRESS", s)
        k = self.ri(0, 9)
        if k == 0:
            s = f"{idx}, г. {cn}, {st}, д. {h}, кв. {fl}"
        elif k == 1:
            s = f"г. {cn}, {st}, д. {h}, корп. {self.ri(1, 5)}, кв. {fl}"
        elif k == 2:
            s = f"Россия, {idx}, {cn}, {st}, {h}-{fl}"
        elif k == 3:
            s = f"{cn}, {st} {h}, кв {fl}"
        elif k == 4:
            reg, pre, towns = self.ch(REGION_TOWNS)
            s = f"{reg}, г. {self.ch(towns)}, {st}, д. {h}" + (f", кв. {fl}" if self.chance(0.7) else "")
        elif k == 5:
            s = f"РФ, {cn}, {st}, дом {h}, квартира {fl}"
        elif k == 6:
            s = f"{st}, д. {h}, кв. {fl}, г. {cn}, {idx}"
        elif k == 7:
            reg, pre, towns = self.ch(REGION_TOWNS)
            s = f"{pre}{self.d(4)}, {reg}, {self.ch(towns)}, {st}, д. {h}, кв. {fl}"
        elif k == 8:
            s = f"г. {cn}, {st}, д. {h}, кв. {fl}"
        else:
            s = f"{idx}, {cn}, {st}, д. {h}, стр. {self.ri(1, 4)}, кв. {fl}"
        return P("ADDRESS", s)

    def company(self, city=None, kz=False):
        if kz:
            name, slug = self.ch(KZ_COMPANY_NAMES)
            c = city or self.ch(KZ_CITIES)
            co = dict(form="ТОО", name=name, slug=slug, city=c, kz=True, bin=self.kz_bin())
            co["title"] = f"ТОО «{name}»"
            co["domain"] = f"{slug}.kz"
            co["director"] = self.person(kz=True, city=c)
            co["address"] = self.address(c, office=True, kz=True)
            return co
        name, slug = self.ch(COMPANY_NAMES)
        c = city or self.city()
        form = self.wch([("ООО", 7), ("АО", 2), ("ПАО", 1), ("ЗАО", 1)])
        inn = self.inn10(c["reg"])
        bank = self.bank(c)
        co = dict(form=form, name=name, slug=slug, city=c, kz=False, inn=inn, kpp=self.kpp(inn),
                  ogrn=self.ogrn(c["reg"]), bank=bank, domain=f"{slug}.{self.ch(CORP_TLDS)}")
        co["title"] = f"{form} «{name}»"
        co["full"] = f"{ORG_FULL[form]} «{name}»"
        co["account"] = self.account("org", bank)
        co["director"] = self.person(city=c)
        co["address"] = self.address(c, office=True)
        co["phone"] = self.phone(self.wch([("land", 6), ("mob", 3), ("800", 1)]), c)
        return co

    def corp_mail(self, co, p=None):
        if p is not None and self.chance(0.6):
            return self.mail(p, co["domain"], kind=self.wch([("latin", 90), ("upper", 5), ("mixed", 5)]))
        return P("EMAIL", self.ch(("info", "buh", "sales", "office", "zakaz", "support", "hr", "secretary")) + "@" + co["domain"])


# ============================================================================ log:*

def t_iso(t, ms, z=None):
    return f"{t:%Y-%m-%dT%H:%M:%S}.{ms:03d}Z" if z else f"{t:%Y-%m-%dT%H:%M:%S}+03:00"


def t_nginx(t):
    return f"{t.day:02d}/{MON_EN[t.month - 1]}/{t:%Y:%H:%M:%S} +0300"


def t_syslog(t):
    return f"{MON_EN[t.month - 1]} {t.day:2d} {t:%H:%M:%S}"


LOG_KINDS = [("nginx", 11), ("syslog", 8), ("postfix", 6), ("java", 13), ("python", 13), ("json", 15),
             ("ru", 15), ("gateway", 5), ("crm", 6), ("bot", 5)]


class LogGen(Gen):
    """Line makers for service logs: ln_<kind>(t, pii) -> B (one line, maybe several for traces)."""

    def lvl(self):
        return self.wch([("INFO", 10), ("WARN", 3), ("ERROR", 2), ("DEBUG", 2)])

    def ordn(self):
        return f"ORD-{self.ri(2021, 2025)}-{self.nz(7)}"

    # ------------------------------------------------------------ nginx access log
    def ln_nginx(self, t, pii):
        m = self.wch([("GET", 6), ("POST", 3), ("PUT", 1), ("PATCH", 1), ("DELETE", 1)])
        if pii:
            ph = self.phone("mob")
            path = self.ch([
                lambda: F("/api/v1/users/lookup?phone={v}", v=P("PHONE", self.phone_plain(ph))),
                lambda: F("/auth/otp/send?phone={v}&channel=sms&rid={r}", v=P("PHONE", self.phone_plain(ph)), r=self.hexs(8)),
                lambda: F("/api/v2/clients?inn={v}&page={n}", v=P("INN", self.ch((self.inn10(), self.inn12()))), n=self.ri(1, 40)),
                lambda: F("/v1/subscribe?email={v}&utm_source=mail", v=self.mail()),
                lambda: F("/api/kyc/check?snils={v}&ts={ts}", v=P("SNILS", self.snils()), ts=self.ri(1700000000, 1750000000)),
                lambda: F("/kz/api/v1/clients?iin={v}", v=P("KZ_IIN", self.kz_iin(male=self.chance(0.5)))),
                lambda: F("/api/v1/verify?passport={v}&source=web", v=P("PASSPORT", self.passport_value(self.passport_rf(), "plain"))),
                lambda: F("/api/v1/orders?customer_email={v}&limit=20", v=self.mail()),
                lambda: F("/api/v1/session?access_token={v}", v=self.sec("jwt")),
                lambda: F("/pay/card/bind?pan={v}&amount={a}", v=P("CARD", self.card()), a=self.money("dec")),
            ])()
        else:
            path = self.ch((f"/api/v1/items/{self.nz(self.ri(6, 11))}", f"/static/js/app.{self.hexs(8)}.js", "/healthz",
                            f"/api/v1/orders?limit=50&offset={self.ri(0, 50) * 50}", "/metrics",
                            f"/v1/profile/{self.nz(6)}", f"/api/v2/catalog/items?page={self.ri(1, 99)}&limit=50",
                            "/favicon.ico", f"/api/v1/orders/{self.ordn()}", f"/images/{self.hexs(40)}.webp"))
        st = self.wch([("200", 12), ("201", 2), ("204", 1), ("301", 1), ("400", 1), ("401", 1), ("404", 2),
                       ("429", 1), ("500", 1), ("502", 1)])
        ref = self.ch(("-", "-", "https://lk.example-bank.ru/profile", f"https://shop.{self.ch(COMPANY_NAMES)[1]}.ru/cart"))
        line = F('{ip} - - [{ts}] "{m} {path} HTTP/1.1" {st} {sz} "{ref}" "{ua}" rt={rt:.3f} uct="{uct:.3f}" rid={rid}',
                 ip=self.ip(v6=0.12), ts=t_nginx(t), m=m, path=path, st=st, sz=self.ri(0, 90000), ref=ref,
                 ua=self.ch(UAS), rt=self.r.random() * 3, uct=self.r.random() / 10, rid=self.hexs(32))
        if self.chance(0.08):
            line.add(' xff="', self.ip(v6=0, private=False), '"')
        return line

    # ------------------------------------------------------------ syslog / sshd / kernel
    def ln_syslog(self, t, pii):
        host = self.ch(HOSTS)
        pid = self.ri(300, 65000)
        port = self.ri(1025, 65535)
        if pii:
            ip = self.ip(v6=0.15)
            msg = self.ch([
                lambda: F("sshd[{pid}]: Accepted publickey for {u} from {ip} port {port} ssh2: RSA SHA256:{fp}",
                          pid=pid, u=self.ch(("deploy", "ubuntu", "git", "admin")), ip=ip, port=port, fp=self.b64(43)),
                lambda: F("sshd[{pid}]: Failed password for invalid user {u} from {ip} port {port} ssh2",
                          pid=pid, u=self.ch(("oracle", "test", "admin", "postgres", "ftpuser", "guest")), ip=ip, port=port),
                lambda: F("sshd[{pid}]: Failed password for root from {ip} port {port} ssh2", pid=pid, ip=ip, port=port),
                lambda: F("sshd[{pid}]: Disconnected from authenticating user root {ip} port {port} [preauth]", pid=pid, ip=ip, port=port),
                lambda: F("kernel: [{up:.6f}] [UFW BLOCK] IN=eth0 OUT= MAC={mac} SRC={ip} DST={dst} LEN={n} TTL={ttl} "
                          "ID={id} PROTO=TCP SPT={port} DPT={dpt} WINDOW=64240 SYN",
                          up=self.r.random() * 900000, mac=":".join(self.hexs(2) for _ in range(14)), ip=self.ip(v6=0),
                          dst=self.ip(v6=0, private=True), n=self.ri(40, 1500), ttl=self.ri(40, 128), id=self.ri(1, 65535),
                          port=port, dpt=self.ch((22, 443, 3389, 5432, 6379, 8080))),
                lambda: F("fail2ban.actions[{pid}]: NOTICE [sshd] Ban {ip}", pid=pid, ip=ip),
                lambda: F("openvpn[{pid}]: {u}/{ip}:{port} MULTI: Learn: {vip} -> {u}/{ip2}:{port}", pid=pid,
                          u=self.ch(("vpn-user17", "contractor3", "ops-oncall", "ci-runner")),
                          ip=(ip := self.ip(v6=0, private=False)), ip2=ip, port=port, vip=self.ip(v6=0, private=True)),
                lambda: F("postgres[{pid}]: [{n}-1] connection authorized: user=app database=billing host={ip} port={port} SSL enabled",
                          pid=pid, n=self.ri(1, 99999), ip=self.ip(v6=0.1, private=True), port=port),
                lambda: F("dhclient[{pid}]: DHCPACK of {a} from {b} (xid=0x{x})", pid=pid, a=self.ip(v6=0, private=True),
                          b=self.ip(v6=0, private=True), x=self.hexs(8)),
                lambda: F("sshd[{pid}]: Accepted password for {u} from {ip} port {port} ssh2", pid=pid,
                          u=self.ch(("backup", "deploy", "ci")), ip=self.ip(v6=0.5), port=port),
            ])()
        else:
            msg = self.ch((
                f"systemd[1]: Started Session {self.ri(1, 99999)} of User deploy.",
                f"CRON[{pid}]: (root) CMD (/usr/local/bin/backup.sh --keep 7 >> /var/log/backup.log 2>&1)",
                "systemd[1]: Started postgresql@15-main.service - PostgreSQL Cluster 15-main.",
                f"kernel: [{self.r.random() * 900000:.6f}] Out of memory: Killed process {pid} (java) "
                f"total-vm:{self.ri(10 ** 6, 9 * 10 ** 6)}kB, anon-rss:{self.ri(10 ** 5, 9 * 10 ** 5)}kB",
                f"systemd[1]: logrotate.service: Deactivated successfully. Consumed {self.r.random() * 3:.3f}s CPU time.",
                f"sshd[{pid}]: pam_unix(sshd:session): session closed for user deploy",
                f"dockerd[{pid}]: time=\"{t:%Y-%m-%dT%H:%M:%S}.{self.nz(9)}+03:00\" level=info msg=\"ignoring event\" "
                f"container={self.hexs(64)} module=libcontainerd",
                f"systemd-journald[{pid}]: Data hash table of /var/log/journal/{self.hexs(32)}/system.journal has a fill level at 75.0 "
                f"({self.ri(10000, 99999)} of {self.ri(100000, 200000)} items), suggesting rotation.",
            ))
        return F("{ts} {host} {msg}", ts=t_syslog(t), host=host, msg=msg)

    # ------------------------------------------------------------ postfix / dovecot
    def ln_postfix(self, t, pii):
        qid = self.s(10, "0123456789ABCDEF")
        pid = self.ri(300, 65000)
        if pii:
            msg = self.ch([
                lambda: F("postfix/smtp[{pid}]: {q}: to=<{e}>, relay={mx}[{ip}]:25, delay={d:.2f}, delays={a:.2f}/0.01/{b:.2f}/{c:.2f}, "
                          "dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as {q2})", pid=pid, q=qid, e=self.mail(),
                          mx=self.ch(("mx.yandex.ru", "mxs.mail.ru", "aspmx.l.google.com", "mx1.rambler.ru")), ip=self.ip(v6=0.1, private=False),
                          d=self.r.random() * 3, a=self.r.random(), b=self.r.random(), c=self.r.random(), q2=self.s(12, "0123456789ABCDEF")),
                lambda: F("postfix/qmgr[{pid}]: {q}: from=<{e}>, size={n}, nrcpt=1 (queue active)", pid=pid, q=qid,
                          e=self.mail(), n=self.ri(900, 200000)),
                lambda: F("postfix/smtpd[{pid}]: connect from unknown[{ip}]", pid=pid, ip=self.ip(v6=0.1)),
                lambda: F("postfix/smtpd[{pid}]: NOQUEUE: reject: RCPT from unknown[{ip}]: 554 5.7.1 <{e}>: Relay access denied; "
                          "from=<{e2}> to=<{e3}> proto=ESMTP helo=<{h}>", pid=pid, ip=self.ip(v6=0), e=(e := self.mail()),
                          e2=self.mail(), e3=P("EMAIL", e.value), h=self.ch(("localhost", "mail.example.com", "ylmf-pc"))),
                lambda: F("dovecot: imap-login: Login: user=<{e}>, method=PLAIN, rip={ip}, lip={lip}, mpid={n}, TLS, session=<{s}>",
                          e=self.mail(), ip=self.ip(v6=0.2), lip=self.ip(v6=0, private=True), n=self.ri(1000, 99999), s=self.b64(16)),
                lambda: F("postfix/smtp[{pid}]: {q}: to=<{e}>, relay=none, delay={d:.1f}, dsn=5.1.1, status=bounced "
                          "(host {mx} said: 550 5.1.1 User unknown)", pid=pid, q=qid, e=self.mail(), d=self.r.random() * 9,
                          mx=self.ch(("mx.yandex.ru", "mxs.mail.ru"))),
            ])()
        else:
            msg = self.ch((
                f"postfix/bounce[{pid}]: {qid}: sender non-delivery notification: {self.s(10, '0123456789ABCDEF')}",
                f"postfix/qmgr[{pid}]: {qid}: removed",
                f"opendkim[{pid}]: {qid}: DKIM-Signature field added (s=mail, d=notify.{self.ch(COMPANY_NAMES)[1]}.ru)",
                f"postfix/anvil[{pid}]: statistics: max connection rate 1/60s for (smtp:{self.ri(1, 9)}) at {t_syslog(t)}",
                f"postfix/scache[{pid}]: statistics: domain lookup hits={self.ri(0, 99)} miss={self.ri(0, 99)} success={self.ri(0, 99)}%",
            ))
        return F("{ts} mail-gw {msg}", ts=t_syslog(t), msg=msg)

    # ------------------------------------------------------------ java / spring boot
    def ln_java(self, t, pii):
        lv = self.lvl()
        thread = self.ch(("nio-8080-exec-7", "kafka-consumer-15", "scheduling-1", "http-nio-8443-exec-3", "task-4", "main"))
        u = self.uuid()
        if pii:
            logger, msg = self.ch([
                lambda: ("r.b.p.PaymentService", F("Payment {u} accepted: card={c}, amount={a} RUB, took {ms} ms",
                                                   u=u, c=P("CARD", self.fmt_card(self.card())), a=self.money("dec"), ms=self.ms())),
                lambda: ("r.b.k.KycController", F("KYC check passport={p} result={r} score=0.{s} requestId={u}",
                                                  p=P("PASSPORT", self.passport_value(self.passport_rf())),
                                                  r=self.ch(("APPROVED", "REJECTED", "MANUAL")), s=self.d(3), u=u)),
                lambda: ("r.b.c.ClientService", F("Client profile updated id={id} phone={ph} email={em} ({ms} ms)",
                                                  id=self.nz(7), ph=self.tel(), em=self.mail(), ms=self.ms())),
                lambda: ("r.b.t.TransferService", F("Transfer {n} from account {a1} to {a2} sum={s} status=OK",
                                                    n=self.nz(10), a1=P("ACCOUNT", self.account()),
                                                    a2=P("ACCOUNT", self.account(self.ch(("org", "person", "ip")))), s=self.money("rub"))),
                lambda: ("r.b.i.PartnerClient", F('POST https://api.partner.ru/v2/check headers=[Authorization:"Bearer {tok}"] duration={ms}ms',
                                                  tok=self.sec("jwt"), ms=self.ms())),
                lambda: ("com.zaxxer.hikari.HikariDataSource", F("HikariPool-1 - Starting with url=jdbc:postgresql://{ip}:5432/billing?user=app&password={pw}",
                                                                  ip=self.ip(v6=0, private=True), pw=self.sec("password"))),
                lambda: ("r.b.c.CounterpartyService", F("Counterparty lookup inn={inn} ogrn={ogrn} found in {ms} ms, cache=MISS",
                                                        inn=P("INN", self.inn10()), ogrn=P("OGRN", self.ogrn()), ms=self.ms())),
                lambda: ("r.b.c.CounterpartyService", F("Sole proprietor registered ogrnip={o} inn={i} rid={u}",
                                                        o=P("OGRNIP", self.ogrnip()), i=P("INN", self.inn12()), u=u)),
                lambda: ("r.b.k.SnilsValidator", F("SNILS validation ok snils={s} applicationId={n} ({ms} ms)",
                                                   s=P("SNILS", self.fmt_snils(self.snils())), n=self.nz(8), ms=self.ms())),
                lambda: ("r.b.n.MailNotifier", F("Notification sent to {em} template=loan_approved messageId={h}",
                                                 em=self.mail(), h=self.hexs(24))),
                lambda: ("r.b.s.RequestLoggingFilter", F("Incoming request from {ip} X-Request-Id={u} path=/api/v1/transfer",
                                                         ip=self.ip(), u=u)),
                lambda: ("r.b.c.ClientService", F("Client created: fio={p}, birthDate={b}, inn={i}",
                                                  p=self.pname(self.person(with_data=False), styles=[("fio", 3), ("FIO", 1)]),
                                                  b=f"{self.birth():%Y-%m-%d}", i=P("INN", self.inn12()))),
            ])()
        else:
            logger, msg = self.ch([
                lambda: ("com.zaxxer.hikari.pool.HikariPool", "HikariPool-1 - Connection is not available, request timed out after 30000ms."),
                lambda: ("r.b.Application", f"Started Application in {self.r.random() * 20:.3f} seconds (JVM running for {self.r.random() * 30 + 20:.3f})"),
                lambda: ("o.a.k.c.c.i.ConsumerCoordinator", f"Committed offset {self.nz(12)} for partition events-{self.ri(0, 11)}"),
                lambda: ("r.b.s.RatesScheduler", f"Scheduled task 'syncRates' finished in {self.ms()} ms, rows={self.ri(10, 5000)}"),
                lambda: ("r.b.o.OrderService", f"Order {self.ordn()} status changed NEW -> PAID, amount={self.money('dec')}, trace={self.hexs(32)}"),
                lambda: ("r.b.s.RequestLoggingFilter", f"Request {u} completed in {self.ms()} ms with status 200"),
                lambda: ("r.b.t.TransferController", B(f"Unexpected error processing request {u}\n"
                                                       f"java.lang.IllegalStateException: Transfer limit exceeded for amount {self.money('dec')}\n"
                                                       f"\tat ru.bank.transfer.TransferService.execute(TransferService.java:{self.ri(50, 400)})\n"
                                                       f"\tat ru.bank.transfer.TransferController.post(TransferController.java:{self.ri(20, 200)})")),
            ])()
        if not pii:
            lv = "ERROR" if "Unexpected" in str(msg if isinstance(msg, str) else msg.text()) else \
                "WARN" if "not available" in str(msg) else self.wch([("INFO", 8), ("DEBUG", 2)])
        return F("{ts}  {lv:>5} {pid} --- [{th:>15}] {lg:<40} : {msg}", ts=f"{t:%Y-%m-%d %H:%M:%S}.{self.ri(0, 999):03d}",
                 lv=lv, pid=self.ri(1000, 9999), th=thread, lg=logger[-40:], msg=msg)

    # ------------------------------------------------------------ python / celery / django
    def ln_python(self, t, pii):
        lv = self.wch([("INFO", 10), ("WARNING", 3), ("ERROR", 2), ("DEBUG", 2)])
        u = self.uuid()
        if pii:
            logger, msg = self.ch([
                lambda: ("celery.app.trace", F("Task tasks.send_sms[{u}] succeeded in {s:.3f}s: {{'phone': '{ph}', 'status': 'delivered'}}",
                                               u=u, s=self.r.random() * 2, ph=self.tel())),
                lambda: ("django.request", F("POST /api/profile/ 200 user={em} ip={ip} {s:.3f}s", em=self.mail(), ip=self.ip(), s=self.r.random())),
                lambda: ("app.auth", F("Login failed for {em} from {ip}: invalid password (attempt {k}/5)", em=self.mail(), ip=self.ip(), k=self.ri(1, 5))),
                lambda: ("app.settings", F("settings loaded: OPENAI_API_KEY={k} MODEL=gpt-4o TIMEOUT={n}",
                                           k=self.sec(self.ch(("openai", "openai_proj"))), n=self.ri(10, 120))),
                lambda: ("app.kyc", F("snils={s} verified in {ms}ms hash={h}", s=P("SNILS", self.fmt_snils(self.snils())), ms=self.ms(), h=self.hexs(40))),
                lambda: ("app.cache", F("redis://:{pw}@{ip}:6379/0 connection refused, retry in {n}s", pw=self.sec("password"),
                                        ip=self.ip(v6=0, private=True), n=self.ri(1, 30))),
                lambda: ("app.orders", F('Creating order for client fio="{p}" passport="{pp}" amount={a}',
                                         p=self.pname(self.person(with_data=False), styles=[("fio", 4), ("FIO", 1), ("lat", 1)]),
                                         pp=P("PASSPORT", self.passport_value(self.passport_rf())), a=self.money("dec"))),
                lambda: ("app.llm", F("GigaChat request id={u} prompt_tokens={n} user_phone={ph}", u=u, n=self.ri(20, 4000), ph=self.tel())),
                lambda: ("app.http", F("DEBUG headers={{'Authorization': 'Bearer {tok}', 'X-Request-Id': '{u}'}}",
                                       tok=self.sec(self.ch(("jwt", "y0", "glpat"))), u=u)),
                lambda: ("httpx", F('HTTP Request: POST https://api.telegram.org/bot{tok}/sendMessage "HTTP/1.1 200 OK"', tok=self.sec("tg"))),
                lambda: ("app.crm", F("Customer {p} (ИНН {inn}) created, phone={ph}", p=self.pname(self.person(with_data=False), styles=[("fio", 1), ("fi", 1)]),
                                      inn=P("INN", self.inn12()), ph=self.tel())),
                lambda: ("app.billing", F("invoice {n} paid from card {c} ({ms} ms)", n=self.nz(9), c=P("CARD", self.fmt_card(self.card())), ms=self.ms())),
            ])()
        else:
            logger, msg = self.ch([
                lambda: ("app.cache", f"Cache hit ratio 0.{self.d(2)}, keys={self.ri(1000, 999999)}"),
                lambda: ("celery.worker", f"Worker pid {self.ri(100, 65000)} started, concurrency={self.ri(2, 16)}"),
                lambda: ("app.db", f"Slow query ({self.ms(500, 9000)} ms): SELECT * FROM orders WHERE id = {self.nz(9)} LIMIT 1"),
                lambda: ("celery.app.trace", f"Task tasks.rebuild_index[{u}] succeeded in {self.r.random() * 90:.3f}s: None"),
                lambda: ("app.http", f"Retrying in {self.ri(1, 30)}s... (attempt {self.ri(1, 5)}/5) request_id={u}"),
                lambda: ("app.metrics", f"flush ok: {self.ri(10, 900)} series, {self.ms()} ms, sha={self.hexs(12)}"),
            ])()
        if not pii:
            lv = self.wch([("INFO", 8), ("DEBUG", 2), ("WARNING", 1)])
        return F("{ts} {lv} [{lg}] {msg}", ts=f"{t:%Y-%m-%d %H:%M:%S},{self.ri(0, 999):03d}", lv=lv, lg=logger, msg=msg)

    # ------------------------------------------------------------ JSON logs
    def json_pii_field(self):
        p = self.person(with_data=False)
        return self.ch([
            lambda: ("customer_inn", P("INN", self.ch((self.inn10(), self.inn12())))),
            lambda: ("snils", P("SNILS", self.fmt_snils(self.snils()))),
            lambda: ("card_number", P("CARD", self.fmt_card(self.card()))),
            lambda: ("iin", P("KZ_IIN", self.kz_iin(male=p.male))),
            lambda: ("passport", P("PASSPORT", self.passport_value(self.passport_rf()))),
            lambda: (self.ch(("phone", "contact_phone", "msisdn")), self.tel()),
            lambda: (self.ch(("email", "user_email")), self.mail(p)),
            lambda: (self.ch(("client_ip", "remote_addr")), self.ip()),
            lambda: ("account", P("ACCOUNT", self.account(self.ch(("org", "person"))))),
            lambda: ("ogrn", P("OGRN", self.ogrn())),
            lambda: (self.ch(("fio", "client_name")), self.pname(p, styles=[("fio", 4), ("if", 1), ("FIO", 1)])),
            lambda: ("delivery_address", self.address()),
            lambda: ("holder", p.name(NOM, "LAT")),
            lambda: ("bin", P("KZ_IIN", self.kz_bin())),
        ])()

    def ln_json(self, t, pii):
        spaced = self.chance(0.25)
        pairs = [("ts", self.ch((t_iso(t, self.ri(0, 999), True), t_iso(t, 0)))), ("level", self.lvl()),
                 ("service", self.ch(SERVICES)), ("request_id", self.uuid())]
        if pii:
            pairs.append(("msg", self.ch(("client created", "payment accepted", "profile updated", "Платёж проведён",
                                          "kyc check", "Заявка создана", "delivery scheduled"))))
            fields = [self.json_pii_field() for _ in range(self.ri(1, 2))]
            if self.chance(0.35):
                pairs.append(("user", jobj([("id", self.ri(100000, 9999999))] + fields, spaced)))
            else:
                pairs.extend(fields)
        else:
            pairs.append(("msg", self.ch(("cache miss", "order created", "retry scheduled", "rate limit exceeded",
                                          "Заказ передан в доставку", "healthcheck ok"))))
            pairs.append(("order_id", self.ch((self.ordn(), int(self.nz(10))))))
        if self.chance(0.5):
            pairs += [("amount", float(self.money("dec"))), ("currency", "RUB")]
        if self.chance(0.3):
            pairs.append(("card_mask", self.card_mask()))
        pairs.append(("duration_ms", self.ms()))
        if self.chance(0.3):
            pairs.append(("trace_id", self.hexs(32)))
        return jobj(pairs, spaced).b

    # ------------------------------------------------------------ Russian-language app logs
    def ln_ru(self, t, pii):
        lv = self.wch([("INFO", 5), ("ИНФО", 4), ("ПРЕДУПРЕЖДЕНИЕ", 2), ("ОШИБКА", 1), ("WARN", 1)])
        svc = self.ch(SERVICES)
        u = self.uuid()
        if pii:
            p = self.person()
            msg = self.ch([
                lambda: F("Перевод на счёт {a} выполнен, сумма {m}, операция {u}", a=P("ACCOUNT", self.account(self.ch(("org", "person", "ip")))),
                          m=self.money("rubdec"), u=u),
                lambda: F("Перевод на счёт {a} (БИК {bik}) поставлен в очередь, сумма {m}", a=P("ACCOUNT", self.account()),
                          bik=self.doc_bank["bik"], m=self.money("rub")),
                lambda: F("Проверка ИИН {i}: успешно ({ms} мс)", i=P("KZ_IIN", self.kz_iin(male=self.chance(0.5))), ms=self.ms()),
                lambda: F("Клиент {p} (ИНН {i}) обновил профиль, тел. {ph}", p=self.pname(p), i=P("INN", p.inn), ph=self.tel(p.phone)),
                lambda: F("Контрагент БИН {b} добавлен в реестр, договор №{n}/{y}", b=P("KZ_IIN", self.kz_bin()), n=self.ri(1, 3000), y=t.year),
                lambda: F("Заявка на кредит от {p}, СНИЛС {s}, тел. {ph}", p=self.pname(p, GEN), s=P("SNILS", self.fmt_snils(p.snils)),
                          ph=self.tel(p.phone)),
                lambda: F("Ошибка верификации паспорта {pp}: истёк срок действия (req {u})",
                          pp=P("PASSPORT", self.passport_value(p.passport)), u=u),
                lambda: F("Отправлено письмо на {e}, шаблон order_confirm, id={h}", e=self.mail(p), h=self.hexs(24)),
                lambda: F("ИП {p} ОГРНИП {o} прошёл проверку ФНС за {ms} мс", p=self.pname(p, styles=[("fio", 3), ("f_io", 1)]),
                          o=P("OGRNIP", self.ogrnip(p.city["reg"])), ms=self.ms()),
                lambda: F("Организация ОГРН {o} найдена в ЕГРЮЛ за {ms} мс, ИНН {i}", o=P("OGRN", self.ogrn()), i=P("INN", self.inn10()), ms=self.ms()),
                lambda: F("Вход в личный кабинет с IP {ip}, пользователь {e}", ip=self.ip(), e=self.mail(p)),
                lambda: F("Списание с карты {c} на сумму {m} отклонено банком, код 51", c=P("CARD", self.fmt_card(self.card())), m=self.money("rub")),
                lambda: F("Доставка по адресу {a}, получатель {p}, курьер назначен ({u})", a=self.address(), p=self.pname(p), u=u[:8]),
                lambda: F("Выдача наличных по паспорту {pp}, клиент {p}, сумма {m}", pp=P("PASSPORT", self.passport_value(p.passport)),
                          p=self.pname(p, styles=[("f_io", 2), ("fio", 2)]), m=self.money("rub")),
            ])()
        else:
            msg = self.ch((
                f"Задача синхронизации завершена за {self.r.random() * 60:.1f} с, обработано {self.ri(10, 99999)} записей",
                f"Курс USD обновлён: {self.ri(85, 99)},{self.d(2)}, источник ЦБ, запрос {u}",
                f"Очередь уведомлений: {self.ri(0, 5000)} сообщений, задержка {self.ms()} мс",
                f"Заказ {self.ordn()} оплачен, сумма {self.money('rub')}, хэш {self.hexs(16)}",
                f"Повторная попытка отправки через {self.ri(1, 60)} с (попытка {self.ri(1, 5)} из 5), операция {u}",
                f"Отчёт за {t:%m.%Y} сформирован: {self.ri(1, 900)} стр., {self.ms()} мс",
            ))
        return F("[{ts}] {lv} {svc}: {msg}", ts=f"{t:%d.%m.%Y %H:%M:%S}", lv=lv, svc=svc, msg=msg)

    # ------------------------------------------------------------ envoy-style gateway
    def ln_gateway(self, t, pii):
        m = self.wch([("GET", 5), ("POST", 3), ("PATCH", 1), ("PUT", 1)])
        path = self.ch(("/api/v1/payments", "/auth/otp/send", "/api/v2/profile", "/api/v1/transfers", f"/api/v1/orders/{self.nz(8)}"))
        tail = None
        if pii and self.chance(0.5):
            tail = self.ch([
                lambda: F(" x-api-key={k}", k=self.sec("hex")),
                lambda: F(" authorization=Bearer {k}", k=self.sec(self.ch(("jwt", "yc")))),
                lambda: F(" x-user-phone={ph}", ph=self.tel()),
                lambda: F(" x-user-email={e}", e=self.mail()),
            ])()
        return F('[{ts}] "{m} {path} HTTP/2" {st} - {rx} {tx} {dur} {up} "{ip}" "{ua}" "{u}" "{host}" "{upip}:{port}"{tail}',
                 ts=t_iso(t, self.ri(0, 999), True), m=m, path=path, st=self.ch((200, 200, 201, 204, 400, 401, 429, 503)),
                 rx=self.ri(0, 9000), tx=self.ri(0, 90000), dur=self.ms(), up=self.ms(), ip=self.ip(v6=0.2),
                 ua=self.ch(UAS), u=self.uuid(), host=self.ch(("api.example-bank.ru", "api.edu-portal.ru", "gw.shop.ru")),
                 upip=self.ip(v6=0, private=True), port=self.ch((8080, 8443, 9000)), tail=tail)

    # ------------------------------------------------------------ CRM export
    def ln_crm(self, t, pii):
        ts = f"{t:%d.%m.%Y %H:%M:%S}"
        if pii:
            p = self.person()
            k = self.ri(0, 2)
            if k == 0:
                return F("{ts} | CRM | Лид #{n} | {p} | {ph} | {e} | Источник: {src}", ts=ts, n=self.nz(6),
                         p=self.pname(p, styles=[("fio", 3), ("FIO", 2), ("fi", 1), ("if", 1)]), ph=self.tel(p.phone, cued=False),
                         e=self.mail(p) if self.chance(0.7) else "—", src=self.ch(("звонок", "сайт", "выставка", "реклама VK", "партнёр")))
            if k == 1:
                co = self.company()
                return F("{ts} | CRM | Сделка #{n} | {co} | ИНН {i} | {m} | этап: {st}", ts=ts, n=self.nz(6), co=co["title"],
                         i=P("INN", co["inn"]), m=self.money("rub"), st=self.ch(("переговоры", "счёт выставлен", "оплачено")))
            return F("{ts} | CRM | Звонок #{n} | {ph} | длительность {mm:02d}:{ss:02d} | оператор {p}", ts=ts, n=self.nz(7),
                     ph=self.tel(p.phone, cued=False), mm=self.ri(0, 30), ss=self.ri(0, 59),
                     p=self.pname(self.person(with_data=False), styles=[("f_io", 2), ("if", 1)]))
        return B(f"{ts} | CRM | Импорт завершён: {self.ri(10, 9000)} записей, {self.ri(0, 90)} дубликатов, "
                 f"{self.r.random() * 30:.1f} с, batch {self.hexs(8)}")

    # ------------------------------------------------------------ telegram bot (aiogram/httpx)
    def ln_bot(self, t, pii):
        ts = f"{t:%Y-%m-%d %H:%M:%S}.{self.ri(0, 999):03d}"
        if pii:
            p = self.person()
            if self.chance(0.15):
                return F('{ts} - httpx - HTTP Request: POST https://api.telegram.org/bot{tok}/getUpdates "HTTP/1.1 200 OK"',
                         ts=ts, tok=self.sec("tg"))
            text = self.ch([
                lambda: F("тел {ph} — {p}", ph=self.tel(p.phone, cued=True), p=p.name(NOM, self.ch(("if", "fi")))),
                lambda: F("мой номер {ph}", ph=self.tel(p.phone, cued=True)),
                lambda: F("почта {e}, перезвоните", e=self.mail(p)),
                lambda: F("ИНН {i} для счёта", i=P("INN", p.inn)),
                lambda: F("карта {c} не проходит", c=P("CARD", self.fmt_card(self.card()))),
                lambda: F("меня зовут {p}, заказ {o}", p=self.pname(p, styles=[("fio", 2), ("if", 2), ("iof", 1)]), o=self.ordn()),
                lambda: F("адрес доставки {a}", a=self.address()),
            ])()
            return F('{ts} - aiogram.event - message from user_id={uid} text="{tx}"', ts=ts, uid=self.nz(10), tx=text)
        return B(ts + " - aiogram.event - " + self.ch((
            f"Update id={self.nz(9)} is handled. Duration {self.ms()} ms by bot id={self.nz(10)}",
            f"Callback query {self.hexs(16)} answered in {self.ms()} ms",
            f"Update id={self.nz(9)} is not handled. Duration {self.ms()} ms by bot id={self.nz(10)}")))

    # ------------------------------------------------------------ documents of this family
    def doc_log(self):
        self.doc_bank = self.bank()
        kinds = [self.wch(LOG_KINDS)]
        if self.chance(0.2):
            k2 = self.wch(LOG_KINDS)
            if k2 != kinds[0]:
                kinds.append(k2)
        t = self.when()
        lines = []
        for _ in range(self.ri(6, 20)):
            t += dt.timedelta(seconds=self.ri(1, 80))
            lines.append(getattr(self, "ln_" + self.ch(kinds))(t, self.chance(0.5)))
        if not any(b.has_spans() for b in lines):
            lines[-1] = getattr(self, "ln_" + kinds[0])(t, True)
        return "log:" + "+".join(kinds), join(lines)


# ============================================================================ chat:*

SYSTEM_PROMPTS = ("Ты — полезный ассистент.", "You are a helpful assistant.", "Отвечай кратко и по делу.",
                  "Ты — юрист-консультант. Отвечай на русском языке.", "Ты помогаешь составлять деловые документы.")
GENERIC_REPLIES = (
    "Готово. Проверьте, пожалуйста, данные перед отправкой.",
    "Рекомендую не отправлять паспортные данные и номера карт в открытых чатах — их лучше передавать по защищённым каналам.",
    "Конечно. Если нужно, могу сделать вариант в более официальном стиле.",
    "Для этого понадобятся заявление, копия паспорта и реквизиты счёта. Срок рассмотрения обычно 10 рабочих дней.",
    "Срок ответа на претензию — 10 дней. Если ответа нет, можно обратиться в Роспотребнадзор или в суд.",
)
IP_QA = (("Как перейти на УСН 6%?", "Переход на УСН возможен с начала календарного года: уведомление подаётся до 31 декабря. "
          "Ставка 6% применяется к доходам."),
         ("Какие взносы я должен заплатить за год?", "Фиксированные взносы ИП за себя платятся до 31 декабря, плюс 1% с дохода "
          "свыше 300 000 ₽ — до 1 июля следующего года."),
         ("Как закрыть ИП через Госуслуги?", "Подайте заявление по форме Р26001 через Госуслуги и оплатите госпошлину; "
          "через 5 рабочих дней придёт лист записи ЕГРИП."))
FOLLOW_UPS = (("Спасибо! А можно короче?", "Конечно, вот сокращённый вариант — оставил только главное."),
              ("Сделай более официально.", "Готово: заменил разговорные обороты на деловой стиль."),
              ("Добавь дату и подпись.", "Добавил дату и строку для подписи в конце документа."),
              ("А что указать в графе «Основание»?", "Укажите реквизиты договора или счёта, по которому производится оплата."),
              ("Отлично, спасибо.", "Пожалуйста! Обращайтесь, если понадобится что-то ещё."),
              ("Убери лишние пустые строки.", "Убрал, теперь текст компактнее."))
SECRET_REPLY = ("Ключ в сообщении виден целиком — его нужно срочно отозвать и выпустить новый. "
                "Храните ключи в переменных окружения или менеджере секретов, а не в коде.")
ITEMS = (("велосипеда", "велосипед"), ("дивана", "диван"), ("ноутбука", "ноутбук"), ("детской коляски", "детская коляска"),
         ("холодильника", "холодильник"), ("гитары", "гитара"), ("iPhone 13", "iPhone 13"))
POSITIONS = (("ведущего специалиста", "ведущему специалисту"), ("бухгалтера", "бухгалтеру"),
             ("начальника отдела", "начальнику отдела"), ("инженера-программиста", "инженеру-программисту"),
             ("менеджера по продажам", "менеджеру по продажам"), ("юрисконсульта", "юрисконсульту"),
             ("водителя", "водителю"), ("специалиста по кадрам", "специалисту по кадрам"))
POSITIONS_GEN = tuple(g for g, _ in POSITIONS)
ISSUERS = ("ГУ МВД России по г. Москве", "МВД по Республике Татарстан", "ГУ МВД России по Свердловской обл.",
           "ОУФМС России по Новосибирской обл. в Ленинском р-не", "ТП УФМС России по Краснодарскому краю в г. Сочи",
           "ГУ МВД России по г. Санкт-Петербургу и Ленинградской обл.", "УМВД России по Омской обл.")


class ChatGen(Gen):
    """LLM prompt histories: scenario makers return [(role, B)], renderers give md/plain/jsonl/messages."""

    def sc_anketa(self):
        p = self.person()
        n = self.pname(p, styles=[("fio", 5), ("FIO", 1)])
        b = f"{p.birth:%d.%m.%Y}"
        s = P("SNILS", self.fmt_snils(p.snils))
        i = P("INN", p.inn)
        user = F("Заполни анкету для {purp}: ФИО: {n}, дата рождения {b}, СНИЛС {s}, ИНН {i}. Что ещё нужно указать?",
                 purp=self.ch(("работодателя", "банка", "визового центра", "детского сада", "страховой")), n=n, b=b, s=s, i=i)
        if self.chance(0.5):
            reply = F("Вот заполненная анкета:\n\n| Поле | Значение |\n|---|---|\n| ФИО | {n} |\n| Дата рождения | {b} |\n"
                      "| СНИЛС | {s} |\n| ИНН | {i} |\n\nДополнительно обычно указывают адрес регистрации и контактный телефон.",
                      n=p.name(NOM, "fio"), b=b, s=P("SNILS", s.value), i=P("INN", p.inn))
        else:
            reply = B("Обычно ещё нужны адрес регистрации, контактный телефон, e-mail и сведения об образовании.")
        return [("user", user), ("assistant", reply)]

    def sc_ad(self):
        p = self.person()
        item, item_nom = self.ch(ITEMS)
        user = F("{intro} {n}, мой телефон {ph}, почта {e}. Нужно написать объявление о продаже {item}, укажи мои контакты.",
                 intro=self.ch(("Меня зовут", "Я —", "Здравствуйте, я")), n=self.pname(p, styles=[("iof", 2), ("if", 3), ("fio", 1)]),
                 ph=self.tel(p.phone), e=P("EMAIL", p.email), item=item)
        reply = F("Продаётся {item_nom} в отличном состоянии. Цена — {m}, торг уместен.\nКонтакты: {n}, {ph}, {e}.",
                  item_nom=item_nom,
                  m=self.money("rub", 1000, 90000), n=p.name(NOM, "if"), ph=self.tel(p.phone, cued=False), e=P("EMAIL", p.email))
        return [("user", user), ("assistant", reply)]

    def sc_company(self):
        co = self.company()
        d = co["director"]
        user = F("{ask}: {t}, ИНН {inn}, КПП {kpp}, ОГРН {ogrn}, юр. адрес: {a}, генеральный директор {dn}.",
                 ask=self.ch(("Подготовь карточку предприятия", "Мы зарегистрировали компанию. Сделай таблицу реквизитов",
                              "Оформи реквизиты для счёта")),
                 t=co["title"], inn=P("INN", co["inn"]), kpp=co["kpp"], ogrn=P("OGRN", co["ogrn"]),
                 a=P("ADDRESS", co["address"].value), dn=self.pname(d, styles=[("fio", 4), ("f_io", 1)]))
        if self.chance(0.6):
            reply = F("Карточка предприятия\n\nПолное наименование: {full}\nИНН/КПП: {inn}/{kpp}\nОГРН: {ogrn}\n"
                      "Юридический адрес: {a}\nГенеральный директор: {dn}",
                      full=co["full"], inn=P("INN", co["inn"]), kpp=co["kpp"], ogrn=P("OGRN", co["ogrn"]),
                      a=P("ADDRESS", co["address"].value), dn=d.name(NOM, "fio"))
        else:
            reply = B(self.ch(GENERIC_REPLIES[:4]))
        return [("user", user), ("assistant", reply)]

    def sc_zagran(self):
        p = self.person()
        user = F("Помоги заполнить заявление на загранпаспорт. Я {n}, {pp}, {reg} по адресу {a}, телефон {ph}.",
                 n=self.pname(p, styles=[("fio", 3), ("iof", 1)]), pp=self.passport_b(p.passport),
                 reg=p.g("зарегистрирован", "зарегистрирована"), a=self.address(p.city), ph=self.tel(p.phone))
        reply = F("В анкете фамилия и имя латиницей будут записаны как {lat}. Паспортные данные укажите в разделе 6, "
                  "адрес — как в штампе о регистрации.", lat=p.name(NOM, "LAT"))
        return [("user", user), ("assistant", reply)]

    def sc_claim(self):
        p = self.person()
        co = self.company()
        order, m, card = self.nz(self.ri(8, 12)), self.money("rub", 900, 300000), self.fmt_card(self.card())
        t = self.when()
        user = F("Напиши претензию в интернет-магазин {co}: заказ № {o} на сумму {m} не доставлен. Деньги верните на карту {c}. "
                 "Мои данные: {n}, тел. {ph}.", co=co["title"], o=order, m=m, c=P("CARD", card),
                 n=self.pname(p, styles=[("fio", 3), ("if", 1)]), ph=self.tel(p.phone))
        reply = F("В {co}\nот {ng}\nтел. {ph}\n\nПРЕТЕНЗИЯ\n\n{d} мною был оформлен заказ № {o} на сумму {m}. "
                  "Товар до настоящего времени не доставлен. Прошу вернуть денежные средства на карту {c} в течение 10 дней.\n\n"
                  "{d2}    ________ {sig}", co=co["title"], ng=p.name(GEN, "fio"), ph=self.tel(p.phone), d=self.date_ru(t),
                  o=order, m=m, c=P("CARD", card), d2=self.date_ru(t + dt.timedelta(days=self.ri(10, 60)), "dot"),
                  sig=p.name(NOM, "io_f"))
        return [("user", user), ("assistant", reply)]

    def sc_code_secret(self):
        k = self.ri(0, 5)
        if k == 0:
            user = F('вот код, не работает\n```python\nimport openai\nclient = openai.OpenAI(api_key="{k}")\n'
                     'resp = client.chat.completions.create(model="gpt-4o-mini", messages=msgs)\n```\nвыдаёт 401',
                     k=self.sec(self.ch(("openai", "openai_proj"))))
        elif k == 1:
            user = F("Почему падает деплой? Вот .env:\n```\nDATABASE_URL=postgres://app:{pw}@{ip}:5432/prod\n"
                     "REDIS_URL=redis://{ip2}:6379/0\nSECRET_KEY={sk}\n```", pw=self.sec("password"),
                     ip=self.ip(v6=0, private=True), ip2=self.ip(v6=0, private=True), sk=self.sec("hex"))
        elif k == 2:
            user = F('curl -H "Authorization: Bearer {tok}" https://api.{d}/v1/users/{n} возвращает 403, что не так?',
                     tok=self.sec(self.ch(("jwt", "yc", "y0"))), d=self.ch(COMPANY_NAMES)[1] + ".ru", n=self.nz(6))
        elif k == 3:
            user = F("Бот не отвечает, вот токен {t}\nадмин id {n}", t=self.sec("tg"), n=self.nz(10))
        elif k == 4:
            user = F("git push не проходит: remote: Invalid username or token. Использую токен {t}",
                     t=self.sec(self.ch(("ghp", "glpat"))))
        else:
            user = F("Настраиваю CI, в переменных AWS_ACCESS_KEY_ID={a} и AWS_SECRET_ACCESS_KEY={s}, но S3 отвечает AccessDenied.",
                     a=self.sec("aws"), s=P("SECRET", self.s(40, ALNUM + "/+")))
        return [("user", user), ("assistant", B(SECRET_REPLY))]

    def sc_kz(self):
        p = self.person(kz=True)
        co = self.company(kz=True)
        user = F("Я из Казахстана, {n}, ИИН {i}, тел. {ph}. Помоги написать заявление на отпуск.",
                 n=self.pname(p, styles=[("fio", 3), ("if", 1)]), i=P("KZ_IIN", p.iin), ph=self.tel(p.phone))
        reply = F("Здравствуйте, {io}! Вот текст заявления:\n\nДиректору {co}\nот {ng}\n\nЗАЯВЛЕНИЕ\n\n"
                  "Прошу предоставить мне ежегодный оплачиваемый отпуск с {d} на 14 календарных дней.\n\n{d2}    ________ {sig}",
                  io=p.name(NOM, "io"), co=co["title"], ng=p.name(GEN, "fio"), d=self.date_ru(style="word"),
                  d2=self.date_ru(style="dot"), sig=p.name(NOM, self.ch(("io_f", "i_o_f"))))
        return [("user", user), ("assistant", reply)]

    def sc_ip(self):
        p = self.person()
        q, a = self.ch(IP_QA)
        user = F("Я индивидуальный предприниматель, ИП {n}, ОГРНИП {o}, ИНН {i}. {q}", n=self.pname(p, styles=[("fio", 3), ("f_io", 1)]),
                 o=P("OGRNIP", self.ogrnip(p.city["reg"])), i=P("INN", p.inn), q=q)
        return [("user", user), ("assistant", B(a))]

    def sc_payment(self):
        bank = self.doc_bank
        if self.chance(0.5):
            p = self.person()
            rcpt, acc = self.pname(p), self.account(self.ch(("person", "ip")), bank)
        else:
            co = self.company()
            rcpt, acc = co["title"], self.account("org", bank)
        user = F("Составь платёжное поручение: получатель {r}, р/с {a}, банк {bn}, БИК {bik}, к/с {ks}, назначение — {pur}, сумма {m}.",
                 r=rcpt, a=P("ACCOUNT", acc), bn=bank["name"], bik=bank["bik"], ks=P("ACCOUNT", bank["ks"]),
                 pur=self.ch(("оплата по договору № 14/2024", "возврат займа", "оплата счёта № 331")), m=self.money("rubdec"))
        reply = F("| Реквизит | Значение |\n|---|---|\n| Счёт получателя | {a} |\n| БИК | {bik} |\n| Корр. счёт | {ks} |\n\n"
                  "Проверьте назначение платежа перед отправкой.", a=P("ACCOUNT", acc), bik=bank["bik"], ks=P("ACCOUNT", bank["ks"]))
        return [("user", user), ("assistant", reply)]

    def sc_server(self):
        port = self.ch((22, 443, 5432, 6379, 8080, 9200))
        ip = self.ipv4() if self.chance(0.8) else self.ipv6()
        hostport = B("[", P("IP", ip), f"]:{port}") if ":" in ip else B(P("IP", ip), f":{port}")
        user = self.ch([
            lambda: F("Не могу подключиться к серверу {hp}, в логе: `connect() failed (111: Connection refused) while connecting "
                      "to upstream, client: {c}`. Что делать?", hp=hostport, c=self.ip(v6=0)),
            lambda: F("ssh на {hp} висит, ping проходит. С моего IP {c} раньше работало.", hp=hostport, c=self.ip(v6=0.2, private=False)),
            lambda: F("Как запретить в iptables всё, кроме {c} и подсети {net}/24, на сервере {hp}?",
                      c=self.ip(v6=0), net=P("IP", self.ipv4(True).rsplit(".", 1)[0] + ".0"), hp=hostport),
        ])()
        reply = F("Проверьте, что сервис на {ip} слушает порт {port}: `ss -tlnp | grep {port}`, и что порт открыт в firewall.",
                  ip=P("IP", ip), port=port)
        return [("user", user), ("assistant", reply)]

    def sc_resume(self):
        p = self.person()
        n = plural(self.ri(1, 25), "год", "года", "лет")
        field = self.ch(("логистике", "продажах", "бухгалтерии", "разработке ПО", "маркетинге"))
        user = F("Сделай резюме по шаблону.\nФИО: {n}\nТелефон: {ph}\nE-mail: {e}\nГород: {c}\nОпыт: {y} в {f}",
                 n=p.name(NOM, "fio"), ph=self.tel(p.phone), e=P("EMAIL", p.email), c=p.city["name"], y=n, f=field)
        reply = F("**{n}**\n{c} · {ph} · {e}\n\nОпыт работы: {y} в {f}. Ответственн{end}, быстро обучаюсь, умею работать в команде.",
                  n=p.name(NOM, self.ch(("fio", "iof"))), c=p.city["name"], ph=self.tel(p.phone, cued=False), e=P("EMAIL", p.email),
                  y=n, f=field, end=p.g("ый", "ая"))
        return [("user", user), ("assistant", reply)]

    def sc_memo(self):
        p, boss = self.person(), self.person(with_data=False)
        co = self.company()
        topic = self.ch(("предоставлении отпуска с 1 по 14 июля", "закупке ноутбуков для отдела", "переносе сроков проекта"))
        user = F("Напиши служебную записку от {pg} на имя директора {bg} о {t}. Мой e-mail для ответа {e}.",
                 pg=self.pname(p, GEN, [("fio", 3), ("f_io", 1)]), bg=self.pname(boss, GEN, [("fio", 2), ("f_io", 2)]),
                 t=topic, e=P("EMAIL", p.email))
        reply = F("Директору {co}\n{bd}\nот {pg}\n\nСЛУЖЕБНАЯ ЗАПИСКА\n\nПрошу рассмотреть вопрос о {t}.\n\n{d}    ________ {sig}",
                  co=co["title"], bd=boss.name(DAT, "f_io"), pg=p.name(GEN, "f_io"), t=topic, d=self.date_ru(style="dot"),
                  sig=p.name(NOM, "io_f"))
        return [("user", user), ("assistant", reply)]

    def sc_kz_docs(self):
        p = self.person(kz=True)
        user = F("Оформляю визу в {c}. {fio}, {idb}, {pb}, ИИН {i}. Какие ещё документы нужны?",
                 c=self.ch(("Германию", "Италию", "Великобританию", "Японию")), fio=self.pname(p, styles=[("fio", 1), ("if", 1)]),
                 idb=self.kz_id_b(), pb=self.kz_passport_b(), i=P("KZ_IIN", p.iin))
        return [("user", user), ("assistant", B("Понадобятся анкета, фото 35×45, выписка с банковского счёта за 6 месяцев, "
                                                "справка с места работы и страховой полис на сумму от 30 000 евро."))]

    def sc_delivery(self):
        p = self.person()
        a = self.address(p.city)
        user = F("Оформи доставку: получатель {n}, адрес {a}, тел. {ph}, оплата картой {c}.", n=self.pname(p),
                 a=a, ph=self.tel(p.phone), c=P("CARD", self.fmt_card(self.card())))
        reply = F("Заказ оформлен. Получатель: {n}, {a}. Курьер позвонит за час до доставки.",
                  n=p.name(NOM, "fio"), a=P("ADDRESS", a.value))
        return [("user", user), ("assistant", reply)]

    def sc_bank_complaint(self):
        p = self.person()
        card = self.fmt_card(self.card())
        user = F("С моей карты {c} списали {m} без моего согласия. Я {n}, счёт {a}, {pp}. Напиши жалобу в банк.",
                 c=P("CARD", card), m=self.money("rub"), n=self.pname(p, styles=[("fio", 1)]),
                 a=P("ACCOUNT", self.account("person")), pp=self.passport_b(p.passport))
        reply = F("В {bank}\nот {ng}\n\nЖАЛОБА\n\n{d} с моей карты {c} была списана сумма, которую я не подтверждал{e}. "
                  "Прошу провести проверку и вернуть средства.", bank=self.doc_bank["name"], ng=p.name(GEN, "fio"),
                  d=self.date_ru(), c=P("CARD", card), e=p.g("", "а"))
        return [("user", user), ("assistant", reply)]

    def sc_email_draft(self):
        p = self.person()
        co = self.company()
        pos = self.ch(("менеджер по закупкам", "главный бухгалтер", "руководитель проекта", "офис-менеджер"))
        e = self.email(p, co["domain"], "latin")
        user = F("Составь письмо в {co} с просьбой выставить счёт. Подпись: {n}, {pos}, тел. {ph}, {e}",
                 co=self.company()["title"], n=self.pname(p, styles=[("fio", 2), ("if", 2)]), pos=pos, ph=self.tel(p.phone), e=P("EMAIL", e))
        reply = F("Добрый день!\n\nПрошу выставить счёт на оплату по договору № {n} от {d}.\n\nС уважением,\n{nm}\n{pos}\nТел.: {ph}\nE-mail: {e}",
                  n=self.ri(1, 400), d=self.date_ru(style="dot"), nm=p.name(NOM, "if"), pos=pos.capitalize(),
                  ph=self.tel(p.phone), e=P("EMAIL", e))
        return [("user", user), ("assistant", reply)]

    def sc_translate(self):
        p = self.person()
        a = self.address(p.city)
        b = f"{p.birth:%d.%m.%Y}"
        user = F("Переведи на английский: «Я, {n}, {b} г.р., проживаю по адресу {a}. Прошу связаться со мной по телефону {ph}.»",
                 n=p.name(NOM, "fio"), b=b, a=a, ph=self.tel(p.phone))
        reply = F("«I, {lat}, born on {b}, live at {a}. Please contact me by phone: {ph}.»",
                  lat=p.name(NOM, self.ch(("lat", "LAT"))), b=b, a=P("ADDRESS", a.value), ph=self.tel(p.phone))
        return [("user", user), ("assistant", reply)]

    def sc_check_numbers(self):
        p = self.person()
        s = self.fmt_snils(p.snils)
        user = F("Проверь, правильный ли у меня СНИЛС: {s}. И ИНН {i} — он точно мой?", s=P("SNILS", s), i=P("INN", p.inn))
        reply = F("Контрольное число СНИЛС {s} сходится. ИНН {i} корректен по контрольным цифрам, но принадлежность "
                  "проверяйте на сайте ФНС.", s=P("SNILS", s), i=P("INN", p.inn))
        return [("user", user), ("assistant", reply)]

    SCENARIOS = ("anketa", "ad", "company", "zagran", "claim", "code_secret", "kz", "ip", "payment", "server",
                 "resume", "memo", "kz_docs", "delivery", "bank_complaint", "email_draft", "translate", "check_numbers")

    def chat_messages(self):
        sc = self.ch(self.SCENARIOS)
        msgs = getattr(self, "sc_" + sc)()
        if sc not in ("code_secret", "server", "ip", "kz_docs", "check_numbers") and self.chance(0.35):
            q, a = self.ch(FOLLOW_UPS)
            msgs.append(("user", B(q)))
            msgs.append(("assistant", B(a)))
        if self.chance(0.15):
            msgs += getattr(self, "sc_" + self.ch(self.SCENARIOS))()
        return msgs

    def render_chat(self, msgs, fmt):
        if fmt == "md":
            if self.chance(0.2):
                msgs = [("system", B(self.ch(SYSTEM_PROMPTS)))] + msgs
            return join([B(f"### {r}\n", c) for r, c in msgs], "\n\n")
        if fmt in ("plain_ru", "plain_en"):
            names = {"user": "Пользователь", "assistant": "Ассистент"} if fmt == "plain_ru" else {"user": "User", "assistant": "Assistant"}
            return join([B(f"{names[r]}: ", c) for r, c in msgs], self.ch(("\n\n", "\n")))
        if fmt == "jsonl":
            ts = self.ri(1700000000, 1750000000)
            lines = []
            for r, c in msgs:
                ts += self.ri(5, 600)
                pairs = [("role", r), ("content", c)]
                if self.chance(0.5):
                    pairs.insert(0, ("ts", ts))
                lines.append(jobj(pairs).b)
            return join(lines)
        # OpenAI-style request
        if self.chance(0.7):
            msgs = [("system", B(self.ch(SYSTEM_PROMPTS)))] + msgs
        pairs = [("model", self.ch(("gpt-4o-mini", "gpt-4o", "GigaChat-Pro", "qwen2.5-72b", "yandexgpt-lite"))),
                 ("messages", jarr([jobj([("role", r), ("content", c)]) for r, c in msgs]))]
        if self.chance(0.5):
            pairs.append(("temperature", self.ch((0.2, 0.7, 1.0))))
        return jobj(pairs).b

    def support_chat(self):
        p = self.person()
        t = self.when()
        lines = []

        def say(who, b):
            nonlocal t
            t += dt.timedelta(seconds=self.ri(10, 240))
            lines.append(B(f"[{t:%H:%M}] {who}: ", b))
        k = self.ri(0, 2)
        if k == 0:
            say("Клиент", F("Здравствуйте, не приходит СМС с кодом на номер {ph}, договор № {n}.", ph=self.tel(p.phone), n=self.nz(8)))
            say("Оператор", B("Добрый день! Для проверки назовите, пожалуйста, ФИО и дату рождения."))
            say("Клиент", F("{n}, {b}", n=p.name(NOM, "fio"), b=f"{p.birth:%d.%m.%Y}"))
            say("Оператор", F("Спасибо, {io}. Номер {ph} подтверждён, код отправлен повторно.", io=p.name(NOM, "io"), ph=self.tel(p.phone)))
        elif k == 1:
            say("Клиент", F("Добрый день. Верните деньги за заказ {o} на карту {c}, пожалуйста.", o=self.nz(9), c=P("CARD", self.fmt_card(self.card()))))
            say("Оператор", B("Здравствуйте! Подскажите e-mail, указанный при заказе."))
            say("Клиент", B(P("EMAIL", p.email)))
            say("Оператор", B(f"Возврат оформлен, средства поступят в течение 3–5 рабочих дней. Номер обращения {self.nz(7)}."))
        else:
            say("Клиент", F("Хочу изменить адрес доставки на {a}", a=self.address(p.city)))
            say("Оператор", B("Конечно. Назовите, пожалуйста, серию и номер паспорта для подтверждения."))
            say("Клиент", B(self.passport_b(p.passport, word=False)))
            say("Оператор", F("Спасибо, {n}. Адрес изменён.", n=p.name(NOM, "io")))
        return join(lines)

    def doc_chat(self):
        self.doc_bank = self.bank()
        fmt = self.wch([("md", 22), ("plain_ru", 12), ("plain_en", 8), ("jsonl", 16), ("messages", 30), ("support", 12)])
        if fmt == "support":
            return "chat:support", self.support_chat()
        return "chat:" + fmt, self.render_chat(self.chat_messages(), fmt)


# ============================================================================ doc:*

class DocGen(Gen):
    """Business documents: requisites, contracts, powers of attorney, applications, claims ..."""

    def okved(self):
        return self.ch(("62.01", "47.91", "49.41", "68.20", "70.22", "46.90", "41.20", "86.10"))

    def requisites(self, co, short=False):
        """Requisites lines of a Russian company (list of B)."""
        b = co["bank"]
        inn, kpp, ogrn = P("INN", co["inn"]), co["kpp"], P("OGRN", co["ogrn"])
        k = self.ri(0, 2)
        if k == 0:
            head = [F("ИНН/КПП: {i}/{k}", i=inn, k=kpp), F("ОГРН: {o}", o=ogrn)]
        elif k == 1:
            head = [F("ИНН {i}", i=inn), F("КПП {k}", k=kpp), F("ОГРН {o}", o=ogrn)]
        else:
            head = [F("ИНН / ОГРН {i} / {o}", i=inn, o=ogrn), F("КПП {k}", k=kpp)]
        acc = [F("{rs} {a}", rs=self.ch(("Р/с:", "Р/с", "р/с", "Расчётный счёт:", "Расч. счёт")), a=P("ACCOUNT", co["account"])),
               F("Банк: {n}", n=b["name"]),
               F("{ks} {a}", ks=self.ch(("К/с:", "К/с", "к/с", "Корр. счёт:", "Кор. счёт")), a=P("ACCOUNT", b["ks"])),
               F("БИК {bik}", bik=b["bik"]) if self.chance(0.5) else F("БИК: {bik}", bik=b["bik"])]
        if short:
            return head + acc
        return head + [F("Юридический адрес: {a}", a=co["address"])] + acc

    def doc_rekvizity(self):
        co = self.company()
        d = co["director"]
        lines = [B(self.ch(("РЕКВИЗИТЫ ОРГАНИЗАЦИИ", "Карточка предприятия", "КАРТОЧКА КОНТРАГЕНТА"))), B(""),
                 B(f"Полное наименование: {co['full']}"), B(f"Сокращённое наименование: {co['title']}")]
        lines += self.requisites(co)
        if self.chance(0.5):
            lines.append(F("Почтовый адрес: {a}", a=self.address(co["city"], office=True)))
        lines.append(F("Телефон: {ph}", ph=self.tel(co["phone"])))
        lines.append(F("E-mail: {e}", e=self.corp_mail(co, d)))
        lines.append(F("ОКПО {o}, ОКВЭД {v}", o=self.d(8), v=self.okved()))
        lines.append(F("Генеральный директор: {n}", n=self.pname(d, styles=[("fio", 3), ("f_io", 2), ("io_f", 1)])))
        if self.chance(0.5):
            lines.append(F("Главный бухгалтер: {n}", n=self.pname(self.person(with_data=False), styles=[("fio", 1), ("f_io", 1)])))
        return "doc:rekvizity", join(lines)

    def second_party(self):
        """(intro B, requisites B, signature name P) for an ИП or a citizen."""
        p = self.person()
        if self.chance(0.6):
            bank = self.bank(p.city)
            ogrnip = self.ogrnip(p.city["reg"])
            intro = F("индивидуальный предприниматель {n} (ОГРНИП {o}, ИНН {i}), {im} в дальнейшем «Исполнитель»",
                      n=p.name(NOM, "fio"), o=P("OGRNIP", ogrnip), i=P("INN", p.inn), im=p.g("именуемый", "именуемая"))
            req = F("Исполнитель: ИП {n}, ОГРНИП {o}, ИНН {i}, адрес: {a}, р/с {acc} в {bn}, БИК {bik}, к/с {ks}, тел. {ph}, e-mail: {e}",
                    n=p.name(NOM, "fio"), o=P("OGRNIP", ogrnip), i=P("INN", p.inn), a=self.address(p.city),
                    acc=P("ACCOUNT", self.account("ip", bank)), bn=bank["name"], bik=bank["bik"], ks=P("ACCOUNT", bank["ks"]),
                    ph=self.tel(p.phone), e=P("EMAIL", p.email))
        else:
            intro = F("{gr} {n}, {pp}, {im} в дальнейшем «Исполнитель»", gr=p.g("гражданин РФ", "гражданка РФ"),
                      n=p.name(NOM, "fio"), pp=self.passport_b(p.passport), im=p.g("именуемый", "именуемая"))
            req = F("Исполнитель: {n}, ИНН {i}, СНИЛС {s}, адрес регистрации: {a}, карта для выплат {c}, тел. {ph}",
                    n=p.name(NOM, "fio"), i=P("INN", p.inn), s=P("SNILS", self.fmt_snils(p.snils)), a=self.address(p.city),
                    c=P("CARD", self.fmt_card(self.card())), ph=self.tel(p.phone))
        return intro, req, p

    def doc_dogovor(self):
        co = self.company()
        d = co["director"]
        kind = self.ch(("ОКАЗАНИЯ УСЛУГ", "ПОДРЯДА", "ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ", "АРЕНДЫ ОБОРУДОВАНИЯ"))
        intro, req, p = self.second_party()
        lines = [B(f"ДОГОВОР {kind} № {self.ri(1, 400)}-{self.ri(22, 25)}"), B(""),
                 B(f"г. {co['city']['name']}    {self.date_ru()}"), B(""),
                 F("{co}, {im} в дальнейшем «Заказчик», в лице генерального директора {dg}, {act} на основании Устава, "
                   "с одной стороны, и {intro}, с другой стороны, заключили настоящий договор о нижеследующем:",
                   co=co["title"], im="именуемое", dg=d.name(GEN, "fio"),
                   act=d.g("действующего", "действующей"), intro=intro), B(""),
                 B("1. ПРЕДМЕТ ДОГОВОРА"),
                 B(f"1.1. Исполнитель обязуется {self.ch(('оказать услуги по разработке программного обеспечения', 'выполнить ремонт офисного помещения', 'оказать консультационные услуги'))}, "
                   "а Заказчик обязуется принять и оплатить результат."),
                 B("2. ЦЕНА И ПОРЯДОК РАСЧЁТОВ"),
                 B(f"2.1. Стоимость составляет {self.money('rubdec', 10000, 3000000)}, НДС не облагается. Оплата производится в течение "
                   f"{self.ri(3, 30)} рабочих дней."), B(""),
                 B("РЕКВИЗИТЫ СТОРОН"),
                 B("Заказчик: ", join(self.requisites(co, short=True), ", "), ", адрес: ", co["address"]),
                 req, B(""),
                 F("Заказчик ________ {a}    Исполнитель ________ {b}", a=d.name(NOM, "io_f"), b=p.name(NOM, self.ch(("io_f", "f_io"))))]
        return "doc:dogovor", join(lines)

    def doc_doverennost(self):
        p, q = self.person(), self.person()
        lines = [B(f"ДОВЕРЕННОСТЬ № {self.ri(1, 900)}"), B(""), B(f"г. {p.city['name']}, {self.date_ru()}"), B(""),
                 F("Я, {n}, {b} года рождения, {pp}, выдан {iss} {d}, код подразделения {kp}, {reg} по адресу: {a}, "
                   "настоящей доверенностью уполномочиваю {qa}, {qb} года рождения, {qpp}, {live} по адресу: {qaddr}, {act}.",
                   n=p.name(NOM, "fio"), b=f"{p.birth:%d.%m.%Y}", pp=self.passport_b(p.passport), iss=self.ch(ISSUERS),
                   d=self.date_ru(style=self.ch(("dot", "word"))), kp=f"{self.d(3)}-{self.d(3)}",
                   reg=p.g("зарегистрированный", "зарегистрированная"), a=self.address(p.city),
                   qa=q.name(ACC, "fio"), qb=f"{q.birth:%d.%m.%Y}", qpp=self.passport_b(q.passport),
                   live=q.g("проживающего", "проживающую"), qaddr=self.address(q.city),
                   act=self.ch(("представлять мои интересы в ПАО Сбербанк по вопросам распоряжения денежными средствами",
                                "получать в отделениях Почты России заказную корреспонденцию на моё имя",
                                "представлять мои интересы в налоговых органах, подавать и получать документы",
                                "получить мою заработную плату в кассе работодателя"))), B(""),
                 B(f"Доверенность выдана сроком на {self.ch(('один год', 'три года', '6 месяцев'))} без права передоверия."), B(""),
                 F("Подпись ________ {s}", s=p.name(NOM, self.ch(("f_io", "io_f", "fio"))))]
        return "doc:doverennost", join(lines)

    def doc_zayavlenie(self):
        co = self.company()
        p = self.person()
        bodies = [
            lambda: F("Прошу перечислять мою заработную плату на счёт {a} (банк — {bn}, БИК {bik}).",
                      a=P("ACCOUNT", self.account("person", co["bank"])), bn=co["bank"]["name"], bik=co["bank"]["bik"]),
            lambda: B(f"Прошу уволить меня по собственному желанию {self.date_ru(style='dot')}."),
            lambda: B(f"Прошу предоставить мне ежегодный оплачиваемый отпуск с {self.date_ru(style='dot')} на 14 календарных дней."),
            lambda: F("Прошу выдать мне справку 2-НДФЛ за {y} год. СНИЛС {s}, ИНН {i}.", y=self.ri(2021, 2024),
                      s=P("SNILS", self.fmt_snils(p.snils)), i=P("INN", p.inn)),
            lambda: F("Прошу внести изменения в мои персональные данные в связи с заменой паспорта: новый {pp}, выдан {d}.",
                      pp=self.passport_b(p.passport), d=self.date_ru(style="dot")),
            lambda: F("Прошу перечислять компенсацию за использование личного транспорта на карту {c}.",
                      c=P("CARD", self.fmt_card(self.card()))),
        ]
        lines = [B(f"Генеральному директору {co['title']}"), B(co["director"].name(DAT, self.ch(("f_io", "f_i_o", "fio")))),
                 F("от {pos} {n}", pos=self.ch(POSITIONS_GEN), n=self.pname(p, GEN, [("fio", 2), ("f_io", 2), ("f_i_o", 1)])),
                 F("{c} {ph}", c=self.ch(("моб.", "тел.", "Телефон:")), ph=self.tel(p.phone)), B(""),
                 B("ЗАЯВЛЕНИЕ"), B(""), self.ch(bodies)(), B(""),
                 F("{d}    ____________ {s}", d=self.date_ru(style="dot"), s=p.name(NOM, self.ch(("io_f", "i_o_f"))))]
        return "doc:zayavlenie", join(lines)

    def doc_pretenziya(self):
        co = self.company()
        p = self.person()
        t = self.when()
        refund = self.ch([lambda: F("на карту {c}", c=P("CARD", self.fmt_card(self.card()))),
                          lambda: F("на счёт {a} (банк получателя — {bn}, БИК {bik})", a=P("ACCOUNT", self.account("person")),
                                    bn=self.doc_bank["name"], bik=self.doc_bank["bik"])])()
        lines = [B(f"В {co['title']}"), co["address"], F("от {n}", n=p.name(GEN, self.ch(("fio", "f_io")))),
                 F("адрес: {a}", a=self.address(p.city)), F("тел.: {ph}", ph=self.tel(p.phone)),
                 F("e-mail: {e}", e=P("EMAIL", p.email)), B(""), B("ПРЕТЕНЗИЯ"), B(""),
                 F("{d} мною был оформлен заказ № {o} на сумму {m}. {what} На основании Закона РФ «О защите прав потребителей» "
                   "прошу вернуть уплаченные денежные средства {r} в течение 10 дней.",
                   d=self.date_ru(t), o=self.nz(self.ri(7, 12)), m=self.money("rub"), r=refund,
                   what=self.ch(("Товар до настоящего времени не доставлен.", "Товар оказался ненадлежащего качества.",
                                 "Услуга не была оказана в согласованный срок."))), B(""),
                 F("{d}    ________ {s}", d=self.date_ru(t + dt.timedelta(days=self.ri(10, 60)), "dot"),
                   s=p.name(NOM, self.ch(("io_f", "f_io"))))]
        return "doc:pretenziya", join(lines)

    def doc_prikaz(self):
        co = self.company()
        p, q = self.person(with_data=False), self.person(with_data=False)
        pos = self.ch(POSITIONS_GEN)
        k = self.ri(0, 3)
        if k == 0:
            topic, act = "О назначении ответственного", F("Назначить {n}, {pos}, {o} за организацию обработки персональных данных.",
                                                         n=p.name(ACC, "fio"), pos=pos, o=p.g("ответственным", "ответственной"))
        elif k == 1:
            topic, act = "О приёме на работу", F("Принять {n} на должность {pos} с {d} с окладом {m}.", n=p.name(ACC, "fio"),
                                                 pos=pos, d=self.date_ru(style="dot"), m=self.money("rub", 40000, 250000))
        elif k == 2:
            topic, act = "О предоставлении отпуска", F("Предоставить {n}, {pos}, ежегодный оплачиваемый отпуск с {d} на 28 календарных дней.",
                                                       n=p.name(DAT, self.ch(("fio", "f_io"))), pos=dict(POSITIONS)[pos],
                                                       d=self.date_ru(style="dot"))
        else:
            topic, act = "О премировании", F("Премировать {n} в размере {m} по итогам {qq} квартала.", n=p.name(ACC, "fio"),
                                             m=self.money("rub", 5000, 150000), qq=self.ch(("I", "II", "III", "IV")))
        lines = [B(co["title"]), B(""), B(f"ПРИКАЗ № {self.ri(1, 400)}-{self.ch(('к', 'лс', 'од'))}"),
                 B(f"{self.date_ru()}    г. {co['city']['name']}"), B(""), B(topic), B(""), B("ПРИКАЗЫВАЮ:"),
                 B("1. ", act),
                 F("2. Контроль за исполнением приказа возложить на {n}.", n=q.name(ACC, self.ch(("fio", "f_io", "f_i_o")))), B(""),
                 F("Генеральный директор ________ {d}", d=co["director"].name(NOM, "io_f")),
                 F("С приказом {oz}: ____ {s}", oz=p.g("ознакомлен", "ознакомлена"), s=p.name(NOM, self.ch(("io_f", "i_o_f"))))]
        return "doc:prikaz", join(lines)

    def doc_spravka(self):
        co = self.company()
        p = self.person()
        lines = [B(co["title"]), F("ИНН {i}, ОГРН {o}", i=P("INN", co["inn"]), o=P("OGRN", co["ogrn"])),
                 F("{a}, тел. {ph}", a=co["address"], ph=self.tel(co["phone"])), B(""),
                 B(f"СПРАВКА № {self.ri(1, 999)}"), B(self.date_ru()), B(""),
                 F("Дана {n}, {b} г.р., СНИЛС {s}, в том, что {he} действительно работает в {co} в должности {pos} "
                   "с {d} по настоящее время. Средняя заработная плата за последние 6 месяцев составляет {m}.",
                   n=p.name(DAT, "fio"), b=f"{p.birth:%d.%m.%Y}", s=P("SNILS", self.fmt_snils(p.snils)), he=p.g("он", "она"),
                   co=co["title"], pos=self.ch(POSITIONS_GEN), d=self.date_ru(), m=self.money("rubdec", 30000, 400000)),
                 B("Справка выдана для предоставления по месту требования."), B(""),
                 F("Директор ________ {d}", d=co["director"].name(NOM, self.ch(("f_io", "f_i_o")))),
                 F("Главный бухгалтер ________ {b}", b=self.person(with_data=False).name(NOM, "f_io"))]
        return "doc:spravka", join(lines)

    def doc_protokol(self):
        co = self.company()
        a, b, c = (self.person(with_data=False) for _ in range(3))
        y = self.ri(2020, 2024)
        lines = [B(f"ПРОТОКОЛ № {self.ri(1, 40)}"), B(f"общего собрания участников {co['title']}"), B(""),
                 B(f"г. {co['city']['name']}    {self.date_ru()}"), B(""),
                 F("Присутствовали: {a}, {b}, {c}.", a=a.name(NOM, "f_io"), b=b.name(NOM, "f_i_o"), c=c.name(NOM, "fio")),
                 F("Председатель собрания — {a}, секретарь — {b}.", a=a.name(NOM, "fio"), b=b.name(NOM, self.ch(("io_f", "i_o_f")))),
                 B("Повестка дня:"), B(f"1. Об утверждении годового отчёта за {y} год."), B("2. О распределении прибыли."),
                 F("Слушали: {c} о распределении прибыли за {y} год.", c=c.name(ACC, "fio"), y=y),
                 B(f"Решили: выплатить дивиденды в размере {self.money('rubdec', 100000, 9000000)}. Голосовали: «за» — 3, «против» — 0."), B(""),
                 F("Председатель ________ {a}", a=a.name(NOM, "io_f")), F("Секретарь ________ {b}", b=b.name(NOM, "io_f"))]
        return "doc:protokol", join(lines)

    def doc_raspiska(self):
        p, q = self.person(), self.person()
        t0 = self.when()
        lines = [B("РАСПИСКА в получении денежных средств"), B(""), B(f"г. {p.city['name']}, {self.date_ru(t0)}"), B(""),
                 F("Я, {n}, {b} г.р., {pp}, выдан {iss} {d}, {reg} по адресу: {a}, {got} от {qg}, {qpp}, денежные средства "
                   "в размере {m} в качестве займа. Обязуюсь вернуть указанную сумму в срок до {d2}.",
                   n=p.name(NOM, "fio"), b=f"{p.birth:%d.%m.%Y}", pp=self.passport_b(p.passport), iss=self.ch(ISSUERS),
                   d=self.date_ru(style="dot"), reg=p.g("зарегистрированный", "зарегистрированная"), a=self.address(p.city),
                   got=p.g("получил", "получила"), qg=q.name(GEN, "fio"), qpp=self.passport_b(q.passport),
                   m=self.money("rub", 10000, 5000000), d2=self.date_ru(t0 + dt.timedelta(days=self.ri(30, 900)), "word")), B(""),
                 F("Тел. для связи: {ph}", ph=self.tel(p.phone)), B(""),
                 F("{d}    ________ /{s}/", d=self.date_ru(t0, "dot"), s=p.name(NOM, "io_f"))]
        return "doc:raspiska", join(lines)

    def doc_schet(self):
        co = self.company()
        b = co["bank"]
        if self.chance(0.5):
            bp = self.person()
            buyer = F("ИП {n}, ИНН {i}, {a}", n=bp.name(NOM, "fio"), i=P("INN", bp.inn), a=self.address(bp.city))
        else:
            bc = self.company()
            buyer = F("{t}, ИНН {i}, КПП {k}, {a}", t=bc["title"], i=P("INN", bc["inn"]), k=bc["kpp"], a=bc["address"])
        rows, total = [], 0
        for i in range(self.ri(1, 4)):
            q, pr = self.ri(1, 20), self.ri(300, 90000)
            total += q * pr
            rows.append(B(f"{i + 1} | {self.ch(('Картридж HP 85A', 'Бумага А4, 500 л.', 'Монитор 27', 'Услуги по настройке ПО', 'Доставка'))} | "
                          f"{q} | шт | {pr:,}.00 | {q * pr:,}.00".replace(",", " ")))
        g = f"{total:,}".replace(",", " ")
        lines = [B(co["title"]), F("Адрес: {a}, тел.: {ph}", a=co["address"], ph=self.tel(co["phone"])),
                 F("ИНН {i}  КПП {k}", i=P("INN", co["inn"]), k=co["kpp"]),
                 B(f"Банк получателя: {b['name']}"), B(f"БИК {b['bik']}"), F("Сч. № {ks}", ks=P("ACCOUNT", b["ks"])),
                 F("Сч. № {a}", a=P("ACCOUNT", co["account"])), B(""),
                 B(f"СЧЁТ НА ОПЛАТУ № {self.ri(1, 2000)} от {self.date_ru()}"), B(""),
                 B(f"Поставщик: {co['title']}"), B("Покупатель: ", buyer),
                 B("№ | Товары (работы, услуги) | Кол-во | Ед. | Цена | Сумма")] + rows + [
                 B(f"Итого: {g},00"), B(f"В том числе НДС (20%): {f'{total // 6:,}'.replace(',', ' ')},00"), B(""),
                 F("Руководитель ________ {d}", d=co["director"].name(NOM, "io_f")),
                 F("Бухгалтер ________ {b}", b=self.person(with_data=False).name(NOM, "f_io"))]
        return "doc:schet", join(lines)

    def doc_kz_spravka(self):
        co = self.company(kz=True)
        p = self.person(kz=True)
        tel = self.phone("kzland", co["city"])
        lines = [B(co["title"]), F("БИН {b}", b=P("KZ_IIN", co["bin"])),
                 F("{a}, тел. {ph}", a=co["address"], ph=self.tel(tel)), B(""),
                 B(f"СПРАВКА С МЕСТА РАБОТЫ № {self.ri(1, 500)}"), B(self.date_ru(style="dot")), B(""),
                 F("Настоящая справка выдана {n} (ИИН {i}, {idb}) в том, что {he} работает в {co} в должности {pos} с {d}. "
                   "Заработная плата перечисляется на карту {c}.",
                   n=p.name(DAT, "fio"), i=P("KZ_IIN", p.iin), idb=self.kz_id_b(), he=p.g("он", "она"), co=co["title"],
                   pos=self.ch(POSITIONS_GEN), d=self.date_ru(), c=P("CARD", self.fmt_card(self.card()))),
                 F("Контактный телефон: {ph}, e-mail: {e}", ph=self.tel(p.phone), e=P("EMAIL", p.email)), B(""),
                 F("Директор ________ {d}", d=co["director"].name(NOM, "f_io"))]
        return "doc:kz_spravka", join(lines)

    def doc_anketa(self):
        p, q = self.person(), self.person(with_data=False)
        s, n = p.passport
        lines = [B(self.ch(("АНКЕТА СОТРУДНИКА", "ЛИЧНАЯ КАРТОЧКА РАБОТНИКА", "АНКЕТА КАНДИДАТА"))), B(""),
                 F("1. Фамилия, имя, отчество: {n}", n=p.name(NOM, self.ch(("fio", "FIO")))),
                 B(f"2. Дата и место рождения: {p.birth:%d.%m.%Y}, г. {p.city['name']}"),
                 F("3. Паспорт: {pp}, выдан {iss} {d}", pp=self.passport_b(p.passport, word=False), iss=self.ch(ISSUERS),
                   d=self.date_ru(style="dot")),
                 F("4. Адрес регистрации: {a}", a=self.address(p.city)),
                 B("5. Адрес проживания: ", self.address(p.city) if self.chance(0.5) else "совпадает с адресом регистрации"),
                 F("6. ИНН: {i}", i=P("INN", p.inn)), F("7. СНИЛС: {sn}", sn=P("SNILS", self.fmt_snils(p.snils))),
                 F("8. Телефон: {ph}", ph=self.tel(p.phone)), F("9. E-mail: {e}", e=P("EMAIL", p.email)),
                 F("10. Контакт на случай ЧС: {q} ({rel}), {ph}", q=q.name(NOM, self.ch(("fio", "if"))),
                   rel=self.ch(("супруг", "отец", "брат", "сын") if q.male else ("супруга", "мать", "сестра", "дочь")),
                   ph=self.tel(self.phone("mob"), cued=False)),
                 F("11. Карта для зарплаты: {c}", c=P("CARD", self.fmt_card(self.card())))]
        if self.chance(0.3):
            lines.insert(6, B("3а. ", self.zagran_b()))
        return "doc:anketa", join(lines)

    def doc_akt(self):
        a, b = self.company(), self.company()
        total = self.ri(10000, 2000000)
        lines = [B(f"АКТ № {self.ri(1, 900)} выполненных работ (оказанных услуг)"), B(f"от {self.date_ru()}"), B(""),
                 F("Исполнитель: {t}, ИНН {i}, КПП {k}, {a}", t=a["title"], i=P("INN", a["inn"]), k=a["kpp"], a=a["address"]),
                 F("Заказчик: {t}, ИНН / КПП {i} / {k}, ОГРН {o}", t=b["title"], i=P("INN", b["inn"]), k=b["kpp"], o=P("OGRN", b["ogrn"])),
                 B(f"Основание: договор № {self.ri(1, 300)} от {self.date_ru(style='dot')}"), B(""),
                 B("№ | Наименование | Кол-во | Цена | Сумма"),
                 B(f"1 | {self.ch(('Техническая поддержка', 'Перевозка груза', 'Аудит ИБ', 'Юридическое сопровождение'))} | 1 | "
                   f"{total:,}.00 | {total:,}.00".replace(",", " ")), B(""),
                 B(f"Всего оказано услуг на сумму {f'{total:,}'.replace(',', ' ')},00 руб. Вышеперечисленные услуги выполнены полностью и в срок. "
                   "Заказчик претензий по объёму, качеству и срокам оказания услуг не имеет."), B(""),
                 F("Исполнитель ________ {x}    Заказчик ________ {y}", x=a["director"].name(NOM, "io_f"), y=b["director"].name(NOM, "io_f"))]
        return "doc:akt", join(lines)

    def doc_pismo(self):
        co, to = self.company(), self.company()
        p = self.person()
        lines = [B(co["title"]), co["address"], F("тел. {ph}, {e}", ph=self.tel(co["phone"]), e=self.corp_mail(co)), B(""),
                 B(f"Исх. № {self.ri(1, 999)}/{self.ri(1, 99)} от {self.date_ru(style='dot')}"), B(""),
                 B(f"Генеральному директору {to['title']}"), B(to["director"].name(DAT, self.ch(("f_io", "fio")))), B(""),
                 F("Уважаем{e} {io}!", e=to["director"].g("ый", "ая"), io=to["director"].name(NOM, "io")), B(""),
                 F("Просим сверить взаиморасчёты по договору № {n} и направить акт сверки по адресу {em}. "
                   "Контактное лицо — {p}, тел. {ph}.", n=self.ri(1, 400), em=self.corp_mail(co, p),
                   p=p.name(NOM, self.ch(("fio", "if", "f_io"))), ph=self.tel(p.phone)), B(""),
                 F("Генеральный директор ________ {d}", d=co["director"].name(NOM, "io_f"))]
        return "doc:pismo", join(lines)

    DOC_KINDS = ("rekvizity", "dogovor", "doverennost", "zayavlenie", "pretenziya", "prikaz", "spravka", "protokol",
                 "raspiska", "schet", "kz_spravka", "anketa", "akt", "pismo")

    def doc_doc(self):
        self.doc_bank = self.bank()
        return getattr(self, "doc_" + self.ch(self.DOC_KINDS))()


# ============================================================================ neg:*  (no PII at all)

NEWS_SENTENCES = (
    "Новый роман известного автора вышел тиражом {n} экземпляров и за неделю возглавил списки продаж.",
    "Служебный роман, снятый почти полвека назад, снова показали в кинотеатрах города.",
    "Главная героиня фильма сохраняет веру в людей, несмотря ни на что.",
    "Вера в быстрое восстановление рынка пока не подтверждается цифрами: спрос вырос лишь на {p}%.",
    "У аграриев есть надежда на хороший урожай: осадков в мае выпало на {p}% больше нормы.",
    "Надежда организаторов на тёплую погоду оправдалась, фестиваль посетили {n} человек.",
    "Любовь к родному краю — главная тема выставки, которая продлится до конца месяца.",
    "Спектакль о первой любви получил {k} театральные премии.",
    "Роза ветров для нового аэропорта рассчитана по наблюдениям за {k0} лет.",
    "Выручка компании за {y} год выросла на {p}% и составила {m}.",
    "Средняя цена квадратного метра в новостройках достигла {m}.",
    "Индекс потребительских цен за месяц увеличился на 0,{k}%, годовая инфляция — {p},{k}%.",
    "Курс доллара на торгах Мосбиржи опустился ниже {k0}0 рублей впервые с {y} года.",
    "Матч завершился со счётом {k}:{k2}, следующая игра пройдёт {date}.",
    "На ремонт дорог в этом году направят {m}, работы охватят {k0} км.",
    "Синоптики обещают до +{k0} °C днём и дожди во второй половине недели.",
    "В библиотеке открылась выставка «Мир, вера и надежда в русской живописи».",
)
NEG_CHAT_PAIRS = (
    ("Посчитай, сколько будет {m} ₽ со скидкой {p}% и доставкой {d} ₽.", "Со скидкой — {disc} ₽, вместе с доставкой — {disc_d} ₽."),
    ("Что значит код ответа {code} и как настроить rate limit на {n} запросов в минуту?",
     "Код {code} — это ответ сервера. Для лимита используйте модуль limit_req с зоной на {n} r/m."),
    ("Сколько минут в {k} сутках?", "В {k} сутках {mins} минут."),
    ("Мой роман застрял на {k}-й странице, помоги придумать сюжетный поворот.",
     "Попробуйте ввести второстепенного героя, который знает тайну прошлого главного персонажа."),
    ("Как в Python отсортировать список словарей по полю created_at?",
     "Используйте sorted(items, key=lambda x: x[\"created_at\"]). Для обратного порядка добавьте reverse=True."),
    ("Какая версия Chrome сейчас актуальна? У меня {ver}.", "Сборка {ver} устарела примерно на полгода — стоит обновиться."),
    ("Переведи {n} байт в мегабайты.", "{n} байт — это примерно {mb} МБ."),
    ("Напиши регулярку для дат вида 2024-05-17.", "Подойдёт выражение \\d{{4}}-\\d{{2}}-\\d{{2}}; для строгой проверки месяцев используйте (0[1-9]|1[0-2])."),
    ("Объясни, что такое вера в психологии мотивации.", "Это уверенность человека в том, что усилия приведут к результату."),
    ("Сколько стоит подписка на {k} месяцев, если месяц — {d} ₽?", "Получится {total} ₽ без учёта скидок."),
)


class NegGen(Gen):
    """PII-free texts full of look-alike numbers: epochs, ids, hashes, amounts, versions, codes."""

    def ver(self):
        return f"{self.wch([(0, 2), (1, 4), (2, 3), (3, 2), (self.ri(4, 20), 3)])}.{self.ri(0, 40)}.{self.ri(0, 120)}"

    def browser_ver(self):
        return f"{self.ri(100, 125)}.0.{self.ri(4000, 6999)}.{self.ri(10, 250)}"

    def epoch(self):
        return self.ri(1690000000, 1760000000)

    def neg_syslog(self):
        t = self.when()
        lines = []
        for _ in range(self.ri(6, 14)):
            t += dt.timedelta(seconds=self.ri(3, 120))
            ts = self.ch((t_iso(t, self.ri(0, 999), True), t_iso(t, 0)))
            msg = self.ch([
                lambda: f"INFO  release {self.hexs(40)} rolled out to production (pipeline {self.ri(10000, 99999)})",
                lambda: f"ERROR upstream payment provider did not answer in {self.ms(5000, 60000)} ms, attempt {self.ri(1, 5)} of 5, txn={self.nz(self.ri(10, 12))}",
                lambda: f"INFO  nightly cleanup done ts={self.epoch()} removed={self.ri(100, 900000)}",
                lambda: f"WARN  consumer group billing lag: topic=payments partition={self.ri(0, 23)} offset={self.nz(12)} lag={self.ri(0, 90000)}",
                lambda: f"INFO  server started on port {self.ch((8080, 8443, 9090, 5432, 6379))}, threads={self.ri(2, 64)}, build {self.ver()}",
                lambda: f"INFO  order {self.ch(('ORD', 'SO', 'INV'))}-{self.ri(2021, 2025)}-{self.nz(7)} -> {self.ch(('PAID', 'SHIPPED', 'CANCELLED'))} total={self.money('dec')} took={self.ms()}ms span={self.hexs(16)}",
                lambda: f"INFO  metric=latency_p99 value={self.r.random() * 900:.1f} at={self.epoch()}{self.d(3)} node=app-{self.ri(1, 40)}",
                lambda: f"INFO  pod/checkout-{self.hexs(9)}-{self.s(5, string.ascii_lowercase)} pulled image sha256:{self.hexs(64)}",
                lambda: f"WARN  Импорт прерван: строка {self.ri(10, 90000)}, поле amount содержит {self.nz(13)}",
                lambda: "INFO  systemd[1]: Started postgresql@15-main.service - PostgreSQL Cluster 15-main.",
                lambda: f"DEBUG GET /api/v2/catalog/items/{self.nz(self.ri(8, 12))}?page={self.ri(1, 90)} 200 {self.ri(100, 99999)}b {self.r.random():.3f}s req={self.uuid()}",
                lambda: f"INFO  JVM started in {self.r.random() * 30:.3f} s, heap {self.ri(256, 4096)}M, GC G1, uptime {self.ri(1, 999)} h",
                lambda: f"INFO  UA=\"Mozilla/5.0 Chrome/{self.browser_ver()} Safari/537.36\" os_build={self.ri(10, 11)}.0.{self.ri(19041, 26100)}.{self.ri(1000, 5000)}",
            ])()
            lines.append(f"{ts} {msg}")
        return "neg:syslog", B("\n".join(lines))

    def neg_table(self):
        k = self.ri(0, 2)
        rows = []
        t = self.when()
        if k == 0:
            rows.append("id;created_at;status;amount;hash")
            for _ in range(self.ri(5, 14)):
                t += dt.timedelta(minutes=self.ri(1, 3000))
                rows.append(f"{self.nz(self.ri(6, 12))};{t:%Y-%m-%d %H:%M:%S};{self.ch(('new', 'paid', 'refund', 'failed'))};"
                            f"{self.money('dec')};{self.ch((self.hexs(32), self.hexs(40)))}")
        elif k == 1:
            rows.append("order_id,created,total,currency,sku,checksum")
            for _ in range(self.ri(5, 14)):
                t += dt.timedelta(minutes=self.ri(1, 3000))
                rows.append(f"{self.nz(self.ri(7, 11))},{t:%d.%m.%Y},{self.money('dec')},{self.ch(('RUB', 'KZT', 'USD'))},"
                            f"SKU-{self.nz(6)},{self.hexs(8)}")
        else:
            rows.append("txn_id\tts\tstate\tsum\tref")
            for _ in range(self.ri(5, 14)):
                rows.append(f"{self.nz(self.ri(9, 12))}\t{self.epoch()}\t{self.ch(('OK', 'DECLINED', 'PENDING'))}\t"
                            f"{self.money('plain')}\t{self.b64(12)}")
        return "neg:table", B("\n".join(rows))

    def neg_release(self):
        v = self.ver()
        lines = [f"Release notes {v} ({self.date_ru(style='dot')})", ""]
        for _ in range(self.ri(4, 9)):
            lines.append("- " + self.ch([
                lambda: f"Миграция БД {self.epoch()}_add_{self.ch(('index', 'column', 'table'))}.sql",
                lambda: f"Образ registry.local/{self.ch(('api', 'worker', 'web'))}:{self.ver()}@sha256:{self.hexs(64)}",
                lambda: f"Исправлена ошибка #{self.ri(1000, 9999)}: падение при загрузке файлов больше {self.ri(1, 8)} ГБ",
                lambda: f"Зависимости: numpy=={self.ver()}, requests=={self.ver()}, django=={self.ver()}",
                lambda: f"Таймаут запросов увеличен до {self.ri(10, 120) * 1000} мс",
                lambda: f"Коммит {self.hexs(7)}: ускорена выгрузка отчётов в {self.ri(2, 9)} раз",
                lambda: f"Минимальная версия Android — {self.ri(8, 14)}, iOS — {self.ri(14, 17)}.{self.ri(0, 4)}",
            ])())
        return "neg:release", B("\n".join(lines))

    def neg_news(self):
        t = self.when()
        head = self.ch((f"Сводка, {self.date_ru(t, 'word')}", f"Новости {t:%d.%m.%Y}", "Коротко о главном"))
        sents = self.r.sample(NEWS_SENTENCES, self.ri(3, 6))
        body = " ".join(s.format(n=f"{self.ri(2, 500) * 1000:,}".replace(",", " "), p=self.ri(2, 40), k=self.ri(1, 5),
                                 k2=self.ri(0, 4), k0=self.ri(2, 9), y=self.ri(2019, 2024), m=self.money(self.ch(("rub", "word")), 10 ** 5, 10 ** 9),
                                 date=self.date_ru(style="word")) for s in sents)
        extra = "Подробности — в разделе «Экономика»." if self.chance(0.5) else \
            f"Заседание назначено на {self.ri(10, 18)}:00, трансляция начнётся в {self.ri(10, 18)}:30."
        return "neg:news", B(f"{head}\n\n{body}\n{extra}")

    def neg_catalog(self):
        lines = [f"Каталог товаров от {self.date_ru(style='dot')}", ""]
        for i in range(self.ri(4, 10)):
            ean = "46" + self.d(10)
            ean += str((10 - sum(int(c) * (3 if j % 2 else 1) for j, c in enumerate(ean)) % 10) % 10)
            lines.append(f"{i + 1}. {self.ch(('Кофе в зёрнах 1 кг', 'Чайник электрический', 'Кабель USB-C 2 м', 'Лампа LED 12 Вт', 'Рюкзак городской', 'Набор отвёрток 24 шт.'))}"
                         f" — арт. {self.ch((f'{self.nz(3)}.{self.d(3)}.{self.d(2)}', f'TV{self.nz(3)}-{self.d(4)}', self.nz(8)))}"
                         f" — {self.ri(1, 90)} шт. × {self.money(self.ch(('rub', 'rubdec')))}, EAN {ean}")
        lines.append(f"Итого позиций: {len(lines) - 2}, склад № {self.ri(1, 30)}, обновлено {self.epoch()}")
        return "neg:catalog", B("\n".join(lines))

    def neg_chat(self):
        pairs = self.r.sample(NEG_CHAT_PAIRS, self.ri(1, 3))
        msgs = []
        for q, a in pairs:
            k, d, n = self.ri(2, 12), self.ri(99, 990), self.ri(10 ** 6, 10 ** 10)
            m, pc = self.ri(10, 990) * 100, self.ch((5, 10, 15, 20, 25, 30))
            sp = lambda v: f"{v:,}".replace(",", " ")
            kw = dict(m=sp(m), p=pc, d=d, code=self.ch((401, 403, 418, 429, 502, 504)), n=n, k=k, mins=sp(k * 1440),
                      ver=self.browser_ver(), mb=str(round(n / 1048576, 1)).replace(".", ","), total=sp(k * d),
                      disc=sp(m * (100 - pc) // 100), disc_d=sp(m * (100 - pc) // 100 + d))
            msgs.append(("user", B(q.format(**kw))))
            msgs.append(("assistant", B(a.format(**kw))))
        fmt = self.ch(("md", "plain_ru", "jsonl", "messages"))
        return "neg:chat", ChatGen.render_chat(self, msgs, fmt)

    def neg_metrics(self):
        lines = []
        for _ in range(self.ri(6, 14)):
            lines.append(self.ch([
                lambda: f'http_requests_total{{method="{self.ch(("GET", "POST"))}",code="{self.ch((200, 404, 500))}",handler="/api/v1/items"}} {self.ri(1000, 99999999)}',
                lambda: f"process_start_time_seconds {self.epoch()}.{self.d(2)}",
                lambda: f'kafka_consumergroup_lag{{topic="events",partition="{self.ri(0, 11)}"}} {self.ri(0, 99999)}',
                lambda: f'kafka_log_end_offset{{topic="payments",partition="{self.ri(0, 11)}"}} {self.nz(12)}',
                lambda: f"node_memory_MemAvailable_bytes {self.ri(1, 9)}.{self.d(9)}e+09",
                lambda: f'http_request_duration_seconds_bucket{{le="{self.ch(("0.1", "0.5", "1", "2.5"))}"}} {self.ri(100, 9999999)}',
                lambda: f'build_info{{version="{self.ver()}",revision="{self.hexs(12)}",goversion="go1.{self.ri(18, 22)}.{self.ri(0, 9)}"}} 1',
                lambda: f"go_gc_duration_seconds{{quantile=\"0.{self.ri(25, 99)}\"}} {self.r.random() / 100:.9f}",
            ])())
        return "neg:metrics", B("\n".join(lines))

    def neg_api(self):
        n = self.nz(11)
        lines = ["## Получение товара", "", f"GET /api/v1/items/{n}", "",
                 f"Пример ответа (заказ ORD-{self.ri(2021, 2025)}-{self.nz(7)}):", "```json",
                 json.dumps({"id": int(n), "sku": f"SKU-{self.nz(6)}", "price": float(self.money("dec")), "stock": self.ri(0, 900),
                             "updated_at": self.epoch() * 1000 + self.ri(0, 999), "etag": self.hexs(32),
                             "thumbnail": "iVBORw0KGgoAAAANSUhEUgAA" + self.b64(40)}, ensure_ascii=False), "```", "",
                 f"Лимит: {self.ri(10, 1000)} запросов в минуту, таймаут {self.ri(1, 30)} с. Версия API {self.ver()}.",
                 f"Пагинация: /api/v1/items?cursor={self.b64(24)}&limit={self.ch((20, 50, 100))}"]
        return "neg:api", B("\n".join(lines))

    def neg_finance(self):
        y = self.ri(2021, 2024)
        bik = self.ch(BANKS)[1]
        lines = [f"Пояснительная записка к бухгалтерской отчётности за {y} год", "",
                 f"Выручка составила {self.money('rubdec', 10 ** 6, 9 * 10 ** 8)}, чистая прибыль — {self.money('rubdec', 10 ** 5, 9 * 10 ** 7)}.",
                 f"Дебиторская задолженность на 31.12.{y}: {self.money('rubdec', 10 ** 5, 10 ** 8)}.",
                 f"Коды: ОКПО {self.d(8)}, ОКВЭД {self.ch(('62.01', '47.91', '49.41', '68.20'))}, ОКТМО {self.d(8)}, ОКФС 16, ОКОПФ 12300.",
                 f"КПП {self.ri(10, 99)}{self.ri(1, 99):02d}01001, обслуживающий банк: БИК {bik}.",
                 f"Среднесписочная численность — {self.ri(5, 900)} человек, фонд оплаты труда {self.money('word', 10 ** 6, 10 ** 8)}.",
                 f"Курсовые разницы отражены по курсу {self.ri(85, 99)},{self.d(4)} руб. за доллар США."]
        return "neg:finance", B("\n".join(lines))

    def neg_schedule(self):
        lines = [f"Расписание на {self.date_ru(style='word')}", ""]
        for _ in range(self.ri(4, 10)):
            h, m = self.ri(0, 23), self.ri(0, 59)
            lines.append(self.ch([
                lambda: f"Поезд № {self.ri(1, 999)}{self.ch('АБВГМЯ')}: отправление {h:02d}:{m:02d}, в пути {self.ri(1, 30)} ч {self.ri(0, 59)} мин, вагоны {self.ri(1, 9)}–{self.ri(10, 20)}",
                lambda: f"Рейс {self.ch(('SU', 'S7', 'U6', 'DP'))} {self.ri(100, 9999)}: вылет {h:02d}:{m:02d}, выход {self.ri(1, 40)}, терминал {self.ch('ABCDE')}",
                lambda: f"Электронный билет {self.nz(13)}, место {self.ri(1, 60)}{self.ch('ABCDF')}",
                lambda: f"Автобус {self.ri(1, 999)}к: интервал {self.ri(5, 40)} мин, первый рейс {h:02d}:{m:02d}",
                lambda: f"Совещание {h:02d}:{m:02d}–{(h + 1) % 24:02d}:{m:02d}, переговорная {self.ri(100, 1200)}, ссылка meet/{self.hexs(10)}",
            ])())
        return "neg:schedule", B("\n".join(lines))

    def neg_json(self):
        lines = []
        for _ in range(self.ri(5, 12)):
            lines.append(json.dumps({
                "ts": self.epoch() * 1000 + self.ri(0, 999), "event": self.ch(("page_view", "add_to_cart", "checkout", "search")),
                "session": self.hexs(16), "item_id": int(self.nz(self.ri(6, 11))), "price": float(self.money("dec")),
                "latency_ms": self.ms(), "build": self.ver(), "ab": self.ch(("A", "B"))}, ensure_ascii=False))
        return "neg:json", B("\n".join(lines))

    def neg_git(self):
        lines = []
        t = self.when()
        for _ in range(self.ri(5, 12)):
            t -= dt.timedelta(hours=self.ri(1, 60))
            lines.append(f"{self.hexs(7)} {t:%Y-%m-%d} " + self.ch((
                f"Merge pull request #{self.ri(100, 9999)} from feature/payments-retry",
                f"Bump version to {self.ver()}", f"fix: handle offset overflow above {self.nz(10)}",
                f"chore(deps): update lodash to {self.ver()}", f"perf: cache catalog pages ({self.ri(10, 90)}% faster)",
                f"Revert \"{self.hexs(12)}\"", f"feat: export orders to CSV, closes #{self.ri(100, 9999)}")))
        return "neg:git", B("\n".join(lines))

    NEG_KINDS = ("syslog", "table", "release", "news", "catalog", "chat", "metrics", "api", "finance", "schedule", "json", "git")

    def doc_neg(self):
        return getattr(self, "neg_" + self.ch(self.NEG_KINDS))()


class CorpusGen(LogGen, ChatGen, DocGen, NegGen):
    FAMILIES = (("log", 0.30), ("chat", 0.25), ("doc", 0.20), ("neg", 0.25))

    def document(self, family):
        while True:
            source, b = getattr(self, "doc_" + family)()
            text, spans = b.render()
            if "\n\n\n" in text:          # never happens with the templates, but keep the promise
                continue
            return finalize(source, text, spans)


def finalize(source, text, spans):
    """Strip trailing whitespace, verify the spans, return (source, text, spans)."""
    text = text.rstrip()
    last = -1
    for s in spans:
        assert s["start"] >= last, ("overlap", source, s)
        assert s["end"] <= len(text), ("span beyond text", source, s)
        v = text[s["start"]:s["end"]]
        assert v == s.pop("value"), ("offsets do not give the inserted value", source, s, v)
        assert v == v.strip() and v, (source, v)
        last = s["end"]
    if source.startswith("neg"):
        assert not spans, source
    else:
        assert spans, ("positive document without spans", source)
    return source, text, spans


# ============================================================================ --check

CARD_PREFIX = re.compile(r"220[0-4]|4|5[1-5]|2(22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|3[47]|50|5[6-9]|6")
ACCOUNT_PREFIXES = ("40702", "40703", "40802", "40817", "30101")
TITLE_WORDS = {"г-н", "г-жа", "господин", "госпожа", "фио", "фио:", "тов.", "ип", "гражданин", "гражданка"}
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@([^@\s<>\"']+)\.([^@\s.<>\"']+)$")
CUE = {
    "PHONE": re.compile(r"(тел|phone|моб|номер|msisdn|звон)", re.I),
    "SNILS": re.compile(r"(снилс|snils)", re.I),
    "KZ_IIN": re.compile(r"(иин|бин|iin|bin)", re.I),
    "PASSPORT": re.compile(r"(паспорт|passport|удостоверени)", re.I),
}


def has_cue(label, text, start, window=40):
    return bool(CUE[label].search(text[max(0, start - window):start]))


def check_span(label, v, text, start, biks):
    """None when the span is valid for its label, else a reason."""
    dg = re.sub(r"\D", "", v)
    if label == "INN":
        return None if re.fullmatch(r"\d{10}|\d{12}", v) and inn_ok(v) else "INN check digit"
    if label == "OGRN":
        ok = re.fullmatch(r"\d{13}", v) and v[0] in "15" and 2 <= int(v[1:3]) <= 25 and ogrn_digit(v[:12]) == v[12]
        return None if ok else "OGRN"
    if label == "OGRNIP":
        ok = re.fullmatch(r"\d{15}", v) and v[0] == "3" and 4 <= int(v[1:3]) <= 25 and ogrnip_digit(v[:14]) == v[14]
        return None if ok else "OGRNIP"
    if label == "SNILS":
        if not re.fullmatch(r"\d{3}[- ]\d{3}[- ]\d{3}[- ]\d{2}|\d{11}", v) or not snils_ok(dg):
            return "SNILS check number"
        if v == dg and not has_cue("SNILS", text, start):
            return "plain SNILS without cue"
        return None
    if label == "KZ_IIN":
        if not (re.fullmatch(r"\d{12}", v) and kz_ok(v)):
            return "KZ_IIN check digit"
        return None if has_cue("KZ_IIN", text, start) else "KZ_IIN without cue"
    if label == "CARD":
        if not re.fullmatch(r"\d[\d -]*\d", v) or not 13 <= len(dg) <= 19 or not luhn_ok(dg):
            return "CARD Luhn"
        return None if CARD_PREFIX.match(dg) else "CARD prefix"
    if label == "ACCOUNT":
        if not re.fullmatch(r"\d{20}", v) or not v.startswith(ACCOUNT_PREFIXES) or v[5:8] not in ("810", "840", "978"):
            return "ACCOUNT shape"
        if biks and not any(account_ok(b, v) for b in biks):
            return "ACCOUNT control key vs БИК"
        return None
    if label == "PASSPORT":
        if re.fullmatch(r"\d{2} ?\d{2}( (№|номер))? \d{6}|\d{10}", v):
            reg, yy = int(dg[:2]), int(dg[2:4])
            if not (1 <= reg <= 99 and (yy >= 97 or yy <= 24)):
                return "PASSPORT series"
            if v == dg and not has_cue("PASSPORT", text, start):
                return "plain PASSPORT without cue"
            return None
        if re.fullmatch(r"\d{2} \d{7}", v):
            return None if "загран" in text[max(0, start - 30):start] else "zagran without cue"
        if re.fullmatch(r"\d{9}", v):
            return None if "удостоверени" in text[max(0, start - 40):start] else "KZ id without cue"
        if re.fullmatch(r"N\d{8}", v):
            return None if "РК" in text[max(0, start - 20):start] else "KZ passport without cue"
        return "PASSPORT layout"
    if label == "PHONE":
        if v.startswith("+") and not v.startswith("+7"):
            return None if 10 <= len(dg) <= 15 else "PHONE length"
        if len(dg) != 11 or dg[0] not in "78":
            return "PHONE length"
        if dg[1] not in "3489" and not (dg[1] == "7" and (dg[2] in "0" or dg[1:4] in ("747", "771", "775", "776", "777", "778", "727", "717", "721", "725"))):
            return "PHONE code"
        if v == dg and not has_cue("PHONE", text, start):
            return "plain PHONE without cue"
        return None
    if label == "EMAIL":
        m = EMAIL_RE.match(v)
        return None if m and m.group(2).lower() in EMAIL_TLDS else "EMAIL shape/TLD"
    if label == "IP":
        try:
            ipaddress.ip_address(v)
            return None
        except ValueError:
            return "IP"
    if label == "SECRET":
        return None if len(v) >= 6 and not re.search(r"\s", v) else "SECRET"
    if label == "PERSON":
        if not re.fullmatch(r"[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё.\- ]*", v):
            return "PERSON characters"
        return "PERSON title" if v.split()[0].lower() in TITLE_WORDS else None
    if label == "ADDRESS":
        return None if re.search(r"\d", v) and len(v) > 10 else "ADDRESS"
    return "unknown label"


LOOSE_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-zА-Яа-я]{2,}")
LOOSE_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
LOOSE_INTL = re.compile(r"(?<![\w+])\+\d[\d ()-]{8,}\d")
DIGIT_RUN = re.compile(r"(?<!\d)\d{10,19}(?!\d)")


def covered(spans, a, b):
    return any(s <= a and b <= e for _, s, e in spans)


def lookalike(run):
    """Which identifier checks a bare digit run passes (for the neg statistics)."""
    n, hits = len(run), []
    if n in (10, 12) and inn_ok(run):
        hits.append("INN")
    if n == 13 and run[0] in "15" and 2 <= int(run[1:3]) <= 25 and ogrn_digit(run[:12]) == run[12]:
        hits.append("OGRN")
    if n == 15 and run[0] == "3" and ogrnip_digit(run[:14]) == run[14]:
        hits.append("OGRNIP")
    if n == 11 and snils_ok(run):
        hits.append("SNILS")
    if n == 12 and kz_ok(run):
        hits.append("KZ_IIN")
    if 13 <= n <= 19 and luhn_ok(run) and CARD_PREFIX.match(run):
        hits.append("CARD")
    return hits


def check_file(path):
    labels, sources, errors = collections.Counter(), collections.Counter(), []
    family_labels = collections.defaultdict(collections.Counter)
    warn, neg_look = collections.Counter(), collections.Counter()
    ogrnip_high = 0
    n = 0
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            d = json.loads(line)
            n += 1
            text, src = d["text"], d["source"]
            fam = src.split(":")[0]
            sources[fam] += 1
            if "\n\n\n" in text:
                errors.append(f"{path}:{ln}: contains \\n\\n\\n")
            biks = re.findall(r"БИК:?\s*(\d{9})", text)
            spans = [(s["label"], s["start"], s["end"]) for s in d["spans"]]
            if fam == "neg" and spans:
                errors.append(f"{path}:{ln}: neg document with spans")
            last = 0
            for lab, a, b in spans:
                if a < last:
                    errors.append(f"{path}:{ln}: spans unsorted/overlapping at {a}")
                last = b
                v = text[a:b]
                why = check_span(lab, v, text, a, biks)
                if why:
                    errors.append(f"{path}:{ln}: {lab} {v!r}: {why}")
                labels[lab] += 1
                family_labels[fam][lab] += 1
                if lab == "OGRNIP" and int(v[:14]) % 13 >= 10:
                    ogrnip_high += 1
            # completeness: e-mail / IPv4 / +CC phone shapes outside any span
            for rx, what in ((LOOSE_EMAIL, "EMAIL"), (LOOSE_IPV4, "IP"), (LOOSE_INTL, "PHONE")):
                for m in rx.finditer(text):
                    if what == "IP" and any(int(o) > 255 for o in m.group().split(".")):
                        continue
                    if what == "EMAIL" and m.group().rsplit(".", 1)[1].lower() not in EMAIL_TLDS:
                        continue                  # postgresql@15-main.service is not an e-mail
                    if not any(s < m.end() and m.start() < e for _, s, e in spans):
                        warn[(fam, what)] += 1
            if fam == "neg":
                for m in DIGIT_RUN.finditer(text):
                    for h in lookalike(m.group()):
                        neg_look[h] += 1
    print(f"== {path}: {n} documents")
    print("documents per source family: " + ", ".join(f"{k}={v}" for k, v in sorted(sources.items())))
    print("spans per label: " + ", ".join(f"{k}={labels[k]}" for k in LABELS if labels[k]) + f"  (total {sum(labels.values())})")
    for fam in sorted(family_labels):
        print(f"  {fam}: " + ", ".join(f"{k}={v}" for k, v in family_labels[fam].most_common()))
    print(f"OGRNIP with mod-13 remainder 10..12: {ogrnip_high}")
    if warn:
        print("unlabelled e-mail/IP/+phone shapes: " + ", ".join(f"{f}/{w}={c}" for (f, w), c in sorted(warn.items())))
    else:
        print("unlabelled e-mail/IP/+phone shapes: none")
    print("checksum-valid bare digit runs in neg documents (natural look-alikes): " +
          (", ".join(f"{k}={v}" for k, v in sorted(neg_look.items())) or "none"))
    for e in errors[:30]:
        print("ERROR", e)
    print(f"errors: {len(errors)}")
    return not errors


# ============================================================================ writers

def write_corpus(seed, ndocs, out):
    g = CorpusGen(seed)
    fams = []
    for fam, share in CorpusGen.FAMILIES[:-1]:
        fams += [fam] * round(ndocs * share)
    fams += ["neg"] * (ndocs - len(fams))
    g.r.shuffle(fams)
    stem = os.path.splitext(os.path.basename(out))[0]
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for i, fam in enumerate(fams):
            source, text, spans = g.document(fam)
            f.write(json.dumps({"id": f"{stem}-{i:04d}", "source": source, "text": text, "spans": spans},
                               ensure_ascii=False) + "\n")
    print(f"wrote {out}: {len(fams)} documents (seed {seed})")


def write_examples(seed, outdir):
    g = CorpusGen(seed)
    g.doc_bank = g.bank()
    os.makedirs(outdir, exist_ok=True)
    # --- a mixed service log, chronological, ~60 KB
    t = dt.datetime(2025, 3, 14, 8, 0, 0)
    kinds = [("nginx", 26), ("java", 14), ("python", 14), ("json", 14), ("ru", 12), ("syslog", 8), ("postfix", 5), ("gateway", 7)]
    lines, size, nspans = [], 0, 0
    while size < 60000:
        t += dt.timedelta(seconds=g.ri(1, 40))
        b = getattr(g, "ln_" + g.wch(kinds))(t, g.chance(0.3))
        text, spans = b.render()
        for s in spans:
            assert text[s["start"]:s["end"]] == s["value"]
        nspans += len(spans)
        lines.append(text)
        size += len(text.encode()) + 1
    with open(os.path.join(outdir, "app.log"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {outdir}/app.log: {len(lines)} lines, {size} bytes, {nspans} PII values")
    # --- OpenAI-style chat history
    out = []
    nspans = 0
    for _ in range(50):
        msgs = g.chat_messages()
        if g.chance(0.6):
            msgs = [("system", B(g.ch(SYSTEM_PROMPTS)))] + msgs
        b = jobj([("messages", jarr([jobj([("role", r), ("content", c)]) for r, c in msgs]))]).b
        text, spans = b.render()
        json.loads(text)
        for s in spans:
            assert text[s["start"]:s["end"]] == s["value"]
        nspans += len(spans)
        out.append(text)
    with open(os.path.join(outdir, "chat.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {outdir}/chat.jsonl: {len(out)} lines, {nspans} PII values")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--docs", type=int, default=600, help="number of documents (default 600)")
    ap.add_argument("-o", "--output", help="write a gold corpus (JSON Lines) here")
    ap.add_argument("--examples", metavar="DIR", help="write DIR/app.log and DIR/chat.jsonl")
    ap.add_argument("--check", metavar="FILE", nargs="+", help="re-validate gold files and print counts")
    args = ap.parse_args()
    if not (args.output or args.examples or args.check):
        ap.error("nothing to do: give -o FILE, --examples DIR or --check FILE")
    if args.output:
        write_corpus(args.seed, args.docs, args.output)
    if args.examples:
        write_examples(args.seed, args.examples)
    if args.check:
        ok = all([check_file(p) for p in args.check])
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
