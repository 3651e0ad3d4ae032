"""Names as they occur in an Almere special school: Dutch names from Faker `nl_NL`, plus the Turkish,
Moroccan, Surinamese, Polish, Syrian and Ghanaian names that make up a large share of the city.

A scanner that only knows 'Jan de Vries' fails in Almere; the lists below are small on purpose but
include the letters (ı, ş, ç, ł, ś) and name shapes (El Amrani, Al-Hassan, Kowalska) that break naive
matching.
"""

from __future__ import annotations

import random
import re
from functools import cache

from faker import Faker

PREFIXES = ("van der", "van den", "van de", "van", "de", "den", "ter", "ten")
_PLAIN_SURNAME = re.compile(r"^[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?$")

# Popular names of children born 2007-2021 (Faker's nl_NL lists lean towards adults).
DUTCH_BOYS = ("Noah", "Sem", "Liam", "Luuk", "Daan", "Finn", "Levi", "Milan", "Bram", "Jesse", "Thijs", "Lars",
              "Ruben", "Tim", "Julian", "Mees", "Siem", "Gijs", "Teun", "Stijn", "Niels", "Joep", "Jayden",
              "Dylan", "Hugo", "Max", "Ties", "Owen", "Boaz", "Timo")
DUTCH_GIRLS = ("Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Anna", "Evi", "Saar", "Lotte", "Eva",
               "Noa", "Lisa", "Fenna", "Isa", "Lieke", "Nina", "Yara", "Femke", "Sanne", "Iris", "Esmee", "Jasmijn",
               "Lynn", "Floor", "Liv", "Elin", "Maud", "Demi")

# origin -> (boys, girls, surnames, mothers, fathers)
GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "tr": (("Emre", "Yusuf", "Mert", "Berat", "Eymen", "Kerem", "Burak", "Deniz"),
           ("Elif", "Zeynep", "Ecem", "Aylin", "Esra", "Defne", "Meryem", "Ilayda"),
           ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan", "Koç"),
           ("Fatma", "Ayşe", "Hatice", "Emine", "Serpil", "Gül"),
           ("Mehmet", "Hasan", "Murat", "Ali", "Mustafa", "Kemal")),
    "ma": (("Mohamed", "Ayoub", "Bilal", "Adam", "Amine", "Ilias", "Rayan", "Zakaria"),
           ("Imane", "Nour", "Yasmina", "Salma", "Sara", "Hiba", "Malak", "Aya"),
           ("El Amrani", "Bouzid", "Ouali", "Benali", "El Idrissi", "Aarab", "Boukhari", "Azzouzi", "Chaouch",
            "El Khatib", "Ait Taleb"),
           ("Fatima", "Khadija", "Naima", "Malika", "Samira", "Latifa"),
           ("Mohammed", "Abdel", "Rachid", "Hassan", "Mustapha", "Driss")),
    "sr": (("Jayden", "Dinesh", "Kiran", "Romano", "Giovanni", "Sherwin", "Ravi", "Quincy"),
           ("Shanice", "Anjali", "Priya", "Naomi", "Chayenne", "Kimberley", "Sharda", "Romy"),
           ("Sewdien", "Ramsaran", "Jagessar", "Kalloe", "Ramdin", "Pinas", "Doelwijt", "Wijngaarde", "Vrede",
            "Zebeda", "Soekhlal"),
           ("Sunita", "Marcia", "Ingrid", "Radha", "Joyce", "Anita"),
           ("Ashwin", "Ronald", "Errol", "Rakesh", "Glenn", "Iwan")),
    "pl": (("Jakub", "Kacper", "Szymon", "Filip", "Antoni", "Mikołaj"),
           ("Zuzanna", "Oliwia", "Maja", "Wiktoria", "Julia", "Zofia"),
           ("Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański"),
           ("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Ewa"),
           ("Piotr", "Tomasz", "Paweł", "Marcin", "Krzysztof")),
    "sy": (("Omar", "Karim", "Ahmad", "Hamza", "Yazan", "Majd"),
           ("Rama", "Lana", "Yara", "Sidra", "Hala", "Jana"),
           ("Haddad", "Khalil", "Darwish", "Al-Hassan", "Hamdan", "Suleiman", "Al-Ahmad", "Nasser"),
           ("Rasha", "Hiba", "Nour", "Amal", "Dima"),
           ("Khaled", "Bassam", "Samer", "Fadi", "Walid")),
    "gh": (("Kwame", "Kofi", "Yaw", "Kwabena"),
           ("Abena", "Ama", "Akosua", "Efua"),
           ("Mensah", "Boateng", "Owusu", "Asante", "Appiah", "Osei"),
           ("Grace", "Comfort", "Mercy", "Patience"),
           ("Emmanuel", "Kwaku", "Isaac", "Samuel")),
    "fy": (("Sjoerd", "Wytze", "Jelle", "Hessel", "Tsjerk", "Gerben", "Sybren", "Douwe"),
           ("Tjitske", "Sytske", "Froukje", "Jildou", "Baukje", "Wietske", "Aukje", "Rixt"),
           ("Hoekstra", "Dijkstra", "Bosma", "Zijlstra", "Wiersma", "Terpstra", "Postma", "Hiemstra", "Sijbesma",
            "Jongsma", "Tjeerdsma", "Brouwer"),
           ("Geeske", "Hiltje", "Trijntje", "Janke", "Aaltje"),
           ("Sipke", "Klaas", "Auke", "Wiebe", "Jan")),
    "an": (("Jurick", "Shurwayne", "Jeandro", "Quenten", "Jairo", "Rudsel", "Shaquille", "Dyon"),
           ("Shanaya", "Jurayca", "Chamily", "Naïsha", "Dayenne", "Rushaila", "Ashanty", "Gianella"),
           ("Martina", "Isenia", "Rosaria", "Pieternella", "Statia", "Coffie", "Albertus", "Wawoe", "Doran", "Janga",
            "Girigorie", "Sambo"),
           ("Marisol", "Soraya", "Jacqueline", "Yvette", "Ruthmila"),
           ("Eugene", "Ruthsel", "Edsel", "Glenn", "Richenel")),
    # Brabant: surnames of the Meierij and Maasland without a prefix (those come from Faker's nl_NL list)
    "bb": (("Thijs", "Stijn", "Koen", "Teun", "Joris", "Pepijn", "Tygo", "Hidde", "Sven", "Jurre", "Cas", "Rens",
            "Mats", "Olivier"),
           ("Roos", "Fenne", "Pien", "Sterre", "Merel", "Jet", "Loes", "Britt", "Nienke", "Evy", "Mirthe", "Lieke",
            "Isa", "Anouk"),
           ("Smulders", "Schellekens", "Raaijmakers", "Swinkels", "Habraken", "Heesakkers", "Manders", "Vervoort",
            "Lathouwers", "Verbruggen", "Leenders", "Kuijpers", "Coppens", "Claassen", "Martens", "Verhoeven",
            "Pennings", "Bekkers", "Gloudemans", "Rovers", "Bongers", "Hurkmans", "Timmermans", "Verstegen",
            "Wagemakers", "Biemans", "Cuijpers", "Donkers", "Ketelaars", "Hoevenaars", "Brekelmans", "Siebers"),
           ("Mieke", "Ingrid", "Marieke", "Jolanda", "Wendy", "Ilse", "Anke", "Marloes"),
           ("Ruud", "Marco", "Frank", "Ton", "Harrie", "Bert", "Sjaak", "Geert")),
    # Groningen and the Frisian Wouden: -inga/-ema/-huis names and the ones of the Ommelanden
    "gr": (("Jorn", "Wessel", "Stan", "Tijn", "Gijs", "Kjeld", "Melle", "Wigger", "Ids", "Jelmer", "Ties", "Ruben"),
           ("Ilse", "Femke", "Silke", "Marit", "Jikke", "Fenna", "Lieke", "Wendela", "Tamar", "Elske", "Romy", "Nynke"),
           ("Huizinga", "Wierenga", "Venema", "Bolhuis", "Oosterhuis", "Nienhuis", "Tammenga", "Hovenkamp", "Pruim",
            "Ubels", "Hadders", "Smid", "Haikens", "Kremer", "Dallinga", "Boelens", "Schuiling", "Mellema",
            "Zuidema", "Heeringa", "Bathoorn", "Wubs", "Doornbos", "Ritsema", "Kloosterhuis", "Stoffers"),
           ("Grietje", "Harmke", "Roelie", "Jantina", "Geesje"),
           ("Harm", "Roelf", "Egbert", "Jakob", "Geert")),
    # Rotterdam-Zuid and Schiedam: Cape Verdean names with their particles in capitals ('Dos Santos', 'Da Veiga')
    "cv": (("Edson", "Nelson", "Wilson", "Djamal", "Kelvin", "Ailton", "Mauro", "Stefano"),
           ("Jacira", "Kátia", "Djenifer", "Sonia", "Elisangela", "Mayra", "Lenira", "Suzy"),
           ("Dos Santos", "Da Veiga", "Da Graça", "Tavares", "Monteiro", "Semedo", "Fortes", "Lopes", "Da Luz",
            "Andrade", "Gomes", "Rodrigues"),
           ("Maria", "Filomena", "Ana", "Rosa", "Lúcia"),
           ("José", "Manuel", "António", "Carlos", "Domingos")),
    # Bulgarian-Dutch families (Bulgarian surnames take -a for women and girls)
    "bg": (("Georgi", "Ivan", "Dimitar", "Nikolai", "Martin", "Kaloyan", "Viktor", "Aleks"),
           ("Yoana", "Viktoria", "Mariya", "Gergana", "Desislava", "Kristina", "Raya", "Elena"),
           ("Ivanov", "Petrov", "Georgiev", "Dimitrov", "Yordanov", "Stoyanov", "Hristov", "Angelov", "Todorov"),
           ("Svetla", "Rumyana", "Daniela", "Tsvetana", "Vanya"),
           ("Plamen", "Stoyan", "Hristo", "Todor", "Krasimir")),
    # Rotterdam-Zuid mixed families: hyphenated first names and double surnames, particles in capitals
    "zr": (("Mohamed-Amine", "Yassin", "Zakaria-Adam", "Emir", "Bilal", "Anouar", "Ayoub", "Jaylano"),
           ("Fatima-Zahra", "Nour-Imane", "Meryem", "Hafsa", "Aya-Sofia", "Selin", "Douae", "Kenza"),
           ("Kaya-Yılmaz", "El Amrani-Bakker", "Ben Hammou", "El Ouardi", "Öztürk-de Graaf", "Ait Haddou",
            "Bouchtaoui", "Ben Said", "Karaca-Visser", "El Haddouchi"),
           ("Naima", "Hayat", "Fadma", "Sevda", "Yasmina"),
           ("Abdelkader", "Youssef", "Hakim", "Erdal", "Said")),
}
# Children's first names per Faker-based origin: 'nl' (Faker nl_NL surnames) and 'be' (Flemish, nl_BE).
FLEMISH_BOYS = ("Louis", "Arthur", "Jules", "Lucas", "Victor", "Mathis", "Warre", "Lander", "Seppe", "Wout", "Kobe",
                "Jasper", "Rune", "Stan", "Ferre", "Emiel", "Tuur", "Vic")
FLEMISH_GIRLS = ("Olivia", "Louise", "Marie", "Elena", "Ella", "Lena", "Lore", "Fien", "Hanne", "Jana", "Febe",
                 "Margot", "Ine", "Kato", "Amber", "Nele")
FAKER_ORIGINS = {"nl": (DUTCH_BOYS, DUTCH_GIRLS), "be": (FLEMISH_BOYS, FLEMISH_GIRLS)}
# Share of each origin among pupils: roughly Almere's population, with Dutch names the majority.
ORIGIN_WEIGHTS = {"nl": 56, "tr": 9, "ma": 11, "sr": 12, "pl": 5, "sy": 4, "gh": 3}
# Brothers and sisters who are not pupils: names no pupil gets (the generator keeps them apart).
SIBLING_BOYS = ("Daan", "Mees", "Jens", "Ilyas", "Sami", "Guus", "Hamid", "Ruben", "Bas", "Wout")
SIBLING_GIRLS = ("Lotte", "Aylin", "Fleur", "Nora", "Vera", "Lina", "Puck", "Amira", "Noor", "Senna")
SIBLING_NAMES = SIBLING_BOYS + SIBLING_GIRLS


def split_surname(full: str) -> tuple[str, str] | None:
    """('van der', 'Ploeg') from 'van der Ploeg'; None for shapes a register would not hold this way."""
    for prefix in PREFIXES:
        if full.startswith(prefix + " "):
            rest = full[len(prefix) + 1:]
            return (prefix, rest) if _PLAIN_SURNAME.match(rest) else None
    return ("", full) if _PLAIN_SURNAME.match(full) else None


def dutch_surname(fake: Faker) -> tuple[str, str]:
    while True:
        split = split_surname(fake.last_name())
        if split:
            return split


def female_form(surname: str, origin: str) -> str:
    """Polish surnames in -ski take -ska, Bulgarian ones in -ov/-ev take -ova/-eva for women and girls."""
    if origin == "pl" and surname.endswith("ski"):
        return surname[:-1] + "a"
    if origin == "bg" and surname.endswith(("ov", "ev")):
        return surname + "a"
    return surname


def child_name(rng: random.Random, fake: Faker, origin: str, sex: str) -> tuple[str, str, str]:
    """(roepnaam, voorvoegsel, achternaam) of a child of that origin ('nl' and 'be': surnames from `fake`)."""
    if origin in FAKER_ORIGINS:
        boys, girls = FAKER_ORIGINS[origin]
        first = rng.choice(boys if sex == "M" else girls)
        prefix, surname = dutch_surname(fake)
        return first, prefix, surname
    boys, girls, surnames, _, _ = GROUPS[origin]
    first = rng.choice(boys if sex == "M" else girls)
    surname = rng.choice(surnames)
    return first, "", female_form(surname, origin) if sex == "V" else surname


def child_first_names(origin: str, sex: str) -> tuple[str, ...]:
    """The roepnamen `child_name` draws from for this origin and sex."""
    if origin in FAKER_ORIGINS:
        boys, girls = FAKER_ORIGINS[origin]
        return boys if sex == "M" else girls
    boys, girls, _, _, _ = GROUPS[origin]
    return boys if sex == "M" else girls


@cache
def child_full_names(origin: str, sex: str) -> frozenset[str] | None:
    """Every full name `child_name` can give a pupil of this origin and sex (sibling names left out, as
    `make_pupils` leaves them out), or None for Dutch names, whose surnames come from Faker's long list.

    A large school uses up the small non-Dutch groups (Ghanaian boys: 4 names x 6 surnames); a retry
    loop that draws from a used-up group never ends, so the callers check this set first."""
    if origin in FAKER_ORIGINS:
        return None
    _, _, surnames, _, _ = GROUPS[origin]
    return frozenset(f"{first} {female_form(s, origin) if sex == 'V' else s}"
                     for first in child_first_names(origin, sex) if first not in SIBLING_NAMES for s in surnames)


def used_up(origin: str, sex: str, used: set[str]) -> bool:
    """True when every name of this group is already in `used` (never for Dutch names)."""
    full = child_full_names(origin, sex)
    return full is not None and full <= used


def official_names(rng: random.Random, fake: Faker, roepnaam: str, origin: str, sex: str) -> str:
    """Voornamen as the register holds them ('Sanne Maria'): the roepnaam plus, often, a second name."""
    if rng.random() < 0.4:
        return roepnaam
    if origin in FAKER_ORIGINS:
        second = fake.first_name_male() if sex == "M" else fake.first_name_female()
    else:
        boys, girls, _, _, _ = GROUPS[origin]
        second = rng.choice(boys if sex == "M" else girls)
    return roepnaam if second == roepnaam else f"{roepnaam} {second}"


def adult_first_name(rng: random.Random, fake: Faker, origin: str, sex: str) -> str:
    if origin in FAKER_ORIGINS:
        return fake.first_name_female() if sex == "V" else fake.first_name_male()
    _, _, _, mothers, fathers = GROUPS[origin]
    return rng.choice(mothers if sex == "V" else fathers)


def pick_origin(rng: random.Random, weights: dict[str, int] | None = None) -> str:
    """An origin drawn by the school's population weights (Almere's by default)."""
    weights = weights or ORIGIN_WEIGHTS
    origins = list(weights)
    return rng.choices(origins, weights=[weights[o] for o in origins])[0]
