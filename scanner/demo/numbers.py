"""Identifiers that pass (or, for decoys, fail) the checks a scanner applies.

BSNs and onderwijsnummers are built with the 11-proef and then checked with python-stdnum, so a
demo value is never accidentally invalid (a scanner would then rightly ignore it) and a decoy is never
accidentally valid (the scanner would then rightly report it).
"""

from __future__ import annotations

import random

import phonenumbers
from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn
from stdnum.nl import onderwijsnummer as std_onr
from stdnum.nl import postcode as std_postcode

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)
BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB")
# Postcode letter pairs that are also short lexicon terms (HB, CD, VT ...) or that stdnum rejects:
# a postcode must be a postcode, not an accidental diagnosis.
AVOID_LETTERS = {"SA", "SD", "SS", "AD", "CD", "ED", "HB", "CI", "CP", "LG", "MG", "VT", "JR", "GI", "OG", "AB",
                 "SO", "IB", "CJ", "RA", "TR"}


def _weighted(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True))


def bsn(rng: random.Random) -> str:
    """A 9-digit BSN: the weighted sum of the first eight digits minus the ninth is a multiple of 11."""
    while True:
        head = str(rng.randint(1, 6)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        check = _weighted(head) % 11
        if check == 10:
            continue
        number = head + str(check)
        if std_bsn.is_valid(number) and not std_onr.is_valid(number):
            return number


def onderwijsnummer(rng: random.Random) -> str:
    """DUO's number for a pupil without a BSN: starts with 10, weighted sum minus last digit is 5 mod 11."""
    while True:
        head = "10" + "".join(str(rng.randint(0, 9)) for _ in range(6))
        check = (_weighted(head) - 5) % 11
        if check == 10:
            continue
        number = head + str(check)
        if std_onr.is_valid(number):
            return number


def invoice_number(rng: random.Random) -> str:
    """A 9-digit invoice number that fails the 11-proef for both BSN and onderwijsnummer (a decoy)."""
    while True:
        number = str(rng.randint(200000000, 999999999))
        if not std_bsn.is_valid(number) and not std_onr.is_valid(number):
            return number


def iban(rng: random.Random) -> str:
    """A Dutch IBAN in print form ('NL91 ABNA 0417 1643 00'), mod-97 valid."""
    while True:
        bank = rng.choice(BANKS)
        account = "".join(str(rng.randint(0, 9)) for _ in range(10))
        check = std_iban.calc_check_digits(f"NL00{bank}{account}")
        number = f"NL{check}{bank}{account}"
        if std_iban.is_valid(number):
            return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


def mobile(rng: random.Random, style: int | None = None) -> str:
    """A Dutch mobile number (06-1 to 06-5) in one of the ways people write it."""
    while True:
        digits = "6" + str(rng.randint(1, 5)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        parsed = phonenumbers.parse("0" + digits, "NL")
        if phonenumbers.is_valid_number(parsed):
            break
    s = rng.randint(0, 3) if style is None else style
    national = "0" + digits
    if s == 0:
        return f"{national[:2]}-{national[2:]}"
    if s == 1:
        return " ".join([national[:2]] + [national[i:i + 2] for i in range(2, 10, 2)])
    if s == 2:
        return f"+31 6 {digits[1:]}"
    return national


def landline(rng: random.Random, area: str = "036") -> str:
    """An Almere (036) landline number, '036-5xx xx xx'."""
    while True:
        rest = "5" + "".join(str(rng.randint(0, 9)) for _ in range(6))
        if phonenumbers.is_valid_number(phonenumbers.parse(area + rest, "NL")):
            return f"{area}-{rest[:3]} {rest[3:5]} {rest[5:]}"


def postcode(rng: random.Random, low: int = 1311, high: int = 1359) -> str:
    """An Almere postcode ('1315 KT')."""
    while True:
        letters = chr(rng.randint(65, 90)) + chr(rng.randint(65, 90))
        if letters in AVOID_LETTERS:
            continue
        code = f"{rng.randint(low, high)} {letters}"
        if std_postcode.is_valid(code):
            return code


def kvk(rng: random.Random) -> str:
    return str(rng.randint(30000000, 79999999))
