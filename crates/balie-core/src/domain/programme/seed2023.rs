//! The 2023 programme of the VOB members' congress (7–8 December 2023, Forum Groningen),
//! built by hand from `seed/programma-2023.txt` (the organiser's text, kept verbatim in the
//! repository). Descriptions are the seed's paragraphs with `**` and link markup removed.
//! The seed gives start times only: an item ends where the next one starts (marked as
//! inferred); the last item of a day has an open end.

use crate::domain::programme::{ItemKind, ProgrammeContent, ProgrammeDay, ProgrammeItem, Speaker};
use crate::domain::register::CongressInfo;

pub const SEED_TEXT: &str = include_str!("../../../seed/programma-2023.txt");

pub fn congress() -> CongressInfo {
    CongressInfo {
        name: "VOB-ledencongres 2023".into(),
        organiser: "Vereniging van Openbare Bibliotheken (VOB)".into(),
        venue: "Forum Groningen".into(),
        city: "Groningen".into(),
        start_date: "2023-12-07".into(),
        end_date: "2023-12-08".into(),
        utc_offset: "+01:00".into(),
    }
}

fn item(id: &str, start: &str, title: &str, kind: ItemKind) -> ProgrammeItem {
    ProgrammeItem {
        id: id.into(),
        start: start.into(),
        end: None,
        end_inferred: false,
        title: title.into(),
        kind,
        speakers: Vec::new(),
        description: Vec::new(),
        location: None,
        members_only: false,
        bus_offered: false,
        aliases: Vec::new(),
        children: Vec::new(),
        capacity: None,
        buses: Vec::new(),
    }
}

fn speaker(name: &str, role: &str) -> Speaker {
    Speaker {
        name: name.into(),
        role: role.into(),
    }
}

fn text(paragraphs: &[&str]) -> Vec<String> {
    paragraphs.iter().map(|p| (*p).to_string()).collect()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|p| (*p).to_string()).collect()
}

pub fn programme() -> ProgrammeContent {
    let thursday = vec![
        ProgrammeItem {
            location: Some("Forum Groningen".into()),
            ..item("ontvangst", "15:30", "Ontvangst", ItemKind::Reception)
        },
        ProgrammeItem {
            speakers: vec![speaker("Reinier van Zutphen", "Nationale Ombudsman")],
            description: text(&[P4]),
            ..item(
                "nationale-ombudsman",
                "16:00",
                "Reinier van Zutphen, Nationale Ombudsman",
                ItemKind::Plenary,
            )
        },
        ProgrammeItem {
            description: text(&[P6]),
            ..item(
                "sneak-preview",
                "17:30",
                "Sneak-preview corporate campagne",
                ItemKind::Plenary,
            )
        },
        ProgrammeItem {
            speakers: vec![speaker(
                "Dirk Nijdam",
                "directeur-bestuurder Forum Groningen",
            )],
            description: text(&[P8]),
            ..item(
                "niets-boven-groningen",
                "18:00",
                "Er gaat niets boven Groningen",
                ItemKind::Plenary,
            )
        },
        ProgrammeItem {
            description: text(&[P10]),
            location: Some("Forum Groningen".into()),
            ..item(
                "diner",
                "19:00",
                "Diner, rondleiding & feest",
                ItemKind::Social,
            )
        },
    ];

    let sessions = vec![
        ProgrammeItem {
            description: text(&[P15]),
            aliases: names(&["Goed werkgeverschap", "Werkgeverschap"]),
            ..item(
                "kennissessie-werkgeverschap",
                "09:00",
                "Visie goed en aantrekkelijk werkgeverschap",
                ItemKind::Session,
            )
        },
        ProgrammeItem {
            description: text(&[P17]),
            aliases: names(&["Online bibliotheek"]),
            ..item(
                "kennissessie-online",
                "09:00",
                "Visie online bibliotheek",
                ItemKind::Session,
            )
        },
        ProgrammeItem {
            description: text(&[P19]),
            aliases: names(&["Samenwerking"]),
            ..item(
                "kennissessie-samenwerking",
                "09:00",
                "De kracht van samenwerking",
                ItemKind::Session,
            )
        },
    ];

    let visits = vec![
        ProgrammeItem {
            description: text(&[P27]),
            location: Some("Huis van Cultuur en Bestuur, Hoogezand".into()),
            bus_offered: true,
            aliases: names(&["Bibliotheek Hoogezand", "Hoogezand"]),
            ..item(
                "werkbezoek-hoogezand",
                "12:20",
                "Bibliotheek Hoogezand – Kom langs bij de beste bibliotheek van 2023!",
                ItemKind::WorkVisit,
            )
        },
        ProgrammeItem {
            description: text(&[P29]),
            location: Some("DNK, Assen".into()),
            bus_offered: true,
            aliases: names(&["DNK & Biblionet Drenthe", "DNK Assen", "DNK", "Assen"]),
            ..item(
                "werkbezoek-dnk-assen",
                "12:20",
                "DNK & Biblionet Drenthe – Ervaar de kracht van de Drentse Innovatie Agenda",
                ItemKind::WorkVisit,
            )
        },
        ProgrammeItem {
            description: text(&[P31, P32]),
            location: Some("Pop-up van de Mienskipbibliotheek, Heerenveen".into()),
            bus_offered: true,
            aliases: names(&[
                "Bibliotheek Mar en Fean",
                "Mienskipbibliotheek Mar en Fean",
                "Bibliotheek Heerenveen",
                "Heerenveen",
            ]),
            ..item(
                "werkbezoek-mar-en-fean",
                "12:20",
                "Bibliotheek Mar en Fean – Aan de slag met democratisch burgerschap in de Mienskipbibliotheek",
                ItemKind::WorkVisit,
            )
        },
    ];

    let friday = vec![
        ProgrammeItem {
            description: text(&[P13]),
            children: sessions,
            ..item(
                "kennissessies",
                "09:00",
                "Kennissessies",
                ItemKind::ParallelSessions,
            )
        },
        ProgrammeItem {
            description: text(&[P21]),
            members_only: true,
            aliases: names(&["ALV", "Algemene ledenvergadering", "Ledenvergadering"]),
            ..item(
                "alv",
                "11:00",
                "Statutaire ledenvergadering (alleen voor leden van de VOB)",
                ItemKind::MembersMeeting,
            )
        },
        ProgrammeItem {
            speakers: vec![speaker(
                "Rachel van den Hoogen",
                "directeur bestuurder Biblionet Groningen",
            )],
            description: text(&[P23]),
            ..item(
                "niets-boven-de-regio",
                "12:00",
                "Er gaat niets boven de regio",
                ItemKind::Plenary,
            )
        },
        ProgrammeItem {
            speakers: vec![speaker("Cees van Eijk", "voorzitter VOB")],
            description: text(&[P25, P33]),
            bus_offered: true,
            children: visits,
            ..item(
                "afsluiting-werkbezoeken",
                "12:20",
                "Afsluiting, lunch en werkbezoeken",
                ItemKind::Closing,
            )
        },
    ];

    let mut content = ProgrammeContent {
        days: vec![
            ProgrammeDay {
                date: "2023-12-07".into(),
                title: "Donderdag 7 december 2023".into(),
                items: thursday,
            },
            ProgrammeDay {
                date: "2023-12-08".into(),
                title: "Vrijdag 8 december 2023".into(),
                items: friday,
            },
        ],
    };
    content.infer_end_times();
    content
}

const P4: &str = "De Nationale Ombudsman, Reinier van Zutphen, vertelt ons welke rol hij voor bibliotheken ziet bij het herstel van het vertrouwen tussen de overheid en burgers. De Nationale Ombudsman pleit hier als één van de belangrijkste adviseurs van de regering al geruime tijd voor. Ook gaat de ombudsman in op de zorgen en signalen die hij ontvangt waar bibliotheken een rol in kunnen spelen.";
const P6: &str = "Hoe maak je het brede publiek nieuwsgierig naar wat de openbare bibliotheek voor hen te bieden heeft? Vanuit het netwerk wordt hiervoor een landelijke campagne ontwikkeld, die gericht bijdraagt aan het realiseren van de gezamenlijke ambitie uit de netwerkagenda; groeien van 4 miljoen leden naar 8 miljoen betrokken gebruikers. Op de alv word je in vogelvlucht meegenomen in de plannen én krijg je een eerste 'sneak-preview'.";
const P8: &str = "Dirk Nijdam, directeur-bestuurder Forum Groningen, heet ons welkom en laat zien waarom er wat hem betreft 'niets boven Groningen' gaat. Forum Groningen opende eind 2019 de deuren en werd in 2020 uitgeroepen tot 'beste gebouw van Nederland'. Daarnaast onthullen we op welke locatie de volgende ledendag plaatsvindt.";
const P10: &str = "In 2023 is het herstel van het bibliotheeknetwerk gestart, werden bibliotheken voor het eerst in de geschiedenis genoemd in de troonrede en spraken vrijwel alle politieke partijen steun uit voor het belang van een bibliotheek als basisvoorziening. Genoeg reden om met elkaar te proosten, dineren en feest te vieren. Tevens is er een rondleiding door Forum Groningen.";
const P13: &str = "Op 2 juni 2022 hebben we het Meerjarenbeleidsplan 2022-2025 vastgesteld met als kernthema's (1) werkgeverszaken, (2) belangenbehartiging en (3) het stimuleren van informatie- en kennisdeling en (4) marketing. Tijdens kennissessies op vrijdagochtend voeren we in kleinere groepen verdiepende gesprekken over hoe we in 2024 concreet invulling gaan geven aan deze thema's en wie daaraan een bijdrage wil leveren. De volgende thema's komen aan bod:";
const P15: &str = "De VOB heeft een visie op goed werkgeverschap opgesteld. De vervolgstappen in 2024 geven we graag gezamenlijk vorm. Hier ligt namelijk ook een belangrijke rol voor bestuurders en managers om in de eigen organisatie mee aan de slag te gaan. Welke instrumenten zijn hiervoor nodig? Waar liggen aanknopingspunten om hiermee aan de slag te gaan? Hoe verhoudt de visie zich tot waar je op dit moment al mee bezig bent? Deze kennissessie zal ook belangrijke input zijn voor de onderhandelingsdelegatie voor de nieuwe cao in 2025.";
const P17: &str = "In 2024 wordt het nieuwe convenant getekend waarin de maatschappelijke opgaves voor bibliotheken, worden bekrachtigd. De online aanwezigheid van de bibliotheek wordt steeds belangrijker om doelgroepen te bereiken en impact te vergroten. Hoe zorgen we ervoor dat fysieke én digitale dienstverlening elkaar versterken? Wat zijn inspirerende voorbeelden uit de praktijk? En wat is er nodig om hier een volgende stap in te maken?";
const P19: &str = "Openbare bibliotheken staan in het hart van de gemeenschap en slaan hierbij de handen ineen met partners in de buurt. Steeds meer organisaties zoeken elkaar op om de impact gezamenlijk groter te maken. In veel SPUK-aanvragen zien we deze ambitie ook opgenomen, of het nu gaat om onderwijs, sociaal werk, cultuurorganisaties, ggz, sport- of welzijnsorganisaties. Waaruit blijkt de kracht van deze samenwerking, hoe meten we de impact en wat zijn valkuilen of aandachtspunten voor organisaties die nog aan het begin staan?";
const P21: &str = "De agenda en de stukken voor de statutaire ledenvergadering worden vooraf aan het ledencongres verzonden. Indien je niet aanwezig kunt zijn op het ledencongres kun je een collega machtigen om voor jou te stemmen.";
const P23: &str = "Rachel van den Hoogen, directeur bestuurder Biblionet Groningen, neemt ons mee in de ontwikkelingen in de provincie Groningen. In april 2023 heeft het Kabinet bekend gemaakt hoe zij de 'ereschuld' aan Groningen willen inlossen. Een onderdeel van de 'Ereschuld' is een Sociale Agenda voor de regio. Rachel laat ons zien waarom er volgens haar niets boven de regio Groningen gaat en nodigt ons uit voor de werkbezoeken.";
const P25: &str = "Het congres wordt bij de lunch afgesloten door Cees van Eijk, voorzitter VOB. Daarna zijn er werkbezoeken met inhoudelijk programma mogelijk bij drie bibliotheekorganisaties in de regio; Bibliotheek Hoogezand, DNK Assen en Bibliotheek Heerenveen. Hiervoor is busvervoer georganiseerd.";
const P27: &str = "De bibliotheek van Hoogezand is de beste bibliotheek van 2023! De bibliotheek is gevestigd in het levendige Huis van Cultuur en Bestuur, samen met het gemeentehuis en het theater. Ontdek deze veelzijdig bibliotheek, met ruimte voor ontmoeting, een Breinbieb, een Zadenbibliotheek en eLAB. Tijdens het werkbezoek zoomen we in op Nij Begun, de reactie van de regering op de schade die decennia van gaswinning hebben aangericht. Wat is er nodig om vanuit de bibliotheek een bijdrage te leveren aan die grote opgave in Groningen? Welke kansen biedt een groot Rijksprogramma als 'Nij Begun'? En biedt de aanpak in Groningen een blauwdruk voor andere regio's?";
const P29: &str = "In de wereld van DNK-NXT is voor jongeren van 0-18 jaar alles mogelijk. Taal, techniek en talent worden verbonden. Via de Ontdektuin, de labs, de interactieve vloer en AR-speurtocht komen kinderen laagdrempelig in aanraking met nieuwe werelden. De Ontdektuin komt voort uit de Drentse Innovatie Agenda. Tijdens het werkbezoek staat de kracht van samenwerking tussen bibliotheekorganisaties, provincies en gemeenten centraal. Wat zijn de resultaten uit deze agenda? Hoe is de samenwerking concreet vormgegeven en wat zijn lessen die in Drenthe zijn geleerd? Dompel je onder in de wereld van DNK-NXT en laat je inspireren!";
const P31: &str = "Gemeenschappen en mensen sterker en gelukkig maken, door kansen te bieden en ongelijkheid tegen te gaan. Dat is de missie van Mienskipbibliotheek Mar en Fean. We gaan op bezoek bij de pop-up in Heerenveen. Een voormalige kledingwinkel die is omgetoverd tot een plek waar bewoners zelf met ideeën en initiatieven aan de slag kunnen gaan.";
const P32: &str = "Democratisch burgerschap is een belangrijk speerpunt van de bibliotheek en één van de thema's voor het nieuwe bibliotheekconvenant. Welke rol kunnen bibliotheken hierin spelen? Wat zijn manieren om hier concreet invulling aan te geven? Dit werkbezoek is niet te missen voor bibliotheken die aan de slag gaan met burgerschap in de bibliotheek.";
const P33: &str = "Meld je aan voor één van de werkbezoeken via deze link. Geef hierbij ook aan of je gebruik wilt maken van busvervoer naar het werkbezoek. Bij iedere locatie is een treinstation in de buurt voor de reis naar huis.";
