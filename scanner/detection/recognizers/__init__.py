"""Dutch recognizers, one per file. Importing this package makes them known to Presidio's YAML loader
(`type: predefined` in config/recognizers.yaml), which looks classes up among EntityRecognizer subclasses."""

from scanner.detection.recognizers.nl_address import NlAddressRecognizer
from scanner.detection.recognizers.nl_bsn import NlBsnRecognizer
from scanner.detection.recognizers.nl_date_of_birth import NlDateOfBirthRecognizer
from scanner.detection.recognizers.nl_email import NlEmailRecognizer
from scanner.detection.recognizers.nl_iban import NlIbanRecognizer
from scanner.detection.recognizers.nl_initials_name import NlInitialsNameRecognizer
from scanner.detection.recognizers.nl_onderwijsnummer import NlOnderwijsnummerRecognizer
from scanner.detection.recognizers.nl_phone import NlPhoneRecognizer
from scanner.detection.recognizers.nl_postcode import NlPostcodeRecognizer
from scanner.detection.recognizers.nl_special_category import NlSpecialCategoryRecognizer
from scanner.detection.recognizers.nl_titled_name import NlTitledNameRecognizer
from scanner.detection.recognizers.register_names import RegisterNameRecognizer

__all__ = [
    "NlAddressRecognizer", "NlBsnRecognizer", "NlDateOfBirthRecognizer", "NlEmailRecognizer",
    "NlIbanRecognizer", "NlInitialsNameRecognizer", "NlOnderwijsnummerRecognizer", "NlPhoneRecognizer",
    "NlPostcodeRecognizer", "NlSpecialCategoryRecognizer", "NlTitledNameRecognizer", "RegisterNameRecognizer",
]
