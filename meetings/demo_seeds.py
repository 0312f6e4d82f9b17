"""The four seed documents (../shared/seeds/ 000, 001, 002 and 004) as meeting data.

Typed from the documents word for word, with three corrections of evident slips in seed 002:
the debate after the 15.40 talk is at 15.55 (the seed says 16.55 between 15.40 and 16.10), and
the sessions page heads "tirsdag den 24. maj 2022, kl. 13.30-14.30" (the seed: "2021" and
"14.39"), which the programme now derives from the sessions' slot. Line-end hyphens of the PDF
text ("op-levelse") are joined. Seed 001 gives no year; its deadline (15. januar 2013) and its
weekday (onsdag) place it on 23 January 2013.
"""

import datetime
import zoneinfo

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")


def at(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=COPENHAGEN)


def paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


SEED_000 = {
    "meeting": {
        "organiser": "KL's Sundheds- og Ældreudvalg",
        "kind": "politisk",
        "title": "Politisk møde med KL's Sundheds- og Ældreudvalg i Viborg",
        "letter_heading": (
            "Invitation til politisk møde med KL's Sundheds- og Ældreudvalg "
            "den 13. august 2020 i Viborg"
        ),
        "letter_recipient": "Udvalgspolitikere",
        "starts_at": at(2020, 8, 13, 16, 0),
        "ends_at": at(2020, 8, 13, 18, 0),
        "venue_name": "Golf Hotel Viborg",
        "address": "Hans Tausens Alle 2, 8800 Viborg",
        "invited_text": (
            "kommunalpolitikere fra Ikast-Brande, Herning, Hedensted, Odder, Silkeborg og "
            "Viborg kommuner"
        ),
        "only_for_politicians": True,
        "case_number": "SAG-2020-03286",
        "document_number": "2936351",
        "letter_date": datetime.date(2020, 6, 18),
        "sender_email": "ASFP@kl.dk",
        "sender_phone": "3370 3700",
        "contact_email": "ASFP@kl.dk",
        "contact_phone": "3370 3700",
        "registration_slug": "politiskmoede2020",
        "registration_deadline": at(2020, 8, 10, 23, 59),
        "signature_lead": "På vegne af KL's Sundheds- og Ældreudvalg",
        "signature_greeting": "Med venlig hilsen",
    },
    "invited_municipalities": [
        "Ikast-Brande",
        "Herning",
        "Hedensted",
        "Odder",
        "Silkeborg",
        "Viborg",
    ],
    "sections": [
        {
            "kind": "theme_list",
            "body": paragraphs(
                "KL's Sundheds- og Ældreudvalg inviterer kommunalpolitikere fra Ikast-Brande, "
                "Herning, Hedensted, Odder, Silkeborg og Viborg kommuner til politisk møde om "
                "følgende emner:"
            ),
        },
        {
            "kind": "text",
            "body": paragraphs(
                "KL's Sundheds- og Ældreudvalg besøger løbende kommunerne for at opleve og "
                "drøfte udviklingen på sundheds- og ældreområdet med fagudvalgene i kommunerne. "
                "Udvalget er denne dag på kommune-besøg i Silkeborg og Viborg. Dagen afsluttes "
                "med et politisk møde, hvor vi fælles drøfter følgende temaer:"
            ),
        },
        {
            "kind": "theme",
            "heading": "Hvad kan vi lære af arbejdet under Corona-epidemien?",
            "body": paragraphs(
                "Kommunerne har under Corona-epidemien gjort sig en række erfaringer med at "
                "nytænke og ændre en række strukturer, samarbejdsformer, beslutnings- og "
                "arbejdsgange mv. Fokus for drøftelsen er at samle op på erfaringerne fra "
                "kommunernes arbejde på sundheds- og ældreområdet under Corona-epidemien og at "
                "kigge fremad. Hvordan har kommunerne håndteret krisen, og hvordan kan det bruges "
                "i det videre arbejde med udviklingen af det nære sundhedsvæsen og ikke mindst en "
                "kommende sundhedsreform?"
            ),
            "opener": "Punktet indledes med oplæg fra KL's Sundheds- og Ældreudvalg.",
        },
        {
            "kind": "theme",
            "heading": "Rekruttering og kompetencer på sundheds- og ældreområdet",
            "body": paragraphs(
                "Mange kommuner oplever alvorlige rekrutteringsudfordringer på sundheds- og "
                "ældreområdet – ikke mindst i lyset af, at der kommer flere ældre, ligesom "
                "udviklingen af det nære sundhedsvæsen stiller stadig større krav til kvalitet og "
                "behandling af borgerne. Hvordan arbejder kommunerne målrettet med at rekruttere "
                "tilstrækkeligt og kvalificeret personale - og hvordan arbejder kommunerne med "
                "kompetenceudvikling?"
            ),
            "opener": (
                "Punktet indledes med oplæg af formand for Sundheds- og Omsorgsudvalget Frank "
                "Heidemann, Ikast-Brande Kommune."
            ),
        },
        {
            "kind": "text",
            "body": paragraphs(
                "Temaerne er udvalgt på baggrund af kommunernes tilbagemelding på Sundheds- og "
                "Ældreudvalgets henvendelse i marts 2019. Det endelige program for det politiske "
                "møde vil blive sendt til deltagerne umiddelbart inden mødet."
            ),
        },
        {"kind": "time_place", "body": paragraphs("Det politiske møde afholdes")},
        {"kind": "registration", "body": paragraphs("Tilmelding skal ske via følgende link:")},
        {
            "kind": "text",
            "body": paragraphs("Vi håber på jeres deltagelse og ser frem til gode drøftelser."),
        },
    ],
    "signatories": [
        {"name": "Jette Skive", "title": "formand for KL's Sundheds- og Ældreudvalg"},
    ],
}

SEED_001 = {
    "meeting": {
        "organiser": "KKR Hovedstaden",
        "kind": "dialog",
        "title": "Hvordan udvikler vi det nære sundhedsvæsen sammen?",
        "salutation": "Kære borgmester og udvalgsformand",
        "starts_at": at(2013, 1, 23, 16, 30),
        "ends_at": at(2013, 1, 23, 19, 0),
        "venue_name": "Festsalen, De Gamles By",
        "address": "Edith Rodes Vej 2-4, 2200 København N",
        "invited_text": "borgmestre og udvalgsformænd i kommunerne i hovedstadsregionen",
        "invited_roles": ["borgmester", "udvalgsformand"],
        "only_for_politicians": True,
        "contact_email": "afp@kl.dk",
        "registration_email": "afp@kl.dk",
        "registration_deadline": at(2013, 1, 15, 23, 59),
        "signature_greeting": "Med venlig hilsen",
        "preliminary_agenda_heading": "Foreløbig dagsorden for mødet",
        "background_heading": "Fokus på det nære sundhedsvæsen",
        "background": (
            "<ul>"
            '<li><p>På Kommunalpolitisk Topmøde 2012 lancerede KL udspillet "Det Nære '
            'Sundhedsvæsen".</p></li>'
            "<li><p>I økonomiaftalen med regeringen for 2013 lykkedes det at få et varigt løft "
            "på 300 mio. kr. til kronikerindsatsen og til forebyggelse af indlæggelser. Det er "
            "et klart signal om et kursskifte i forståelsen af kommunernes rolle i udviklingen "
            "af det nære sundhedsvæsen.</p></li>"
            "<li><p>Udspillet baserer sig blandt andet på, at kommunerne i stigende grad "
            "arbejder ensrettet og løfter det nære sundhedsvæsen i samlet flok.</p></li>"
            "<li><p>KL har i første omgang udpeget 5 indsatsområder: Forebyggelse af "
            "indlæggelser, rehabilitering, indsatser for kronisk syge borgere, sundhedsfremme "
            "samt dokumentation og opfølgning på indsats og effekt.</p></li>"
            "<li><p>KL's udspil om Det nære Sundhedsvæsen kan ses her: "
            '<a href="http://www.kl.dk/Aktuelle-temaer/Det-nare-sundhedsvasen/">'
            "http://www.kl.dk/Aktuelle-temaer/Det-nare-sundhedsvasen/</a></p></li>"
            "</ul>"
        ),
    },
    "invited_region": "Region Hovedstaden",
    "sections": [
        {
            "kind": "text",
            "body": paragraphs(
                "Vi vil gerne invitere jer til dialogmøde om, hvordan kommunerne i "
                "hovedstadsregionen bedst muligt løfter KL's sundhedsudspil - \"Det Nære "
                'Sundhedsvæsen".'
            ),
        },
        {"kind": "time_place"},
        {
            "kind": "text",
            "heading": "Det skal vi samles om",
            "body": paragraphs(
                "KL's sundhedsudspil baserer sig bl.a. på at kommunerne i regionen i stigende "
                "grad arbejder sammen og løfter sundhedsområdet som en samlet kommunesektor. KKR "
                "Hovedstaden har en central rolle i forhold til. udmøntningen af KL's udspil. Det "
                "er KKR Hovedstadens ønske, at alle kommuner bliver inddraget aktivt i arbejdet "
                'med at udfolde "Det Nære Sundhedsvæsen" i vores region.',
                "På dialogmødet skal vi drøfte de udviklingspotentialer og udfordringer, vi som "
                "kommuner oplever på sundhedsområdet. Ønsket er – med inspiration fra jer – at "
                "skabe grundlag for en fælles prioritering i KKR Hovedstaden og mellem kommunerne "
                "i regionen af fokusområder og konkrete initiativer, der støtter udrulningen af "
                "KL's udspil i vores kommuner.",
                'På mødet vil KL præsentere udspillet "Det Nære Sundhedsvæsen" og der vil blive '
                "præsenteret et oplæg til fokusområder og initiativer for arbejdet i regionen. "
                "Drøftelserne vil indgå i et rammepapir, der beskriver hvordan vi politisk og "
                "administrativt arbejder videre med sundhedsudspillet både på kort og lang sigt. "
                "Papiret fremlægges til godkendelse på KKR Hovedstadens møde den 4. februar 2013.",
                "Vi ser frem til en god og visionær debat om, hvordan vi udvikler det nære "
                "sundhedsvæsen i vores region. På næste side findes en foreløbig dagsorden for "
                "mødet samt baggrundsinformation om KL's sundhedsudspil og arbejdsproces.",
            ),
        },
        {"kind": "registration", "body": paragraphs("Tilmelding på")},
    ],
    "signatories": [
        {"name": "Steen Christiansen", "title": "Formand for KKR Hovedstaden"},
        {
            "name": "Ninna Thomsen",
            "title": "Sundheds- og Omsorgsborgmester København,",
            "memberships": "Medlem af Sundhedskoordinationsudvalget",
        },
        {
            "name": "Jørgen Glenthøj",
            "title": "Borgmester Frederiksberg,",
            "memberships": "Medlem af Sundhedskoordinationsudvalget",
        },
        {
            "name": "Thomas Lykke Pedersen",
            "title": "Borgmester Fredensborg,",
            "memberships": "Medlem af Sundhedskoordinationsudvalget",
        },
        {
            "name": "Ib Terp",
            "title": "Borgmester Brøndby,",
            "memberships": "Medlem af Sundhedskoordinationsudvalget",
        },
        {
            "name": "Birgit Roswall",
            "title": "Kommunalbestyrelsesmedlem Gribskov,",
            "memberships": "Medlem af Sundhedskoordinationsudvalget",
        },
    ],
    "preliminary_agenda": [
        "Velkomst ved KKR's formand Steen Christiansen",
        "Oplæg fra KL om sundhedsudspillet og det videre arbejde",
        "Drøftelse og spørgsmål",
        "Oplæg fra medlem af SKU som forslag til fokusområder og initiativer i hovedstadsregionen",
        "Drøftelse",
        "Opsamling og videre proces",
    ],
}

SEED_004 = {
    "meeting": {
        "organiser": "KL's Socialudvalg",
        "kind": "debat",
        "title": "Regionalt debatmøde om kommunernes socialpolitik, Region Midtjylland",
        "letter_heading": (
            "Invitation til regionalt debatmøde om kommunernes socialpolitik d. 16. marts"
        ),
        "starts_at": at(2020, 3, 16, 16, 30),
        "ends_at": at(2020, 3, 16, 18, 30),
        "venue_name": "Multisalen, Viborg Rådhus",
        "address": "Prinsens Alle 5, 8800 Viborg",
        "invited_text": "kommunale fagudvalg med ansvar for socialområdet",
        "only_for_politicians": True,
        "case_number": "SAG-2019-03279",
        "document_number": "2869390",
        "letter_date": datetime.date(2019, 11, 28),
        "sender_email": "ANSM@kl.dk",
        "sender_phone": "3370 3153",
        "contact_name": "Andreas Schløer Madsen",
        "contact_email": "ansm@kl.dk",
        "contact_phone": "30571267",
        "registration_slug": "socialdebat-midt",
        "signature_lead": "På Socialudvalgets vegne",
        "signature_greeting": "",
    },
    "invited_region": "Region Midtjylland",
    "sections": [
        {
            "kind": "text",
            "body": paragraphs(
                "Socialområdet fylder meget i den politiske debat og i medierne for øjeblikket. "
                "Debatten er desværre ofte ført med en negativ og kritisk vinkel på kommunerne og "
                "på kommunernes indsatser.",
                "Socialområdet har siden kommunalreformen udviklet sig positivt på kvalitet, "
                "tilbudsvifte og brugerorientering. Men området presser kommunerne økonomisk. Det "
                "skyldes blandt andet en voldsom tilgang af borgere, der har behov for indsatser "
                "efter lov om social service. Samtidig er der fra mange sider stigende "
                "forventninger og krav til, hvad, hvordan og hvor meget kommunerne skal yde.",
                "KL's Socialudvalg ønsker at tegne stregerne for en fælles kommunal ambition for "
                "den videre udvikling af socialområdet. En ambition som kommunerne står sammen "
                "om, og som KL vil bruge som afsæt for en større national debat om, hvordan vi "
                "sætter en fælles retning for socialpolitikken på tværs af kommuner, regioner, "
                "stat og organisationer.",
                "KL's Socialudvalg inviterer derfor kommunale fagudvalg med ansvar for "
                "socialområdet til regionale debatmøder om fælles retning for socialpolitikken.",
                "<strong>Mødet er kun for kommunalpolitikere.</strong>",
            ),
        },
        {"kind": "time_place", "body": paragraphs("Mødet i Region Midtjylland foregår")},
        {
            "kind": "text",
            "body": paragraphs(
                "Konkret vil vi på møderne drøfte, hvor kommunerne i dag er på socialområdet, og "
                "hvad der virker godt? Hvilken fremtid ønsker vi fra kommunernes side for "
                "socialområdet? Og sidst, men ikke mindst – hvordan kommer vi derhen - er det fx "
                "muligt at formulere en fælles kommunal ambition for den videre udvikling af "
                "socialområdet?",
                "Med invitationen til mødet er der også udsendt et debatoplæg, som drøftelserne "
                "vil tage udgangspunkt i. Dette og programmet for mødet sendes også til de "
                "tilmeldte en uge inden mødet.",
            ),
        },
        {"kind": "registration", "body": paragraphs("Tilmeldingen sker via dette link:")},
        {
            "kind": "contact",
            "body": paragraphs("Har du spørgsmål omkring debatmødet kan de stilles til"),
        },
    ],
    "signatories": [
        {"name": "Thomas Adelskov", "title": "Formand KL's Socialudvalg"},
        {"name": "Ulrik Wilbek", "title": "Næstformand KL's Socialudvalg"},
    ],
    "attachments": ["Debatoplæg om fælles retning for socialpolitikken"],
}


def slot(time, title, kind="talk", description="", speakers=(), intro="", **extra):
    hour, minute = (int(part) for part in time.split("."))
    return {
        "starts_at": datetime.time(hour, minute),
        "title": title,
        "kind": kind,
        "description": description,
        "speakers": list(speakers),
        "speakers_intro": intro,
        **extra,
    }


def theme(time, title, description="", slots=(), **extra):
    return slot(time, title, kind="theme", description=description, slots=list(slots), **extra)


def speaker(name, title="", organisation="", party=""):
    return {"name": name, "title": title, "organisation": organisation, "party_letter": party}


PANEL_DEBATE = "Politisk drøftelse med repræsentanter fra kommuner og folketing."

SEED_002_DAY_1 = [
    slot(
        "10.00",
        "Velkomst og åbning af konferencen",
        description=(
            "v. formændene for henholdsvis KL’s Sundheds- og Ældreudvalg samt KL's Socialudvalg"
        ),
    ),
    theme(
        "10.20",
        "Hvad er de politiske udfordringer og temaer i denne valgperiode?",
        "Indledningsvist zoomer vi ind på de centrale emner, som vil være rammesættende for "
        "valgperioden. Hvilke opgaver er det kommunerne skal løfte på social- og "
        "sundhedsområdet i denne periode? Herunder ser vi på borgernes oplevelse af de "
        "velfærdstilbud, som kommunerne leverer.",
        intro="Panelet består foreløbigt af:",
        speakers=[
            speaker("Signe Hald Andersen", "forskningsprofessor og souschef", "Rockwool-fonden"),
            speaker("Helene Bilsted Probst", "vicedirektør", "Sundhedsstyrelsen"),
            speaker("Jakob Kjellberg", "professor", "VIVE"),
        ],
    ),
    slot("11.00", "Præsentation fra den første nominerede kommune til KL's forebyggelsespris"),
    slot("11.10", "Pause", kind="break", description="Besøg standene"),
    theme(
        "11.40",
        "Hvordan løfter vi som kommunalpolitikere de store dagsordener",
        "Kommunerne har store og komplekse opgaver at løfte i denne valgperiode. Hvordan kan man "
        "politisk og strategisk løfte indsatserne – og kan vi håndtere dem alle?",
        slots=[
            slot(
                "11.40",
                "Din rolle som kommunalpolitiker – vil du være en ”fikser” eller en ”facilitator”?",
                description=(
                    "Vi er gået i gang med en valgperiode, hvor de spændende – men til tider også "
                    "vanskelige – udfordringer står i kø. I oplægget gives to forskellige bud på, "
                    "hvordan man som kommunalpolitiker kan vælge at gå til opgaven."
                ),
                speakers=[
                    speaker("Ulrik Kjær", "professor i statskundskab", "Syddansk Universitet")
                ],
            ),
            slot(
                "12.00",
                "Hvordan løfter vi den komplekse dagsorden lokalt?",
                description=(
                    "Hvordan skal kommunerne politisk løfte de store dagsordener i praksis? Vi "
                    "beder fire kommunale udvalgsformænd komme med deres bud."
                ),
                speakers=[
                    speaker(
                        "Villy Søvndal",
                        "formand Social- og Arbejdsmarkedsudvalget",
                        "Kolding Kommune",
                        "F",
                    ),
                    speaker(
                        "Christian Budde", "rådmand for sundhed og omsorg", "Aarhus Kommune", "V"
                    ),
                    speaker(
                        "Maja Højgaard",
                        "formand for Social- og Sundhedsudvalget",
                        "Brøndby Kommune",
                        "A",
                    ),
                    speaker(
                        "Stefan Lydal",
                        "formand for Social-, Senior- og Handicapudvalget",
                        "Sønderborg Kommune",
                        "O",
                    ),
                ],
            ),
        ],
    ),
    slot("12.20", "Præsentation fra den anden nominerede kommune til KL's forebyggelsespris"),
    slot("12.30", "Frokost", kind="break"),
    slot(
        "13.30",
        "Sessioner (se uddybende beskrivelse på de følgende sider)",
        kind="sessions",
        ends_at=datetime.time(14, 30),
    ),
    slot("14.30", "Pause", kind="break", description="Besøg standene"),
    slot("15.00", "Præsentation fra den tredje nominerede kommune til KL's forebyggelsespris"),
    theme(
        "15.10",
        "Gentænkning af ældreområdet er nødvendigt, men hvordan?",
        "Hvad er udfordringerne reelt på ældreområdet, og kan indsatserne på ældreområdet "
        "isoleres fra indsatserne i det nære sundhedsvæsen?",
        slots=[
            slot(
                "15.10",
                "Myten om et område, der ikke findes længere?",
                description=(
                    "I debatterne om hvordan vi kan udvikle kvaliteten på ældreområder, er der "
                    "mange billeder på, hvad ældreområdet egentlig er eller burde være. Men "
                    "virkeligheden har flyttet sig markant, og ældreområdet er ikke hvad det har "
                    "været."
                ),
                speakers=[speaker("Jakob Kjellberg", "professor", "VIVE")],
            ),
            slot(
                "15.25",
                "Hvad er det for nogle ældre vi har?",
                description=(
                    "I dette oplæg får vi overblik over, hvad det egentlig for nogle "
                    "problemstillinger borgerne i den kommunale hjemmepleje og sygepleje har brug "
                    "for hjælp til."
                ),
                speakers=[speaker("Karen Andersen-Ranberg", "professor", "Syddansk Universitet")],
            ),
            slot(
                "15.40",
                "De centrale spørgsmål og perspektiver",
                description=(
                    "Behovet for en gentænkning af ældreplejen kommer vi ikke uden om, men det er "
                    "bare ikke gjort med et snuptag. Men hvad består kompleksiteten i, og hvad er "
                    "det for nogle perspektiver vi skal tænke med i jagten på de gode svar?"
                ),
                speakers=[
                    speaker("Lisbeth Knudsen", "strategidirektør", "Altinget og Mandag Morgen")
                ],
            ),
            slot(
                "15.55",
                "Debat: Hvordan genstarter man ældreområdet?",
                description=PANEL_DEBATE,
            ),
        ],
    ),
    theme(
        "16.10",
        "Hvordan fremtidssikrer vi et sundhedsvæsen under pres?",
        slots=[
            slot(
                "16.10",
                "Sundhedsklynger – hvordan lykkes vi med dem?",
                description=(
                    "Hvilke opgaver skal sundhedsklyngerne løfte, hvad er potentialerne og hvordan "
                    "sikrer man lokalt politisk ejerskab og beslutningskraft i de nye lokale "
                    "klyngesamarbejder."
                ),
                speakers=[
                    speaker("Søren Barlebo Rasmussen", "partner", "Mobilize Nordic"),
                    speaker("Claus Bjørn Billehøj", "partner", "Mobilize Nordic"),
                ],
            ),
            slot(
                "16.25",
                "Et lokalpolitisk blik på de nye sundhedsklynger",
                description=(
                    "Hvordan går regionsrådsformanden og borgmesteren til arbejdet med de nye "
                    "sundhedsklynger? Hvad er vigtigt og hvordan kommer man bedst fra start?"
                ),
                speakers=[
                    speaker("Mads Duedahl", "formand for Region Nordjylland"),
                    speaker("Birgit Hansen", "borgmester", "Frederikshavn Kommune"),
                ],
            ),
            slot(
                "16.35",
                "En bæredygtig rygrad i behandlingen af kronisk sygdom",
                description=(
                    "Der er, på trods af stor viden om værdien af at holde borgere med "
                    "funktionsnedsættelse i muskler og led aktive og anvende mindre medicinsk "
                    "behandling, fortsat et meget ensidigt fokus på en biomedicinsk tilgang. "
                    "Hvordan ser fremtidens behandling af kronisk sygdom i Danmark ud? Og er det "
                    "viden, organisering eller noget helt tredje, der skal drive omstillingen?"
                ),
                speakers=[
                    speaker(
                        "Jan Hartvigsen",
                        "professor og forskningsleder",
                        "Institut for Idræt og Biomekanik, Syddansk Universitet",
                    )
                ],
            ),
            slot(
                "16.50",
                "Debat: Hvilke greb skal vi bruge til at fremtidssikre vores sundhedsvæsen",
                description=PANEL_DEBATE,
            ),
        ],
    ),
    slot("17.10", "Dagens program er slut"),
    slot("19.30", "Aftenarrangement – middag og underholdning", kind="evening"),
]

SEED_002_DAY_2 = [
    slot("08.45", "Morgensang"),
    theme(
        "09.00",
        "Nye veje til at løfte kvalitet på socialområdet",
        "Opgaverne på det sociale område vokser ikke kun i omfang og antal, men også i "
        "kompleksitet, og der kommer helt nye opgaver til med nye problemstillinger, der skal "
        "løses. Regeringen forventes i foråret at præsentere sin evaluering af det specialiserede "
        "socialområde. Den skal pege på, hvordan området indrettes bedst muligt fremover. Med "
        "afsæt i evalueringen ser vi på, hvordan kommunerne enkeltvis og i samarbejde kan løfte "
        "en dagsorden med fokus på kvalitet i indsatserne til borgerne.",
        slots=[
            slot(
                "09.00",
                "Hvem er borgerne på det specialiserede socialområde og hvad udfordrer dem?",
            ),
            slot(
                "09.10",
                "Borgerens perspektiv som hovedingrediens i at øge kvaliteten i sociale indsatser",
                description=(
                    "Socialfaglige metoder, der inddrager borgerens perspektiv, kan højne "
                    "kvaliteten i indsatser på det specialiserede socialområde og bidrage til at "
                    "forebygge, at borgerne får det værre og får behov for mere indgribende "
                    "indsatser. I oplægget belyses, hvilken forandring metoder med et tydeligt "
                    "borgerperspektiv kan gøre i det socialfaglige arbejde."
                ),
                speakers=[speaker("Trine Uhrskov", "psykolog, medejer af SOPRA")],
            ),
            slot(
                "09.25",
                "Hvorfor fortsætter udgiftspresset på socialområdet?",
                description=(
                    "Hvad er det, der driver udgifterne på socialområdet, der er vokset kraftigt "
                    "gennem flere år. Vi får en overflyvning over de tendenser, vi kan se."
                ),
                speakers=[speaker("Morten Mandøe", "direktør i KL")],
            ),
            slot(
                "09.30",
                "En ny strategi for sociale indsatser",
                description=(
                    "Aarhus Kommune har gennem en inddragende proces udviklet Den Sociale "
                    "Bæredygtighedsplan. Den bygger på to grundtanker: et målrettet og forstærket "
                    "fokus på forebyggelse og tidlig indsats som en strategi til at vende "
                    "udviklingen samt at udvikle mere tværgående og sammenhængende løsninger på "
                    "problemer, der bliver stadigt mere komplekse."
                ),
                speakers=[
                    speaker(
                        "Erik Kaastrup Hansen",
                        "direktør Sociale Forhold og Beskæftigelse",
                        "Aarhus Kommune",
                    )
                ],
            ),
            slot(
                "09.50",
                "Dialog: Hvordan løfter borgere og kommuner i fællesskab kvaliteten?",
                description=(
                    "Hvor står vi efter evalueringen af det specialiserede område – og hvad skal "
                    "der til for at løfte kvaliteten på socialområdet?\n\n"
                    "Drøftelse mellem kommunalpolitikere og brugerorganisationer."
                ),
            ),
        ],
    ),
    slot("10.00", "Uddeling af KL's forebyggelsespris"),
    slot("10.15", "Pause", kind="break", description="Besøg standene"),
    theme(
        "10.45",
        "Arbejdskraftudfordringen er en bombe under velfærdsområderne",
        "I alle hjørner af landet mærker vi konsekvenserne af, at vi ikke kan skaffe hænder nok "
        "til at løse opgaverne. Men er arbejdskraftudfordringen udelukkende et spørgsmål om "
        "flere hænder og mandetimer? Hvilke løsninger kan vi arbejde med på kort sigt? Og hvad "
        "er konsekvenserne, hvis vi ikke får greb om denne udfordring?",
        slots=[
            slot(
                "10.45",
                "Arbejdskraftudfordringen – hvordan ligger landet egentlig?",
                description=(
                    "KL præsenterer en analyse af de konkrete udfordringer. Analyse giver et "
                    "konkret og nuanceret blik på, hvordan arbejdskraftsudfordringen egentlig "
                    "udfolder sig geografisk og inden for forskellige faggrupper på kort og lang "
                    "sigt."
                ),
            ),
            slot(
                "10.50",
                "Løsningsgalleri – tre kommuners eksempler til at styrke rekruttering",
                description=(
                    "Hvilke mulige løsninger kan vi finde på den korte bane og indenfor de "
                    "eksisterende rammer? Det får vi tre bud på fra nogle af de kommuner, som har "
                    "prøvet nye veje."
                ),
            ),
            slot(
                "11.10",
                "Hvad skal der til på den lange bane?",
                description=(
                    "Arbejdskraftudfordringen er ikke løst med et snuptag, og den kræver, at vi "
                    "tør sprænge rammer og udfordre os selv på rammer og normer. Det gælder fx i "
                    "spørgsmålet om, hvordan vi arbejder klogere, og i spørgsmålet om hvordan vi "
                    "foretager de nødvendige prioriteringer. Kan vi bruge teknologi og data "
                    "smartere, arbejde mere fleksibelt, tilrettelægge opgaverne mere smidigt, "
                    "bruge alle kompetencer bedre? og hvordan kan vi stille os selv de svære "
                    "spørgsmål om prioritering?\n\n"
                    "Der bydes op til input fra salen og rundes af med et panel på scenen."
                ),
            ),
        ],
    ),
    slot(
        "11.25",
        "Oplæg: ”Hvordan lever man længere?”.",
        description=(
            "Med afsæt i sin bog ”Gopler ældes baglæns” fortæller Nicklas Brendborg om "
            "videnskabens svar på et langt liv. Hvad skal vi spise? Og hvordan skal vi leve? For "
            "at finde svarerne tager vi på en hæsblæsende rejse til klodens fjerneste egne og "
            "mest højteknologiske laboratorier. Undervejs møder vi zombieceller, gopler der "
            "ældes baglæns og både gale og geniale videnskabsmænd og –kvinder."
        ),
        speakers=[speaker("Nicklas Brendborg", "MSc i Bioteknologi ved Københavns Universitet")],
    ),
    slot("12.00", "Konferencen slutter – Take-away-frokost ved udgangen"),
]

SEED_002_SESSIONS = [
    {
        "number": 1,
        "title": "Fælles data er en del af svaret på kommunernes største udfordringer",
        "description": (
            "Intelligent brug af data er en central del af svaret på, hvordan vi kan håndtere de "
            "store opgaver på social- og sundhedsområdet. Alle organisationer er i dag "
            "gennemsyret med data. Efterspørgslen går ikke længere nødvendigvis på flere data men "
            "på bedre data og de rigtige data til formålet. De kommende år ligger der en fælles "
            "opgave i at styrke samarbejdet mellem kommuner på datadagsordenen, så vi sikrer den "
            "bedst mulige balance mellem ressourceforbrug og værdiskabelse.\n\n"
            "På sessionen sættes indholdet i den fælleskommunale datastrategi i relation til de "
            "udfordringer, kommunernes står overfor på sundheds- og socialområdet. Vi præsenterer "
            "konkrete eksempler på, hvordan data kan styrke forebyggelsesarbejdet. "
            "Afslutningsvist præsenteres der et konkrete bud på, hvordan kommunerne kan forholde "
            "sig til de etiske dilemmaer, som også følger med brugen af data."
        ),
        "speakers": [],
    },
    {
        "number": 2,
        "title": (
            "Hvordan kan ny viden om borgenes sundhed bruges til at sætte strategisk fokus på "
            "folkesundheden i din kommune?"
        ),
        "description": (
            "Folkesundheden står højt på dagsordenen i kommunerne og nye kommunalbestyrelser og "
            "nye data om danskernes sundhed giver anledning til at drøfte strategisk fokus i egen "
            "kommune.\n\n"
            "På sessionen sættes nyeste viden om danskernes sundhed i relation til kommunernes "
            "folkesundhedsarbejde. Deltagerne får inspiration til pejlemærker i det strategiske "
            "arbejde med afsæt i nye sundhedsdata og KL’s Forebyggelsesudspil Forebyggelse for "
            "Fremtiden.\n\n"
            "To kommuner giver desuden deres bud på, hvordan de strategisk arbejder med indsatser "
            "for fremme af mental sundhed og tobaksforebyggelse."
        ),
        "speakers": [],
    },
    {
        "number": 3,
        "title": "Dør borgerne godt i din kommune?",
        "description": (
            "Hvordan kan det være, at borgerne i den ene kommune dør hjemme, mens de i den anden "
            "dør på sygehus? Vi ser på, hvad der skal til for at sikre borgerne en død, der er i "
            "overensstemmelse med deres egne ønsker. Det giver ro i sindet, at der er styr på "
            "sådanne forhold i god tid – både for borgeren og de pårørende. Og det giver et godt "
            "arbejdsmiljø for personalet i kommunens ældreområde. Endelig modvirker det også "
            "overbehandling, unødige sygehusindlæggelser og ressourcespild.\n\n"
            "Sessionens primære case er en stor lægepraksis i Frederikshavn, som i samarbejde med "
            "kommunen er kommet rigtig langt i forhold til at sikre tidlig afklaring sammen med "
            "borgerne. Derudover kigger vi på eksempler fra andre kommuner og klynger."
        ),
        "speakers": [
            speaker(
                "Ove Gaardboe",
                "overlæge",
                "Dansk Selskab for Patientsikkerhed – projektleder på Fremfærd-projektet: Klar "
                "til samtalen",
            ),
            speaker(
                "Peter Gaardbo Simonsen",
                "Praktiserende læge og klinikleder for Lægeklinikken Frederikshavn",
            ),
            speaker(
                "Jytte Egetoft Thøgersen",
                "centerchef, Sundhed og Pleje",
                "Frederikshavn Kommune",
            ),
        ],
    },
    {
        "number": 4,
        "title": (
            "Livskvalitet og handicap: hvad taler vi egentligt om og hvordan understøtter vi den?"
        ),
        "description": (
            "Livskvalitet er en af nøglerne til at skabe velfærd, trivsel og sundhed for "
            "mennesker med handicap. Selv om livskvalitet er individuelt, må det gode liv være "
            "målet for alle indsatser for mennesker med handicap. På denne session zoomer vi ind "
            "på, hvad livskvalitet egentligt er for en størrelse, og hvad det skaber for "
            "mennesker med handicap, men også på hvilken rolle kommunen kan spille. Sessionen vil "
            "også komme med bud på, hvordan livskvaliteten konkret kan styrkes.\n\n"
            "På sessionen kan du møde:\n\nSessionen arrangeres i samarbejde med Videncenter om "
            "Handicap og Danske Handicaporganisationer. I sessionen vil du bl.a. møde borgere med "
            "handicap, der fortæller om, hvad der giver dem livskvalitet og en forsker, der har "
            "undersøgt hvad der giver mennesker med handicap livskvalitet."
        ),
        "speakers": [],
    },
    {
        "number": 5,
        "title": "10-års plan for psykiatrien – vil den flyve eller falde?",
        "description": (
            "På et tidspunkt i løbet af livet vil 40-50 pct. af den danske befolkning få en "
            "psykisk lidelse. Andelen er steget betydeligt i de senere år. Vi kender ikke den "
            "fulde baggrund for, at flere og flere rammes af psykiske lidelser. Men vi ved, at "
            "det har store konsekvenser både for den enkelte og for de pårørende. "
            "Sundhedsstyrelsen offentliggjorde i januar et fagligt oplæg til en 10-års plan for "
            "mental sundhed og psykiatri. Målet er, at planen med 37 anbefalinger skal sætte en "
            "ny og ambitiøs retning for et samlet fagligt løft af psykiatrien over de kommende ti "
            "år.\n\n"
            "Men hvad vil det kræve af kommunerne og de øvrige sektorer at forfølge målsætning og "
            "anbefalinger i 10-års planen - og er det overhovedet realistisk at komme i mål med "
            "planens ambitioner?"
        ),
        "speakers": [
            speaker("Helene Probst", "vicedirektør", "Sundhedsstyrelsen"),
            speaker("Kirsten Bundgaard", "chef for Handicap og Psykiatri", "Herning Kommune"),
            speaker(
                "Hallur Thorsteinsson",
                "centerchef",
                "Psykiatrisk Center Amager, Region Hovedstadens Psykiatri",
            ),
        ],
    },
    {
        "number": 6,
        "title": "Sex, drugs and rock’n’roll",
        "description": (
            "Et højt forbrug af alkohol blandt unge er en gateway til forbrug af øvrige "
            "rusmidler, som igen er gateway til andre typer risikobetonet adfærd samt øget risiko "
            "for mistrivsel. I alle hjørner af landet ser vi et stigende forbrug af alkohol og "
            "stoffer blandt unge helt ned til 14-15 års årsalderen.\n\n"
            "Nattelivet, med alt hvad det indebærer af druk, stoffer, sex og social skrøbelighed, "
            "er ikke den eneste faktor, som påvirker unges sundhed og trivsel. Men netop i den "
            "spæde ungdom og de første voksenår fylder det meget og kan sætte spor langt ind i "
            "voksenlivet. Kommunerne skal med de øvrige aktører i samfundet involvere sig og "
            "forsøge at påvirke festkulturerne i en positiv retning. Og vi skal tidligere på "
            "banen, når forbruget kører af sporet for de helt unge.\n\n"
            "I denne session kigger vi nærmere på, hvordan vi kan påvirke rammerne for "
            "nattelivet, være med til at understøtte en mere tryg kultur og hjælpe dem med ekstra "
            "behov for støtte."
        ),
        "speakers": [
            speaker(
                "Maria Koch Aabel",
                "programleder for ”Fælles om ungelivet”",
                "Sundhedsstyrelsen",
            ),
            speaker("Mads Uffe Pedersen", "professor", "Center for Rusmiddelforskning"),
            speaker("Søren Holm", "", "Aarhus Kommune"),
        ],
    },
    {
        "number": 7,
        "title": (
            "’Åben dialog’ rykker ved rollerne og samspillet mellem brugere og fagprofessionelle"
        ),
        "description": (
            "Offentlige, private og frivillige organisationer er i fuld gang med at udvikle "
            "velfærdssamfundet hen imod, at velfærd er noget, fagprofessionelle og brugere skaber "
            "sammen. Det kræver strategier og metoder at implementere i praksis. Men understøttet "
            "af de rette metoder og tilgange kan det give langt bedre forudsætninger for, at "
            "mennesker kan komme sig fra psykiske problemstillinger, end vi har haft tidligere. I "
            "kommunerne anvendes tilgangen ”Åben dialog” i dag især i den kommunal "
            "socialpsykiatri, men også i stigende grad på fx handicapområdet.\n\n"
            "På sessionen sætter vi fokus på, hvad der skal til for at arbejde fokuseret med at "
            "inddrage brugerne i skabelsen af velfærd. Der sættes også fokus på, hvilken "
            "betydning systematisk implementering af en tilgang som Åben dialog kan få for "
            "brugerens oplevelse og udbytte af forløb."
        ),
        "speakers": [
            speaker(
                "Maja Schou",
                "Peer medarbejder, Job, Udsatte og Socialpsykiatri",
                "Aarhus Kommune",
            ),
            speaker(
                "Mie Leer",
                "Udviklingskonsulent, Job, Udsatte og Socialpsykiatri",
                "Aarhus Kommune",
            ),
            speaker("Jacob Storck", "direktør i Crecea"),
        ],
    },
]

SEED_002 = {
    "meeting": {
        "organiser": "KL's Sundheds- og Ældreudvalg",
        "kind": "konference",
        "title": "Social- og Sundhedspolitisk Forum 2022",
        "starts_at": at(2022, 5, 24, 10, 0),
        "ends_at": at(2022, 5, 25, 12, 0),
        "moderator_name": "Lene Johansen",
        "moderator_title": "journalist",
        "only_for_politicians": False,
    },
    "co_organisers": ["KL's Socialudvalg"],
    "days": [
        (datetime.date(2022, 5, 24), SEED_002_DAY_1),
        (datetime.date(2022, 5, 25), SEED_002_DAY_2),
    ],
    "sessions": SEED_002_SESSIONS,
}

SEEDS = {"000": SEED_000, "001": SEED_001, "002": SEED_002, "004": SEED_004}
