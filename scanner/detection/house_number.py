"""The house-number pattern, shared by the address recognizer and form reading (scanner.forms).

Kept apart from the recognizer so that reading forms, and with it linking, does not import Presidio:
a rescan answered from the cache never loads the NLP stack.
"""

# House number with its addition: 4a, 14 A, 12-II, 12-2, 9 bis, 7 hs.
HOUSE_NUMBER = (r"[1-9]\d{0,4}(?:[ ]?-[ ]?(?:\d{1,4}|[IVX]{1,4}|[a-zA-Z]{1,3})(?![\w])|[ ]?[a-zA-Z](?![\w])"
                r"|[ ](?:bis|hs|huis|bovenhuis|benedenhuis|boven|beneden|bg|zw|rd|[IVX]{1,4})(?![\w]))?"
                r"(?![\w,.:/-]\d)")
