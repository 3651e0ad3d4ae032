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
    # greetings: the greeting word is not part of the name
    "Hallo {kind},\n\nWil je morgen je gymspullen meenemen? Groet, {juf}",
    "Hoi {juf}, {kind} komt morgen wat later i.v.m. de tandarts.",
    "Dag {ouder},\nHierbij de uitnodiging voor het gesprek op {datum}.",
    "Goedemorgen {mdw}, kunt u mij vandaag terugbellen? {ouder}",
    "Hallo {mdw},\n\nIn de bijlage het verslag van {kind}.\n\nGroet,\n{mdw}",
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
    # LOC / ORG heavy, so capitalised unknown words are not always persons
    "Het gezin verhuist in de zomer van {stad} naar {stad}.",
    "{school} werkt samen met {instelling} en de gemeente {stad}.",
    "De opvang na school is bij {instelling} aan de {straat}.",
    "Na de verhuizing naar {stad} is {kind} ingeschreven bij {school}.",
    "Bezoekadres {instelling}: {straat}, {stad}.",
    "Vanuit {school} in {stad} gingen vorig jaar acht leerlingen naar {school}.",
    "{instelling} heeft een wachtlijst van twaalf weken.",
    "Het schoolreisje gaat naar {stad}; vertrek vanaf {school}.",
    "{kind} zat eerder op {school} in {stad} en daarvoor op een school in {stad}.",
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
    "Hoofdluiscontrole na elke vakantie, op woensdagochtend.",
    "Procedure schorsing en verwijdering: zie bijlage 3.",
    "Welkom op de informatieavond voor nieuwe ouders!",
    "Voorlopig advies: havo. Definitief advies volgt in februari.",
    "Brieven over de ouderbijdrage worden digitaal verstuurd.",
    "Sinds de invoering van de nieuwe methode zijn de resultaten gestegen.",
    "Hygiëne en veiligheid worden besproken in de teamvergadering.",
    "Onderwerpen: pestprotocol, schoolveiligheidsplan, jaarplanning.",
    "Verlof buiten de schoolvakanties moet aangevraagd worden bij de directeur.",
    "Experts van het samenwerkingsverband geven een training over gedrag.",
    "Jarenlang werkte de school met papieren dossiers.",
    "Leerkrachten noteren observaties wekelijks in het leerlingvolgsysteem.",
    "Bijlagen: groepsplan rekenen, groepsoverzicht, toetskalender.",
    "Dyslexieverklaring aanwezig; extra tijd bij toetsen.",
    "Conclusie: de ondersteuning wordt voortgezet tot de zomervakantie.",
    "Besluit: het OPP wordt bijgesteld en opnieuw met ouders besproken.",
    "Overige zaken: de kerstviering is verplaatst naar donderdag.",
    "Aandachtspunten zijn concentratie, werkhouding en plannen.",
    "Zorgniveau 3: extra ondersteuning binnen de groep.",
    "Afwezig met kennisgeving: de directeur en de vertrouwenspersoon.",
)

HELDOUT_NEGATIVES: tuple[str, ...] = (
    "De bewaartermijn van het dossier is verstreken; het dossier wordt vernietigd.",
    "Agenda zorgoverleg: opening, mededelingen, casuïstiek, sluiting.",
    "Het protocol medicijnverstrekking is aangepast aan de nieuwe richtlijn.",
    "Alle medewerkers tekenen een geheimhoudingsverklaring.",
    "Na de kerstvakantie start de nieuwe methode voor begrijpend lezen.",
    "Toestemming kan op elk moment worden ingetrokken.",
)

# "World" templates (training only, switched on by `train_ner.py --world`): companies,
# sports clubs, charities, countries, foreign cities and MISC names (nationalities,
# teaching methods, events) in school contexts. They teach that an unknown capitalised
# word is often not a person, which the person-heavy templates above do not.
# Slots: {bedrijf} company (ORG), {club} sports club (ORG), {fonds} charity/fund (ORG),
# {land} country (LOC), {buitenstad} foreign city (LOC), {nationaliteit} adjective
# (MISC), {methode} teaching method or test (MISC), {feest} holiday/event (MISC).
TRAIN_WORLD_TEMPLATES: tuple[str, ...] = (
    "{kind} loopt stage bij {bedrijf} in {stad}.",
    "Stageplaats: {bedrijf}, {straat}, {stad}.",
    "Vader werkt bij {bedrijf}; moeder werkt bij {bedrijf}.",
    "{kind} heeft een bijbaantje bij {bedrijf}.",
    "Excursie naar {bedrijf} in {stad} voor de profielklas.",
    "{bedrijf} sponsort de nieuwe schoolbibliotheek.",
    "De laptops worden geleverd door {bedrijf} uit {buitenstad}.",
    "Stagebedrijf {bedrijf} is tevreden over de inzet van {kind}.",
    "{kind} voetbalt bij {club} en zit op judo.",
    "Na schooltijd traint {kind} drie keer per week bij {club}.",
    "{club} organiseert in de meivakantie een sportkamp.",
    "De opbrengst van de sponsorloop gaat naar {fonds}.",
    "De ouderbijdrage wordt betaald door {fonds}.",
    "{fonds} vergoedt de zwemlessen van {kind}.",
    "Het gezin komt oorspronkelijk uit {land} en woonde daarvoor in {buitenstad}.",
    "{kind} is geboren in {buitenstad} ({land}) en kwam in 2021 naar Nederland.",
    "De familie gaat in de zomervakantie drie weken naar {land}.",
    "{kind} heeft de {nationaliteit} nationaliteit.",
    "Moeder heeft de {nationaliteit} nationaliteit; vader komt uit {land}.",
    "{kind} is met zijn oom naar {buitenstad} gereisd.",
    "Vlucht vanuit {buitenstad} via {buitenstad} naar Schiphol.",
    "Nieuwkomer uit {land}, eerder onderwijs gevolgd in {buitenstad}.",
    "In {land} zat {kind} drie jaar op school.",
    "De klas werkt met {methode} voor {vak}.",
    "Resultaten {methode}: {kind} scoort onder het gemiddelde.",
    "Vanaf {datum} gebruikt {groep} {methode}.",
    "Tijdens {feest} is {kind} afwezig met toestemming.",
    "{feest} wordt gevierd op vrijdag; de leerlingen zijn om 12 uur vrij.",
    "Verlof aangevraagd voor {feest} door {ouder}.",
    "{bedrijf} en {bedrijf} zoeken stagiairs voor het tweede semester.",
    "Afgelopen jaar gingen leerlingen op uitwisseling naar {buitenstad} in {land}.",
    "{club} uit {stad} won het schoolvoetbaltoernooi.",
)

TRAIN_WORLD_NEGATIVES: tuple[str, ...] = (
    "Stages worden gezocht in overleg met de stagecoördinator.",
    "Reizen buiten Europa tijdens schooltijd is niet toegestaan.",
    "Sponsoring moet voldoen aan het convenant.",
    "Bedrijfsbezoeken vinden plaats in de tweede periode.",
    "Bijbaantjes mogen het huiswerk niet in de weg zitten.",
    "Inburgering en taalles worden aangeboden door de gemeente.",
)

# --- Issue 18: prose the NER must not call persons (training only) ---------------------------
# Policy, law and lesson prose with the capitalised words that are no person: sentence-initial
# imperatives, legal and school abbreviations, Roman numerals, months, diseases named after people,
# and public bodies (labelled ORG). The word lists are in training/names.py (PROSE_*); they are
# general Dutch knowledge, not taken from the prose test corpora.
TRAIN_PROSE_TEMPLATES: tuple[str, ...] = (
    "{gebod} de bijlage voordat u het formulier ondertekent.",
    "{gebod} bij twijfel contact op met de {afkorting}.",
    "{gebod} de tekst en beantwoord daarna de vragen in je schrift.",
    "{gebod} het incident binnen 72 uur bij {instantie}.",
    "Zie artikel {nummer} lid 2 {afkorting} en hoofdstuk {romeins} van het reglement.",
    "Op grond van artikel {nummer} van de {afkorting} heeft de {afkorting} instemmingsrecht.",
    "Bijlage {romeins}: overzicht van de verwerkingen ({afkorting}).",
    "Hoofdstuk {romeins} gaat over de rechten van ouders en leerlingen.",
    "De {afkorting} vergadert in {maand} over het jaarverslag.",
    "In {maand} bespreekt de {afkorting} de begroting met de {afkorting}.",
    "{maand} staat in het teken van de cito-toetsen en de rapportgesprekken.",
    "Kinderen met de {ziekte} hebben soms extra begeleiding nodig.",
    "Bij de {ziekte} is het belangrijk dat de leerkracht op de hoogte is.",
    "De {ziekte} is een aandoening die vaak pas laat wordt herkend.",
    "In de les biologie leren we over de {ziekte} en over besmettelijke ziekten.",
    "{instantie} houdt toezicht op de naleving van de {afkorting}.",
    "Klachten kunnen worden ingediend bij {instantie}.",
    "{instantie} heeft de school in {maand} bezocht.",
    "Volgens {instantie} moet een datalek binnen 72 uur worden gemeld.",
    "{gebod} samen met je buurman de opdrachten van hoofdstuk {romeins}.",
    "Lesdoel {romeins}: de leerling kan de {afkorting} in eigen woorden uitleggen.",
    "{afkorting} en {afkorting} zijn afgesproken in het schoolondersteuningsprofiel.",
    "Stap {romeins}. {gebod} de gegevens in het leerlingvolgsysteem.",
    "De eeuw van {romeins} tot {romeins} wordt besproken in het hoofdstuk over de Romeinen.",
    "Bron: {instantie}, jaarverslag {jaar}.",
    "Wet: {wet}; zie ook de toelichting van {instantie}.",
    "De {wet} regelt wat scholen met persoonsgegevens mogen doen.",
    "{gebod} de {afkorting} op tijd, uiterlijk in {maand}.",
    # headings on a line of their own (session 25: most of the NER's false names on prose)
    "{kop}",
    "{kop}",
    "{kop} en {kop}",
    "{kop}: {gebod} de bijlage.",
    "{kop} in {maand}",
)

# --- Issue 18: newspaper frames (training only, `train_ner.py --news`) ------------------------
# The licence-clean build has no news text with persons in sports results, politics, business and
# culture (the domain of the CoNLL-2002 test parts). These frames are written for this project
# (not taken from any corpus) and filled with the train-side name pools of many nationalities.
# Slots: {np} person as news writes it (full name, surname alone, initial + surname), {np_vol} full
# name, {rol} role before a name (not part of it), {partij} party (ORG), {orgnieuws} public body,
# company or medium (ORG), {ploeg} club (ORG), {natio} nationality noun (MISC), {evenement} event
# or prize (MISC), {score}, {minuut}, {tijdwoord}, {bedrag}.
TRAIN_NEWS_TEMPLATES: tuple[str, ...] = (
    # sports
    "{np} ({ploeg}) won de sprint voor {np} en {np}.",
    "In de {minuut}e minuut bracht {np} {ploeg} op voorsprong.",
    "{ploeg} - {ploeg} {score}",
    "{ploeg} speelde {tijdwoord} {score} gelijk tegen {ploeg}.",
    "Doelpunten: {minuut}' {np} 1-0, {minuut}' {np} 1-1, {minuut}' {np} 2-1.",
    "Scheidsrechter: {np}. Toeschouwers: 12.500.",
    "De {natio} {np_vol} werd tweede in de {evenement}.",
    "Trainer {np} van {ploeg} was na de match niet tevreden.",
    "{np} verlaat {ploeg} en tekent een contract bij {ploeg}.",
    "Bij {ploeg} viel {np} na een kwartier uit met een blessure.",
    "{np_vol} won in {buitenstad} het toernooi na een zege op {np}.",
    "1. {np_vol} ({land}); 2. {np_vol} op 12 sec.; 3. {np_vol} ({land}).",
    "{np} en {np} vormen de nieuwe verdediging van {ploeg}.",
    "Met een doelpunt van {np} won {ploeg} in {buitenstad} van {ploeg}.",
    "De {nationaliteit} renner {np_vol} pakte de gele trui in de {evenement}.",
    "{np} klopte in de finale de {natio} {np_vol} in drie sets.",
    # politics
    "{Rol} {np_vol} ({partij}) wil de belastingen verlagen.",
    "Volgens {np} moet de regering sneller beslissen over de begroting.",
    "\"We zijn tevreden met het akkoord\", zei {np} {tijdwoord}.",
    "{Rol} {np} reageerde verbaasd op de kritiek van de {partij}.",
    "De {partij} en de {partij} vormen samen een meerderheid in {stad}.",
    "In {buitenstad} sprak {np} met zijn {nationaliteit} collega {np_vol}.",
    "{np_vol} wordt de nieuwe burgemeester van {stad}.",
    "{Rol} {np_vol} bezoekt volgende week {land}.",
    "{np} en {np} ontmoetten elkaar {tijdwoord} in {buitenstad}.",
    "De {orgnieuws} vraagt {land} om de grens te openen.",
    "{np} stapt uit de {partij} en gaat naar de {partij}.",
    "Het voorstel van {np} haalde in de {orgnieuws} geen meerderheid.",
    "{np} (ex-{partij}) zetelt voortaan als onafhankelijke.",
    "Op het congres van de {partij} in {stad} werd {np_vol} herkozen.",
    # business
    "{bedrijf} neemt {bedrijf} over voor {bedrag}.",
    "{Rol} {np_vol} van {bedrijf} kondigt 300 ontslagen aan.",
    "Het aandeel {bedrijf} steeg {tijdwoord} met 4 procent op de beurs van {buitenstad}.",
    "{bedrijf} opent een nieuwe fabriek in {stad}.",
    "Volgens {np} van {orgnieuws} groeit de economie dit jaar met 2 procent.",
    "{np}, de oprichter van {bedrijf}, verkoopt zijn aandelen.",
    "De vakbonden {orgnieuws} en {orgnieuws} leggen het werk neer bij {bedrijf}.",
    "{bedrijf} haalde een winst van {bedrag}, meldt {orgnieuws}.",
    # culture and justice
    "De nieuwe film van {np_vol} gaat in première in {buitenstad}.",
    "{np} zingt zaterdag in {stad}; het voorprogramma is van {np}.",
    "Het boek van {np_vol} werd bekroond met de {evenement}.",
    "In {buitenstad} loopt een tentoonstelling over {np_vol}.",
    "Advocaat {np} vraagt de vrijspraak van {np_vol}.",
    "Het parket van {stad} onderzoekt de klacht tegen {bedrijf}.",
    "{np_vol} ({minuut}) overleed {tijdwoord} in {buitenstad}.",
    "\"Dit is een grote dag\", aldus {np}.",
    "{Rol} {np} van de {orgnieuws} bevestigde het nieuws.",
    "{np_vol}, {rol} bij {orgnieuws}, wordt ondervraagd door {np}.",
)

TRAIN_NEWS_NEGATIVES: tuple[str, ...] = (
    "De regering haalde {tijdwoord} een akkoord over de begroting.",
    "Het aandeel steeg met 4 procent; de beurs sloot hoger.",
    "Dinsdag begint het nieuwe seizoen met een thuiswedstrijd.",
    "De Kamer stemde het wetsontwerp met een ruime meerderheid.",
    "Uitslagen: 1-0, 2-2, 0-3. Volgende speeldag op zaterdag.",
    "Vorig jaar daalde de werkloosheid met 3 procent.",
    "Het weer: zonnig, in het oosten enkele buien.",
    "De premier en de minister van Financiën weigerden commentaar.",
)

# --- Issue 18, session 24: companies as one unknown word (training only, `--news-share`) ----------
# The error analysis of c8 on testa (training/README.md) found most false names to be companies
# written as one capitalised word ('het aandeel X', 'X-topman', 'bij X') and most missed names to be
# a foreign surname alone ('zei X'). These frames are written for this project; {merk} is an invented
# brand or acronym (ORG), {np} a person of any nationality in the pools.
TRAIN_NEWS_ORG_TEMPLATES: tuple[str, ...] = (
    "Het aandeel {merk} verloor {tijdwoord} 6 procent.",
    "{merk} schrapt 450 banen in {stad}.",
    "De aandeelhouders van {merk} keurden de fusie met {merk} goed.",
    "{merk} en {merk} praten over een samenwerking.",
    "De overname van {merk} door {merk} kost {bedrag}.",
    "{merk} boekte vorig jaar een verlies van {bedrag}.",
    "Volgens {merk} ligt de schuld bij de leverancier.",
    "{np} wordt de nieuwe topman van {merk}.",
    "{merk}-topman {np} verwacht een beter tweede halfjaar.",
    "Het personeel van {merk} staakt sinds {tijdwoord}.",
    "De vliegtuigen van {merk} blijven aan de grond.",
    "{merk} brengt in {maand} een nieuwe versie van zijn software uit.",
    "Het Amerikaanse {merk} koopt het {nationaliteit} {merk}.",
    "{merk}, {merk} en {merk} stijgen op de beurs van {buitenstad}.",
    "Bij {merk} in {stad} werken 1.200 mensen.",
    "{merk} sluit zijn vestiging in {buitenstad}.",
    "De curator van {merk} zoekt een koper.",
    "{merk} meldt een omzet van {bedrag}.",
    "Het gerecht onderzoekt de boekhouding van {merk}.",
    "{np} ({merk}) noemt de cijfers teleurstellend.",
    "Analist {np} van {merk} verlaagt zijn advies.",
    "{merk} neemt een belang van 30 procent in {merk}.",
    "De groep {merk} telt vijf fabrieken in {land}.",
    "{merk} kreeg een boete van de Europese Commissie.",
    # a foreign person by surname alone, the commonest miss
    "{np} zei {tijdwoord} dat de onderhandelingen vastzitten.",
    "Ook {np} en {np} waren op de top in {buitenstad} aanwezig.",
    "De {natio} {np_vol} ontmoet {tijdwoord} {np} in {buitenstad}.",
    "{Rol} {np} liet weten dat {np} niet welkom is.",
    "Volgens {np} is het akkoord met {np} dood.",
    "{np} beschuldigt {np} van verraad.",
    "Een woordvoerder van {np} ontkende het bericht.",
    "{np} won met {score} van {np}.",
)
