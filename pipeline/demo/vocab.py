"""Word lists the demo series draws from: names, organisations, answers, topics.

Everything here is invented or generic (no real person is named). The lists
are the demo's "quirks as data": what registrants of an open-government
peer-learning series type into a Zoom registration form, in English and
Spanish, including the messy forms a careful resolver must still handle.

Two rules keep the ground truth unambiguous (see ``truth.py``):

* an organisation marked ``implies=True`` names its sector by itself (a
  ministry, a university, a foundation, a development bank, a newspaper); the
  others say nothing on their own and are only used next to a typed sector;
* a sector answer, an organisation, an e-mail domain and a job title never
  point to different sectors for one person.
"""

from __future__ import annotations

from typing import NamedTuple

# Word lists stay compact (one topic per block, not one word per line).
# fmt: off

SECTORS: tuple[str, ...] = (
    "government", "civil_society", "private_sector", "international_organization", "academia",
    "media",
)


# Share of each sector among the audience and among speakers.
AUDIENCE_SECTOR_WEIGHTS: dict[str, float] = {
    "government": 38,
    "civil_society": 26,
    "private_sector": 10,
    "international_organization": 10,
    "academia": 11,
    "media": 5,
}
SPEAKER_SECTOR_WEIGHTS: dict[str, float] = {
    "government": 40,
    "civil_society": 25,
    "private_sector": 6,
    "international_organization": 16,
    "academia": 9,
    "media": 4,
}

# --- people -----------------------------------------------------------------

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "es": (
        "Ana", "María", "José", "Juan", "Luis", "Carlos", "Lucía", "Sofía", "Valentina",
        "Camila", "Diego", "Andrés", "Fernanda", "Gabriela", "Jorge", "Alejandro", "Daniela",
        "Paula", "Mariana", "Ricardo", "Patricia", "Rosa", "Javier", "Manuel", "Claudia",
        "Verónica", "Francisco", "Eduardo", "Natalia", "Carolina", "Sebastián", "Martín",
        "Julián", "Ximena", "Renata", "Tomás", "Ignacio", "Beatriz", "Raúl", "Silvia", "Héctor",
        "Lorena", "Mónica", "Óscar", "Inés", "Ángela", "Esteban", "Pilar",
    ),
    "pt": (
        "João", "Maria", "Ana", "Pedro", "Lucas", "Mariana", "Beatriz", "Rafael", "Gustavo",
        "Fernanda", "Juliana", "Thiago", "Camila", "Bruno", "Larissa", "Felipe", "Letícia",
        "Rodrigo", "Patrícia", "Gabriel", "Luíza", "André", "Helena", "Vinícius",
    ),
    "en": (
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
        "Elizabeth", "Sarah", "Emily", "Thomas", "Jessica", "Daniel", "Laura", "Matthew",
        "Rachel", "Andrew", "Hannah", "Joseph", "Olivia", "Christopher", "Grace", "Benjamin",
        "Rebecca", "Samuel", "Alice", "Peter", "Catherine", "George", "Emma",
    ),
    "fr": (
        "Jean", "Marie", "Pierre", "Sophie", "Luc", "Claire", "Nicolas", "Camille", "Julien",
        "Élodie", "François", "Aminata", "Moussa", "Fatou", "Ibrahima", "Awa", "Mamadou",
        "Aïcha", "Olivier", "Cécile", "Koffi", "Adjoa", "Serge", "Brigitte",
    ),
    "af": (
        "Amina", "Grace", "Joseph", "Mercy", "Samuel", "Faith", "Peter", "Wanjiru", "Kwame",
        "Akosua", "Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Tendai", "Thabo", "Naledi",
        "Zanele", "Kofi", "Abena", "Emeka", "Chiamaka", "Otieno", "Achieng", "Musa", "Halima",
        "Baraka", "Neema", "Tumelo", "Lerato",
    ),
    "ar": (
        "Mohamed", "Fatima", "Ahmed", "Khadija", "Youssef", "Salma", "Omar", "Leila", "Karim",
        "Nadia", "Hassan", "Yasmine", "Rania", "Sami", "Hiba", "Tarek",
    ),
    "sa": (
        "Priya", "Rahul", "Anjali", "Arjun", "Sunita", "Vikram", "Aisha", "Imran", "Fatima",
        "Ravi", "Deepa", "Sanjay", "Nadia", "Farhan", "Shreya", "Kiran", "Tashi", "Pema",
    ),
    "sea": (
        "Maria", "Jose", "Angelica", "Mark", "Kristine", "Paolo", "Rina", "Budi", "Siti",
        "Dewi", "Agus", "Nurul", "Ahmad", "Somchai", "Nguyen", "Linh", "Sokha", "Dara",
    ),
    "ea": (
        "Bat-Erdene", "Oyunchimeg", "Enkhjargal", "Tuya", "Haruto", "Yui", "Sora", "Aiko",
        "Ganbold", "Saruul",
    ),
    "ca": (
        "Aigerim", "Nurlan", "Aibek", "Dilnoza", "Timur", "Anahit", "Armen", "Leyla", "Olena",
        "Andriy", "Iryna", "Oleksandr", "Gulnara", "Rustam",
    ),
    "eu": (
        "Anna", "Lukas", "Sophie", "Jan", "Eva", "Marco", "Giulia", "Lars", "Ingrid", "Mikko",
        "Kadri", "Tomas", "Agnieszka", "Petra", "Andrei", "Elena", "Nikos", "Ivana", "Arben",
        "Besa", "Milan", "Jelena", "Katarina", "Henrik",
    ),
}

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "es": (
        "Pérez", "García", "Rodríguez", "López", "Martínez", "González", "Hernández", "Sánchez",
        "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes",
        "Gutiérrez", "Ortiz", "Castillo", "Jiménez", "Vargas", "Romero", "Herrera", "Medina",
        "Aguilar", "Castro", "Ruiz", "Mendoza", "Rojas", "Navarro", "Álvarez", "Muñoz",
        "Ibáñez", "Salazar", "Peña", "Cárdenas", "Núñez", "Vega", "Campos", "Fuentes",
        "Córdoba", "Zúñiga", "Quispe", "Mamani", "Villanueva", "Benítez", "Acosta",
    ),
    "pt": (
        "Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Ferreira", "Almeida",
        "Carvalho", "Gomes", "Ribeiro", "Martins", "Araújo", "Barbosa", "Rocha", "Lima",
        "Fernandes", "Conceição", "Macedo", "Nascimento",
    ),
    "en": (
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
        "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Thompson", "White", "Harris",
        "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green",
        "Baker", "Adams", "Campbell", "Mitchell", "Roberts", "O'Brien", "Murphy",
    ),
    "fr": (
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy", "Moreau",
        "Lefèvre", "Diallo", "Traoré", "Koné", "Ndiaye", "Diop", "Ouédraogo", "Kouassi",
        "Mensah", "Sow", "Camara", "Faye", "Mbaye", "Rakoto", "Kabila",
    ),
    "af": (
        "Mwangi", "Otieno", "Kamau", "Wanjiku", "Okafor", "Adeyemi", "Okonkwo", "Eze", "Nwosu",
        "Mensah", "Boateng", "Asante", "Owusu", "Nkosi", "Dlamini", "Moyo", "Banda", "Phiri",
        "Mutua", "Njoroge", "Kariuki", "Abubakar", "Bello", "Ibrahim", "Mugisha", "Habimana",
        "Tesfaye", "Bekele", "Kamara", "Sesay", "Johnson", "Koroma",
    ),
    "ar": (
        "El Amrani", "Benali", "Haddad", "Khalil", "Mansour", "Saleh", "Nasser", "Bouazizi",
        "Hassan", "Ibrahim", "Farouk", "Aziz", "Chahine", "Trabelsi",
    ),
    "sa": (
        "Sharma", "Patel", "Singh", "Kumar", "Gupta", "Rao", "Khan", "Ahmed", "Hossain",
        "Rahman", "Perera", "Fernando", "Shrestha", "Thapa", "Dorji", "Iyer", "Reddy", "Das",
    ),
    "sea": (
        "Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz", "Villanueva",
        "Santoso", "Wijaya", "Hidayat", "Pratama", "Rahman", "Tan", "Lim", "Tran", "Pham",
        "Chan", "Sok", "Srisuk",
    ),
    "ea": (
        "Batbayar", "Ganbaatar", "Dorj", "Bold", "Tanaka", "Suzuki", "Sato", "Yamamoto",
        "Enkhbold", "Purev",
    ),
    "ca": (
        "Abdullayev", "Nazarbayeva", "Sadykov", "Karimova", "Hakobyan", "Petrosyan", "Aliyev",
        "Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Usmonov",
    ),
    "eu": (
        "Müller", "Schmidt", "Rossi", "Bianchi", "Jansen", "de Vries", "Nielsen", "Hansen",
        "Johansson", "Virtanen", "Tamm", "Kask", "Kowalski", "Nowak", "Novák", "Horváth",
        "Popescu", "Ionescu", "Papadopoulos", "Kovačević", "Hoxha", "Krasniqi", "Petrović",
        "Berisha", "Novak", "Larsen",
    ),
}

# Extra given names for name-only guests: three-word names keep them unique.
MIDDLE_NAMES: tuple[str, ...] = (
    "Alberto", "Isabel", "Elena", "Antonio", "Teresa", "Miguel", "Rosario", "Fernando",
    "Cristina", "Pablo", "Lourdes", "Ramón", "Amparo", "Emilio", "Dolores", "Victoria", "Marie",
    "Anne", "Louise", "Kate", "Jane", "Lee", "Rose", "Ray", "Jo", "Kim",
)

FREEMAIL_DOMAINS: tuple[str, ...] = (
    "gmail.com", "gmail.com", "gmail.com", "hotmail.com", "yahoo.com", "outlook.com",
    "hotmail.es", "yahoo.es", "live.com", "protonmail.com",
)

# E-mail domains that name their sector by themselves (DEFINITIONS.md: worldbank.org...).
INTERNATIONAL_DOMAINS: tuple[str, ...] = ("worldbank.org", "iadb.org", "undp.org", "oecd.org")


class Org(NamedTuple):
    """An organisation a registrant types, with whether its name alone implies the sector."""

    name: str
    implies: bool
    slug: str  # used to build a work e-mail domain, e.g. "redciudadana.org"


def _orgs(implies: bool, *pairs: tuple[str, str]) -> tuple[Org, ...]:
    return tuple(Org(name, implies, slug) for name, slug in pairs)


ORGANIZATIONS: dict[str, dict[str, tuple[Org, ...]]] = {
    "government": {
        "es": _orgs(
            True,
            ("Ministerio de Hacienda", "hacienda"),
            ("Ministerio de Economía y Finanzas", "mef"),
            ("Secretaría de la Función Pública", "funcionpublica"),
            ("Contraloría General de la República", "contraloria"),
            ("Municipalidad de San Isidro", "munisanisidro"),
            ("Alcaldía Municipal", "alcaldia"),
            ("Gobierno Regional", "gobiernoregional"),
            ("Congreso de la República", "congreso"),
            ("Ministerio de Justicia", "minjusticia"),
            ("Defensoría del Pueblo", "defensoria"),
            ("Secretaría de Transparencia", "transparencia"),
            ("Ministerio de Modernización", "modernizacion"),
        )
        + _orgs(
            False,
            ("Instituto Nacional de Transparencia", "inai"),
            ("Agencia de Gobierno Digital", "agesic"),
            ("Dirección de Compras Públicas", "comprasestatales"),
        ),
        "en": _orgs(
            True,
            ("Ministry of Finance", "finance"),
            ("Ministry of Public Service", "publicservice"),
            ("Ministry of Justice", "justice"),
            ("National Audit Office", "audit"),
            ("Office of the Prime Minister", "opm"),
            ("City Council", "citycouncil"),
            ("County Government", "county"),
            ("Parliament", "parliament"),
            ("Department of Budget and Management", "dbm"),
            ("Ministry of Local Government", "localgov"),
        )
        + _orgs(
            False,
            ("Public Procurement Regulatory Authority", "ppra"),
            ("Open Data Unit", "opendata"),
            ("Digital Transformation Agency", "dta"),
        ),
        "fr": _orgs(
            True,
            ("Ministère des Finances", "finances"),
            ("Ministère de la Fonction Publique", "fonctionpublique"),
            ("Cour des Comptes", "courdescomptes"),
            ("Mairie de Dakar", "mairie"),
        ),
        "pt": _orgs(
            True,
            ("Ministério da Economia", "economia"),
            ("Controladoria-Geral da União", "cgu"),
            ("Prefeitura Municipal", "prefeitura"),
        ),
    },
    "civil_society": {
        "es": _orgs(
            True,
            ("Fundación Ciudadanía Activa", "ciudadaniaactiva"),
            ("Fundación Datos Abiertos", "fundaciondatos"),
            ("Asociación Civil Transparencia Local", "transparencialocal"),
            ("ONG Vigilancia Ciudadana", "vigilanciaciudadana"),
            ("Fundación Acceso", "fundacionacceso"),
            ("Asociación Civil Presupuesto Abierto", "presupuestoabierto"),
        )
        + _orgs(
            False,
            ("Observatorio Ciudadano", "observatorio"),
            ("Red Ciudadana", "redciudadana"),
            ("Colectivo Datos", "colectivodatos"),
        ),
        "en": _orgs(
            True,
            ("Open Budget Foundation", "openbudget"),
            ("Citizens Accountability Foundation", "citizensaccountability"),
            ("Integrity Watch NGO", "integritywatch"),
            ("Community Voices Foundation", "communityvoices"),
            ("Right to Know Foundation", "righttoknow"),
        )
        + _orgs(
            False,
            ("Open Contracting Hub", "ochub"),
            ("Civic Tech Lab", "civictechlab"),
            ("Accountability Lab", "accountlab"),
        ),
        "fr": _orgs(
            True,
            ("Fondation Transparence", "transparence"),
            ("ONG Redevabilité", "redevabilite"),
        ),
        "pt": _orgs(
            True,
            ("Fundação Dados Abertos", "dadosabertos"),
            ("ONG Contas Abertas", "contasabertas"),
        ),
    },
    "private_sector": {
        "es": _orgs(
            True,
            ("Consultores Andinos S.A.", "consultoresandinos"),
            ("Datos y Estrategia S.A. de C.V.", "datosyestrategia"),
            ("Grupo Innovación S.A.S.", "grupoinnovacion"),
        )
        + _orgs(
            False,
            ("Estrategia Pública", "estrategiapublica"),
        ),
        "en": _orgs(
            True,
            ("Brightline Consulting Ltd", "brightline"),
            ("Civic Data Solutions Inc.", "civicdata"),
            ("Northgate Advisory LLC", "northgate"),
        )
        + _orgs(
            False,
            ("Kestrel Analytics", "kestrel"),
        ),
        "fr": _orgs(
            True,
            ("Sahel Conseil SARL", "sahelconseil"),
        ),
        "pt": _orgs(
            True,
            ("Dados Brasil Ltda", "dadosbrasil"),
        ),
    },
    "international_organization": {
        "es": _orgs(
            True,
            ("Banco Mundial", "bancomundial"),
            ("Banco Interamericano de Desarrollo", "bid"),
            ("Programa de las Naciones Unidas para el Desarrollo", "pnud"),
            ("Naciones Unidas", "onu"),
        )
        + _orgs(
            False,
            ("PNUD", "pnud"),
            ("OCDE", "ocde"),
            ("Organización de los Estados Americanos", "oea"),
            ("Alianza para el Gobierno Abierto", "aga"),
        ),
        "en": _orgs(
            True,
            ("World Bank", "worldbank"),
            ("Inter-American Development Bank", "iadb"),
            ("United Nations Development Programme", "undp"),
            ("African Development Bank", "afdb"),
            ("United Nations", "un"),
        )
        + _orgs(
            False,
            ("UNDP", "undp"),
            ("OECD", "oecd"),
            ("Open Government Partnership", "ogp"),
            ("GIZ", "giz"),
        ),
        "fr": _orgs(
            True,
            ("Banque mondiale", "banquemondiale"),
        ),
        "pt": _orgs(
            True,
            ("Banco Mundial", "bancomundial"),
        ),
    },
    "academia": {
        "es": _orgs(
            True,
            ("Universidad de Chile", "uchile"),
            ("Universidad Nacional Autónoma de México", "unam"),
            ("Pontificia Universidad Católica del Perú", "pucp"),
            ("Universidad de los Andes", "uniandes"),
            ("Universidad de Buenos Aires", "uba"),
            ("Universidad Centroamericana", "uca"),
        )
        + _orgs(
            False,
            ("Centro de Investigación y Docencia", "cid"),
        ),
        "en": _orgs(
            True,
            ("University of Nairobi", "uonbi"),
            ("Makerere University", "mak"),
            ("University of the Philippines", "up"),
            ("University of Oxford", "ox"),
            ("University of Lagos", "unilag"),
            ("University of Cape Town", "uct"),
        )
        + _orgs(
            False,
            ("Governance Research Centre", "grc"),
        ),
        "fr": _orgs(
            True,
            ("Université Cheikh Anta Diop", "ucad"),
        ),
        "pt": _orgs(
            True,
            ("Universidade de São Paulo", "usp"),
        ),
    },
    "media": {
        "es": _orgs(
            True,
            ("Diario La Nación", "lanacion"),
            ("Radio Continental", "radiocontinental"),
            ("Noticias del Sur", "noticiasdelsur"),
            ("Periódico El Observador", "elobservador"),
        )
        + _orgs(
            False,
            ("La Voz Pública", "lavoz"),
        ),
        "en": _orgs(
            True,
            ("Daily Nation News", "dailynation"),
            ("Radio Freedom FM", "freedomfm"),
            ("The Accountability Times Newspaper", "acctimes"),
        )
        + _orgs(
            False,
            ("The Civic Ledger", "civicledger"),
        ),
        "fr": _orgs(
            True,
            ("Radio Sahel", "radiosahel"),
        ),
        "pt": _orgs(
            True,
            ("Jornal do Povo", "jornaldopovo"),
        ),
    },
}

# --- registration answers ---------------------------------------------------

# Sector answers typed freely (one list per sector, English then Spanish forms).
SECTOR_ANSWERS: dict[str, dict[str, tuple[str, ...]]] = {
    "government": {
        "en": (
            "Government", "Government", "Local government", "Public sector",
            "National government",
        ),
        "es": (
            "Gobierno nacional", "Gobierno", "Gobierno local", "Sector público",
            "Gobierno subnacional",
        ),
    },
    "civil_society": {
        "en": (
            "Civil society", "Civil society", "NGO", "Civil Society Organization",
        ),
        "es": (
            "Sociedad civil", "Sociedad civil", "ONG", "Organización de la sociedad civil",
        ),
    },
    "private_sector": {
        "en": (
            "Private sector", "Private sector", "Business",
        ),
        "es": (
            "Sector privado", "Sector privado", "Empresa privada",
        ),
    },
    "international_organization": {
        "en": (
            "International organization", "International organisation", "Multilateral",
        ),
        "es": (
            "Organismo internacional", "Organismo internacional", "Organismo multilateral",
        ),
    },
    "academia": {
        "en": (
            "Academia", "Academia", "University / research",
        ),
        "es": (
            "Universidad", "Academia", "Academia / investigación",
        ),
    },
    "media": {
        "en": (
            "Media", "Media", "Journalism",
        ),
        "es": (
            "Medios", "Medios de comunicación", "Periodismo",
        ),
    },
}
OTHER_ANSWERS: tuple[str, ...] = ("Other", "Otro", "Otra", "other")
# Answers that are no answer at all (DEFINITIONS.md, sector rule 1).
BLANK_ANSWERS: tuple[str, ...] = ("", "", "", "-", "N/A", "n/a")

# Job titles that say nothing about the sector.
GENERIC_TITLES: dict[str, tuple[str, ...]] = {
    "en": (
        "Director", "Advisor", "Coordinator", "Analyst", "Programme Officer", "Head of Unit",
        "Specialist", "Manager", "Senior Advisor", "Officer",
    ),
    "es": (
        "Director", "Directora", "Asesor", "Asesora", "Coordinador", "Coordinadora", "Analista",
        "Jefe de departamento", "Especialista", "Gerente",
    ),
}
# Job titles that imply a sector by themselves (DEFINITIONS.md, sector rule 3).
SECTOR_TITLES: dict[str, dict[str, tuple[str, ...]]] = {
    "media": {"en": ("Journalist", "Reporter"), "es": ("Periodista", "Reportera")},
    "academia": {"en": ("Student", "PhD student"), "es": ("Estudiante", "Estudiante de maestría")},
    "government": {"en": ("Member of Parliament", "Councillor"), "es": ("Concejal", "Diputada")},
}

# Country answers that name no country (DEFINITIONS.md: unknown unless another row resolves).
JUNK_COUNTRY_ANSWERS: tuple[str, ...] = (
    "N/A", "-", "Latin America", "América Latina", "Global", "Africa", "LatAm", ".", "n/a",
)

# Custom registration questions, in the webinar's language, in form order.
QUESTIONS: dict[str, tuple[str, str, str, str]] = {
    "en": ("Country", "Organization", "Sector / type of organization", "Job title"),
    "es": ("País", "Organización / institución", "Tipo de organización", "Cargo"),
}

# Work addresses built from an organisation's slug that still name the sector by
# themselves: a parliament's own domain ('parliament.ke'), and universities known by
# their domain ('unam.mx'). A resolver that knows them is right to use them, so the
# ground truth must count them as the e-mail domain showing the sector.
SECTOR_NAMING_SLUGS: frozenset[str] = frozenset({"parliament"})
SECTOR_NAMING_DOMAINS: frozenset[str] = frozenset(
    {"uchile.cl", "unam.mx", "uba.ar", "up.pt", "usp.br"}
)


def domain_names_sector(domain: str) -> bool:
    """Whether a work domain built from an organisation names its sector by itself."""
    return domain.split(".", 1)[0] in SECTOR_NAMING_SLUGS or domain in SECTOR_NAMING_DOMAINS


# --- webinars ---------------------------------------------------------------

# (catalogue topic, English title stem, Spanish title stem)
TOPICS: tuple[tuple[str, str, str], ...] = (
    ("Open contracting", "Open contracting", "Contrataciones abiertas"),
    ("Beneficial ownership", "Beneficial ownership transparency",
     "Transparencia de beneficiarios finales"),
    ("Fiscal openness", "Fiscal openness", "Apertura fiscal"),
    ("Access to information", "Access to information", "Acceso a la información"),
    ("Open parliaments", "Open parliaments", "Parlamento abierto"),
    ("Participatory budgeting", "Participatory budgeting", "Presupuestos participativos"),
    ("Open justice", "Open justice", "Justicia abierta"),
    ("Digital governance", "Digital governance", "Gobernanza digital"),
    ("Anti-corruption", "Anti-corruption reforms", "Reformas anticorrupción"),
    ("Climate and open government", "Climate and open government", "Clima y gobierno abierto"),
    ("Gender and inclusion", "Gender and inclusion", "Género e inclusión"),
    ("Civic space", "Protecting civic space", "Protección del espacio cívico"),
    ("Open data", "Open data for service delivery", "Datos abiertos para servicios públicos"),
    ("Local open government", "Local open government", "Gobierno abierto local"),
    ("Action plans", "Co-creating action plans", "Co-creación de planes de acción"),
    ("Public integrity", "Public integrity", "Integridad pública"),
    ("Lobbying transparency", "Lobbying transparency", "Transparencia del cabildeo"),
    ("Natural resources", "Natural resource governance", "Gobernanza de los recursos naturales"),
    ("Algorithmic transparency", "Algorithmic transparency", "Transparencia algorítmica"),
    ("Public procurement in health", "Open procurement in health",
     "Compras públicas abiertas en salud"),
)
EN_TITLE_TEMPLATES: tuple[str, ...] = (
    "{stem}: lessons from {place}",
    "Peer exchange: {stem}",
    "{stem} in practice",
    "{stem}, from commitments to results",
    "What works in {stem_lower}? Evidence from {place}",
    "{stem}: tools for reformers",
)
ES_TITLE_TEMPLATES: tuple[str, ...] = (
    "{stem}: lecciones de {place}",
    "Intercambio entre pares: {stem}",
    "{stem} en la práctica",
    "{stem}, de los compromisos a los resultados",
    "¿Qué funciona en {stem_lower}? Experiencias de {place}",
)
EN_PLACES: tuple[str, ...] = (
    "Kenya and Nigeria",
    "the Philippines",
    "Ukraine",
    "Latin America",
    "West Africa",
    "Indonesia",
    "subnational governments",
    "Ghana",
    "Armenia and Georgia",
)
ES_PLACES: tuple[str, ...] = (
    "México y Colombia",
    "Perú",
    "Chile",
    "Centroamérica",
    "el Cono Sur",
    "Paraguay",
    "gobiernos locales",
    "Uruguay y Argentina",
    "República Dominicana",
)

ORGANISERS_DEFAULT: tuple[str, ...] = ("World Bank", "Open Government Partnership")
ORGANISERS_EXTRA: tuple[str, ...] = (
    "Inter-American Development Bank", "OECD", "UNDP", "Open Contracting Partnership",
)

# Staff accounts that host the webinars: never speakers, never participants.
HOSTS: tuple[tuple[str, str], ...] = (
    ("OGP Peer Learning", "peerlearning@opengovpartnership.org"),
    ("World Bank Open Gov Team", "opengov-events@worldbank.org"),
    ("Equipo OGP América Latina", "americas@opengovpartnership.org"),
)
# Partners who host an episode on their own Teams (organiser accounts, staff too).
PARTNER_HOSTS: dict[str, tuple[str, str]] = {
    "en": ("Open Contracting Hub Events", "events@opencontractinghub.example.org"),
    "es": ("Red Regional de Gobierno Abierto", "eventos@redgobiernoabierto.example.org"),
}
# fmt: on
