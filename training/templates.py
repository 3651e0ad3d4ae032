"""Dutch school-domain sentence templates for the synthetic NER data.

Why two template sets: `TRAIN_*` templates feed training, `HELDOUT_*` templates
are only used for the held-out synthetic test, so that test measures whether the
model generalises beyond memorised sentence frames. Placeholders are filled by
`training/synth_school.py`:

{kind} first name only          {kind_vol} pupil's full name
{naam} any person-name variant  {ouder} parent (full name or title + surname)
{mdw} staff member (initials, title or full name)    {juf} juf/meester + first name
{komma} "Achternaam, Roepnaam"  {stad} place  {straat} street + house number
{school} school                 {instelling} care/partner organisation
{datum} date  {groep} group/class  {vak} subject  {email} e-mail  {tel} phone
"""

from __future__ import annotations

TRAIN_TEMPLATES: tuple[str, ...] = (
    # MDO-verslag / zorgoverleg
    "MDO-verslag {kind_vol} ({groep}), {datum}.",
    "Aanwezig bij het MDO: {mdw} (intern begeleider), {mdw} (leerkracht) en {ouder} (moeder).",
    "Aanwezig: {mdw}, {mdw}, {ouder} en {mdw} van {instelling}.",
    "In het zorgoverleg van {datum} is {kind} besproken.",
    "{kind} laat sinds de herfstvakantie meer onrustig gedrag zien in de klas.",
    "{mdw} geeft aan dat {kind} moeite heeft met {vak}.",
    "Afgesproken is dat {mdw} contact opneemt met {instelling}.",
    "{kind} wordt aangemeld bij {instelling} voor een onderzoek naar dyslexie.",
    "Volgens {juf} werkt {kind} het best in een klein groepje.",
    "Actiepunt: {mdw} plant een vervolggesprek met {ouder} in week 12.",
    "De orthopedagoog van {instelling}, {mdw}, heeft {kind} geobserveerd.",
    "Uit het onderzoek van {instelling} blijkt dat {kind} een laag werkgeheugen heeft.",
    # Oudergesprek
    "Op {datum} heeft {mdw} een oudergesprek gevoerd met {ouder} over {kind}.",
    "{ouder} vertelt dat {kind} thuis slecht slaapt.",
    "Moeder ({ouder}) maakt zich zorgen over de vriendschappen van {kind}.",
    "Vader, {ouder}, is niet bij het gesprek aanwezig vanwege zijn werk.",
    "{ouder} geeft toestemming om informatie te delen met {instelling}.",
    "Gesprek met {ouder} i.v.m. het verzuim van {kind}.",
    "De ouders van {kind} zijn gescheiden; {ouder} heeft het gezag.",
    "Ouders ({ouder} en {ouder}) zijn het eens met de aanpak.",
    "{kind} woont om de week bij vader in {stad}.",
    # OPP / handelingsplan
    "Ontwikkelingsperspectief (OPP) van {kind_vol}, geboren {datum} te {stad}.",
    "Het OPP van {kind} wordt twee keer per jaar geëvalueerd door {mdw}.",
    "{kind} volgt voor {vak} een eigen leerlijn op niveau van groep 4.",
    "Uitstroomprofiel: vmbo-bb. Opgesteld door {mdw} op {datum}.",
    "Handelingsplan {kind_vol}: extra instructie {vak} op dinsdag en donderdag.",
    "Doel: {kind} kan zelfstandig twintig minuten aan een taak werken.",
    # Intake / aanmelding / verwijzing
    "Intakeformulier nieuwe leerling: {kind_vol}, vorige school {school}.",
    "{kind_vol} komt over van {school} in {stad}.",
    "{kind} is verwezen naar {school} na advies van {instelling}.",
    "Aanmelding voor het SBO: {kind_vol}, {groep}, verwezen door {mdw}.",
    "Verwijzing naar {instelling} besproken met {ouder} op {datum}.",
    "De schoolarts van {instelling}, {mdw}, heeft {kind} gezien.",
    "Het gezin is in 2019 vanuit {stad} naar {stad} verhuisd.",
    "Adres: {straat}, {stad}.",
    "{kind} woont met moeder en twee broers aan de {straat} in {stad}.",
    "Het gezin woont sinds kort op de {straat}.",
    # Formulieren / e-mail
    "Naam leerling: {kind_vol}",
    "Naam leerling: {kind_vol}\nGroep: {groep}\nLeerkracht: {mdw}",
    "Roepnaam: {kind}\nAchternaam: {achternaam}\nGeboorteplaats: {stad}",
    "Moeder: {ouder}\nVader: {ouder}\nTelefoon: {tel}",
    "Leerling: {komma}\nSchool: {school}\nDatum: {datum}",
    "{komma} ({groep}) - afwezig zonder bericht op {datum}.",
    "Van: {mdw} <{email}>\nAan: {ouder}\nOnderwerp: verslag gesprek {kind}",
    "Beste {ouder},\n\nHierbij het verslag van ons gesprek over {kind}.",
    "Met vriendelijke groet,\n{mdw}\nIntern begeleider {school}",
    "Met vriendelijke groet, {mdw}, zorgcoördinator",
    "Beste {juf}, {kind} is vandaag ziek en blijft thuis. Groet, {ouder}",
    "Contactpersoon {instelling}: {mdw}, {tel}, {email}",
    "Lln. {kind_vol} heeft een ontheffing voor {vak}.",
    "Lln. {kind} ({groep}) kreeg een time-out; ouders zijn gebeld.",
    "t.a.v. {ouder}, {straat}, {stad}",
    "Mentor: {mdw}; zorgcoördinator: {mdw}.",
    # Groepsbespreking / leerlingvolgsysteem
    "Groepsbespreking {groep}: {kind}, {kind} en {kind} hebben extra ondersteuning nodig.",
    "{kind} scoort op de Cito-toets {vak} een IV.",
    "{kind} en {kind} zitten niet meer naast elkaar.",
    "Zowel {kind} als {kind} doen mee aan de plusklas.",
    "{juf} heeft met {kind} een beloningskaart afgesproken.",
    "{kind} is volgens {mdw} erg gegroeid in zelfvertrouwen.",
    "Incident op het plein: {kind} heeft {kind} geschopt.",
    "{mdw} heeft de melding bij {instelling} gedaan na overleg met {mdw}.",
    "De leerplichtambtenaar van {stad}, {mdw}, is op de hoogte.",
    "{kind} gaat na de zomer naar {school}.",
    "{kind} krijgt vanaf {datum} logopedie bij {instelling}.",
    "Stagebegeleider {mdw} van {school} bezocht {kind} op {datum}.",
    "Doorverwezen naar {instelling} in {stad}.",
    "{naam} is aanwezig namens {instelling}.",
    "{naam} neemt de groep over tijdens het verlof van {juf}.",
    "Voor vragen kunt u contact opnemen met {naam} via {email}.",
    "{kind} is op {datum} gevallen tijdens de gymles bij {mdw}.",
)

HELDOUT_TEMPLATES: tuple[str, ...] = (
    "Verslag zorgteam {datum}: besproken leerling {kind_vol} uit {groep}.",
    "Tijdens de observatie zat {kind} vooral naar buiten te kijken, aldus {mdw}.",
    "{ouder} belde op {datum} met de vraag of {kind} eerder opgehaald mag worden.",
    "Overdracht naar het vo: {kind_vol} is aangenomen op {school}.",
    "Na overleg met {mdw} is besloten {kind} te laten doubleren.",
    "Inschrijfformulier\nVoornaam: {kind}\nTussenvoegsel en achternaam: {achternaam}\nWoonplaats: {stad}",
    "Ouder/verzorger: {ouder}\nE-mail: {email}",
    "{komma} - toetsresultaat {vak} onvoldoende, herkansing op {datum}.",
    "Het jeugdteam ({instelling}) heeft {ouder} thuis bezocht.",
    "Kort verslag: {kind} en {kind} kregen ruzie in de pauze; {juf} heeft bemiddeld.",
    "Gesprek gevoerd door {mdw} en {mdw} met {ouder}.",
    "{kind} heeft een diagnose ADHD, gesteld door {instelling} in {stad}.",
    "Aan de ouders van {kind_vol}, {straat} te {stad}.",
    "Volgens oma ({naam}) eet {kind} 's ochtends niet.",
    "Groeidocument {kind_vol}, opgesteld door {mdw}, versie {datum}.",
    "Onze leerling {kind} krijgt een laptop met spraaksoftware van {instelling}.",
    "Getekend voor akkoord: {ouder}, {datum}.",
    "Signalering: {kind} komt regelmatig zonder ontbijt naar school, meldt {juf}.",
    "De broer van {kind}, {kind_vol}, zit op {school}.",
    "Met hartelijke groet, {mdw} (ib'er)",
)

TRAIN_NEGATIVES: tuple[str, ...] = (
    "Het privacyreglement is vastgesteld door het bevoegd gezag.",
    "Agenda MR-vergadering: 1. Opening 2. Notulen 3. Schoolgids 4. Rondvraag",
    "Leerlinggegevens worden bewaard tot twee jaar na uitschrijving.",
    "Ouders hebben recht op inzage in het leerlingdossier.",
    "De school deelt geen gegevens met derden zonder toestemming van de ouders.",
    "Het ondersteuningsplan wordt jaarlijks geëvalueerd in het zorgteam.",
    "Groep 7 gaat op dinsdag naar het museum; vertrek om 8.45 uur.",
    "De gymles vervalt vanwege de studiedag.",
    "Actiepunten: evaluatie OPP, planning toetsweek, rooster zorgoverleg.",
    "Notulen van de teamvergadering zijn vastgesteld zonder wijzigingen.",
    "Verzuim moet voor 8.30 uur telefonisch worden gemeld.",
    "In het datalek-register staan alle incidenten van dit schooljaar.",
    "Bij een vermoeden van kindermishandeling volgt de school de meldcode.",
    "Toetsen worden afgenomen in de tweede week van januari.",
    "De oudergesprekken vinden plaats in week 46 en week 47.",
    "Rondvraag: geen vragen.",
    "Het schoolplan beschrijft de koers voor de komende vier jaar.",
    "Leerlingen met een eigen leerlijn krijgen een aangepast rapport.",
    "Beeldmateriaal wordt alleen gedeeld na schriftelijke toestemming.",
    "De verwerkersovereenkomst met de leverancier is ondertekend.",
    "Tijdens de intake worden de ondersteuningsbehoeften in kaart gebracht.",
    "Vanaf groep 6 krijgen de leerlingen huiswerk mee.",
    "Het MDO wordt voorgezeten door de intern begeleider.",
    "Datum: {datum}\nOnderwerp: evaluatie ondersteuningsplan\nAanwezig: zorgteam",
)

HELDOUT_NEGATIVES: tuple[str, ...] = (
    "De bewaartermijn van het dossier is verstreken; het dossier wordt vernietigd.",
    "Agenda zorgoverleg: opening, mededelingen, casuïstiek, sluiting.",
    "Het protocol medicijnverstrekking is aangepast aan de nieuwe richtlijn.",
    "Alle medewerkers tekenen een geheimhoudingsverklaring.",
    "Na de kerstvakantie start de nieuwe methode voor begrijpend lezen.",
    "Toestemming kan op elk moment worden ingetrokken.",
)
