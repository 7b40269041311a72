"""Polish lesson text for the demo courses, written from the domain brief (facts from the seeds,
our own sentences). Data only; courses/demo.py turns it into pages."""

ROLES = [
    {
        "slug": "animator-lokalny",
        "name": "Animator lokalny",
        "icon": "spark",
        "description": (
            "Budzi aktywność mieszkańców, zbiera ludzi wokół wspólnych spraw i pomaga im tworzyć "
            "grupy, które działają same."
        ),
    },
    {
        "slug": "organizator-sieci-spolecznych",
        "name": "Organizator sieci społecznych",
        "icon": "network",
        "description": (
            "Łączy ludzi, instytucje i organizacje pozarządowe w sieci współpracy i partnerstwa "
            "lokalne."
        ),
    },
    {
        "slug": "lokalny-polityk-spoleczny",
        "name": "Lokalny polityk społeczny",
        "icon": "compass",
        "description": (
            "Współtworzy lokalną politykę społeczną i plany działania razem z samorządem — "
            "nazywany też lokalnym planistą."
        ),
    },
]


def q(text, options, kind="single"):
    return {"text": text, "kind": kind, "options": options}


def o(text, correct=False, feedback=""):
    return {"text": text, "is_correct": correct, "feedback": feedback}


INTRO_COURSE = {
    "slug": "wprowadzenie-do-modelu-osl",
    "title": "Wprowadzenie do Modelu OSL",
    "role": None,
    "hours": 3,
    "pass_mark": 70,
    "summary": "Skąd wziął się Model OSL, co zmienia w pracy socjalnej i jakie role wprowadza.",
    "description": (
        "<p>Kurs otwiera ścieżkę nauki w Akademii OSL. Poznasz Model organizowania "
        "społeczności lokalnej — polski model środowiskowej pracy socjalnej — oraz "
        "trzy nowe role zawodowe, które razem tworzą funkcję organizatora społeczności "
        "lokalnej.</p>"
    ),
    "outcomes": [
        "wyjaśnisz, czym jest Model OSL i kto go przygotował,",
        "opiszesz różnicę między pomocą indywidualną a pracą ze społecznością,",
        "wymienisz trzy role zawodowe organizatora społeczności lokalnej.",
    ],
    "modules": [
        {
            "slug": "czym-jest-model-osl",
            "title": "Czym jest Model OSL",
            "minutes": 40,
            "intro": "Krótka historia modelu: kto go napisał, gdzie go sprawdzono i po co.",
            "paragraphs": [
                "<p>Model organizowania społeczności lokalnej, w skrócie Model OSL, opisuje, "
                "jak ośrodek pomocy społecznej może pracować nie tylko z pojedynczą rodziną, "
                "ale z całą społecznością: osiedlem, wsią, grupą sąsiadów. Przygotowało go "
                "Stowarzyszenie Centrum Wspierania Aktywności Lokalnej CAL razem z Instytutem "
                "Spraw Publicznych.</p>",
                "<p>Prace toczyły się w projekcie „Tworzenie i rozwijanie standardów usług "
                "pomocy i integracji społecznej”, współfinansowanym z Europejskiego Funduszu "
                "Społecznego i zainicjowanym przez Ministerstwo Pracy i Polityki Społecznej. "
                "Zanim model trafił do szkoleń, przez około półtora roku sprawdzało go w praktyce "
                "82 pracowników socjalnych z ponad pięćdziesięciu ośrodków.</p>",
                "<p>Po pilotażu model poprawiono i rozpoczęto wdrożenie: 120 dwudniowych "
                "szkoleń w całym kraju dla 3000 pracowników socjalnych, prowadzonych przez "
                "trenerów CAL.</p>",
            ],
            "quote": ("Od pomocy do samopomocy.", "motto Modelu OSL"),
            "reflection": {
                "prompt": "Przypomnij sobie ostatni tydzień pracy. Ile czasu spędziłaś lub "
                "spędziłeś z pojedynczymi klientami, a ile z grupami mieszkańców?",
                "hints": [
                    "Które sprawy powtarzały się u wielu osób?",
                    "Czy ktoś z mieszkańców mógłby je rozwiązać razem z innymi?",
                ],
            },
            "image": (
                "Pilotaż Modelu OSL",
                "Schemat: kilka połączonych kół symbolizujących ośrodki biorące udział w pilotażu",
                "#0b5a4a",
            ),
            "quiz": [
                q(
                    "Kto przygotował Model OSL?",
                    [
                        o(
                            "Stowarzyszenie CAL i Instytut Spraw Publicznych",
                            True,
                            "Tak — model powstał we współpracy tych dwóch organizacji.",
                        ),
                        o(
                            "Wyłącznie urząd wojewódzki",
                            False,
                            "Nie. Model przygotowały organizacje pozarządowe "
                            "w projekcie systemowym.",
                        ),
                        o("Gminne rady seniorów", False, "Nie, to nie one były autorami modelu."),
                    ],
                ),
                q(
                    "Ile dwudniowych szkoleń obejmuje ogólnopolskie wdrożenie?",
                    [
                        o("12"),
                        o("120", True, "Zgadza się: 120 szkoleń dla 3000 osób."),
                        o("1200", False, "To o rząd wielkości za dużo."),
                    ],
                ),
            ],
        },
        {
            "slug": "od-pomocy-do-samopomocy",
            "title": "Od pomocy do samopomocy",
            "minutes": 35,
            "intro": "Dlaczego praca ze społecznością wzmacnia ludzi bardziej niż samo "
            "przyznawanie świadczeń.",
            "paragraphs": [
                "<p>Tradycyjna pomoc społeczna często stawia mieszkańca w roli biernego "
                "odbiorcy. Model OSL odwraca tę perspektywę: pracownik socjalny szuka w "
                "społeczności zasobów — ludzi, miejsc, umiejętności — i pomaga mieszkańcom "
                "wspólnie rozwiązywać problemy.</p>",
                "<p>Samopomoc nie oznacza wycofania się instytucji. Ośrodek nadal udziela "
                "wsparcia, ale jednocześnie tworzy warunki, w których ludzie mogą działać "
                "sami: spotykać się, organizować, upominać się o swoje sprawy.</p>",
                "<p>Zmiana dotyczy także wizerunku ośrodka. Instytucja, która współpracuje z "
                "mieszkańcami, przestaje być kojarzona wyłącznie z zasiłkami.</p>",
            ],
            "case": {
                "title": "Klub sąsiedzki w bloku",
                "place": "osiedle w mieście powiatowym",
                "story": "<p>Pracownik socjalny zauważył, że kilka starszych osób z jednego "
                "bloku zgłasza samotność. Zamiast kolejnych wizyt domowych zaproponował "
                "spotkanie w świetlicy spółdzielni. Po trzech miesiącach mieszkańcy sami "
                "prowadzili dyżury telefoniczne i robili sobie zakupy.</p>",
                "lesson": "Wspólny problem może stać się początkiem grupy samopomocowej.",
            },
            "image": (
                "Samopomoc sąsiedzka",
                "Ilustracja: trzy postacie podające sobie ręce",
                "#b3401a",
            ),
            "quiz": [
                q(
                    "Co oznacza samopomoc w Modelu OSL?",
                    [
                        o(
                            "Ośrodek przestaje pomagać mieszkańcom",
                            False,
                            "Nie — ośrodek dalej wspiera, ale inaczej rozkłada akcenty.",
                        ),
                        o(
                            "Mieszkańcy wspólnie działają, a ośrodek tworzy do tego warunki",
                            True,
                            "Właśnie tak.",
                        ),
                    ],
                ),
                q(
                    "Które zasoby społeczności warto dostrzec? Zaznacz wszystkie.",
                    [
                        o("Umiejętności mieszkańców", True),
                        o("Wolne sale i miejsca spotkań", True),
                        o(
                            "Wyłącznie budżet ośrodka",
                            False,
                            "Budżet to tylko jeden z zasobów — i często nie najważniejszy.",
                        ),
                    ],
                    kind="multiple",
                ),
            ],
        },
        {
            "slug": "trzy-role-organizatora",
            "title": "Trzy role organizatora społeczności",
            "minutes": 30,
            "intro": "Animator, organizator sieci i lokalny polityk społeczny — czym się "
            "różnią i jak się uzupełniają.",
            "paragraphs": [
                "<p>Model OSL opisuje trzy nowe role zawodowe pracownika socjalnego. "
                "<strong>Animator lokalny</strong> budzi aktywność i pomaga tworzyć grupy. "
                "<strong>Organizator sieci społecznych</strong> łączy ludzi, instytucje i "
                "organizacje pozarządowe we współpracy. <strong>Lokalny polityk społeczny"
                "</strong> pracuje z samorządem nad planami i polityką społeczną gminy.</p>",
                "<p>Razem te role tworzą funkcję organizatora społeczności lokalnej. W małym "
                "ośrodku jedna osoba bywa wszystkimi trzema naraz; w dużym można je rozdzielić "
                "między członków zespołu.</p>",
            ],
            "reflection": {
                "prompt": "Która z trzech ról jest Ci dziś najbliższa, a która najdalsza?",
                "hints": ["Co już robisz w tej roli?", "Czego chcesz się nauczyć?"],
            },
            "image": (
                "Trzy role",
                "Trzy symbole: iskra, sieć i kompas ustawione obok siebie",
                "#1f6b2e",
            ),
            "quiz": [
                q(
                    "Która rola polega przede wszystkim na budowaniu partnerstw?",
                    [
                        o("Animator lokalny", False, "Animator budzi aktywność i tworzy grupy."),
                        o("Organizator sieci społecznych", True, "Tak."),
                        o(
                            "Lokalny polityk społeczny",
                            False,
                            "Ta rola dotyczy planowania polityki z samorządem.",
                        ),
                    ],
                ),
                q(
                    "Jak nazywa się funkcja, którą razem tworzą trzy role?",
                    [
                        o("Organizator społeczności lokalnej", True, "Dokładnie."),
                        o("Koordynator zasiłków", False, "Nie ma takiej roli w modelu."),
                    ],
                ),
            ],
        },
    ],
}

ROLE_COURSES = [
    {
        "slug": "animator-lokalny",
        "title": "Animator lokalny",
        "role": "animator-lokalny",
        "hours": 4,
        "pass_mark": 70,
        "summary": "Jak budzić aktywność mieszkańców i pomagać grupom stanąć na nogi.",
        "description": "<p>Kurs o pierwszej z trzech ról: o spotkaniach z mieszkańcami, "
        "rozpoznawaniu potrzeb i zasobów, budowaniu grup i wolontariacie.</p>",
        "outcomes": [
            "przygotujesz mapę potrzeb i zasobów swojej społeczności,",
            "zaplanujesz pierwsze spotkanie z mieszkańcami,",
            "wesprzesz powstanie grupy samopomocowej lub obywatelskiej.",
        ],
        "modules": [
            {
                "slug": "ja-jako-animator",
                "title": "Ja jako animator",
                "minutes": 30,
                "intro": "Zanim zaczniesz aktywizować innych, przyjrzyj się sobie.",
                "paragraphs": [
                    "<p>Animator nie jest liderem, który wszystko robi sam. Jego zadaniem jest "
                    "ośmielić innych, pomóc im zobaczyć własne możliwości i usunąć się w cień, "
                    "gdy grupa zaczyna działać samodzielnie.</p>",
                    "<p>Dobry animator słucha więcej, niż mówi. Zadaje pytania, zauważa "
                    "drobne inicjatywy i docenia je publicznie. Wie też, że zmiana w "
                    "społeczności trwa miesiącami, a nie tygodniami.</p>",
                ],
                "reflection": {
                    "prompt": "Kiedy ostatnio ktoś zachęcił Cię do działania? Co wtedy zrobił?",
                    "hints": ["Jakich słów użył?", "Co sprawiło, że mu zaufałaś/zaufałeś?"],
                },
                "image": (
                    "Animator słucha",
                    "Ilustracja: postać w środku kręgu rozmówców",
                    "#0b5a4a",
                ),
                "quiz": [
                    q(
                        "Co jest główną rolą animatora?",
                        [
                            o(
                                "Samodzielne przeprowadzenie wszystkich działań",
                                False,
                                "Animator nie wyręcza mieszkańców.",
                            ),
                            o("Ośmielanie ludzi do wspólnego działania", True, "Tak."),
                        ],
                    ),
                    q(
                        "Które postawy pomagają animatorowi? Zaznacz wszystkie.",
                        [
                            o("Uważne słuchanie", True),
                            o("Docenianie małych inicjatyw", True),
                            o(
                                "Narzucanie gotowych rozwiązań",
                                False,
                                "Gotowe rozwiązania odbierają ludziom sprawczość.",
                            ),
                        ],
                        kind="multiple",
                    ),
                ],
            },
            {
                "slug": "mapa-potrzeb-i-zasobow",
                "title": "Mapa potrzeb i zasobów",
                "minutes": 45,
                "intro": "Jak poznać społeczność: spacer, rozmowy i mapa.",
                "paragraphs": [
                    "<p>Mapa potrzeb i zasobów to prosty sposób, by zobaczyć społeczność "
                    "w całości. Zaznaczasz na niej nie tylko problemy, ale też to, co działa: "
                    "aktywne osoby, świetlice, parafie, kluby sportowe, koła gospodyń.</p>",
                    "<p>Najlepsze mapy powstają razem z mieszkańcami. Spacer po okolicy, "
                    "krótkie rozmowy w sklepie czy na przystanku i spotkanie przy dużej mapie "
                    "dają więcej niż ankieta rozesłana pocztą.</p>",
                ],
                "case": {
                    "title": "Mapa zrobiona na festynie",
                    "place": "gmina wiejska",
                    "story": "<p>Ośrodek rozłożył na festynie dużą mapę gminy i poprosił "
                    "mieszkańców o naklejanie kolorowych karteczek: zielonych przy miejscach, "
                    "które lubią, czerwonych przy problemach. W jedno popołudnie zebrano "
                    "ponad sto uwag.</p>",
                    "lesson": "Mieszkańcy chętnie dzielą się wiedzą, jeśli forma jest prosta.",
                },
                "image": (
                    "Mapa potrzeb",
                    "Schematyczna mapa z zielonymi i czerwonymi punktami",
                    "#1f6b2e",
                ),
                "quiz": [
                    q(
                        "Co zaznacza się na mapie potrzeb i zasobów?",
                        [
                            o("Tylko problemy społeczne", False, "Mapa pokazuje też zasoby."),
                            o("Zarówno problemy, jak i zasoby społeczności", True, "Tak."),
                        ],
                    ),
                    q(
                        "Która metoda najlepiej angażuje mieszkańców w tworzenie mapy?",
                        [
                            o("Wspólny spacer i spotkanie przy mapie", True, "Dokładnie."),
                            o(
                                "Ankieta wysłana pocztą bez spotkania",
                                False,
                                "Ankieta może pomóc, ale słabo angażuje.",
                            ),
                        ],
                    ),
                ],
            },
            {
                "slug": "grupy-i-wolontariat",
                "title": "Grupy samopomocowe i wolontariat",
                "minutes": 40,
                "intro": "Jak wspierać grupę od pierwszego spotkania do samodzielności.",
                "paragraphs": [
                    "<p>Grupa zaczyna się od wspólnej sprawy. Animator pomaga ją nazwać, "
                    "ustalić pierwszy mały cel i świętować jego osiągnięcie. Małe sukcesy "
                    "budują zaufanie, bez którego grupa się rozpada.</p>",
                    "<p>Wolontariat to sposób, by włączyć osoby, które chcą pomagać, ale nie "
                    "wiedzą jak. W programie Centrów Aktywności Lokalnej współpracowało ponad "
                    "5000 wolontariuszy — często sąsiadów osób, którym pomagali.</p>",
                ],
                "quote": ("Pomóżmy ludziom, żeby pomogli sami sobie.", "motto programu CAL"),
                "image": (
                    "Grupa w działaniu",
                    "Ilustracja: pięć postaci przy wspólnym stole",
                    "#b3401a",
                ),
                "quiz": [
                    q(
                        "Od czego zaczyna się grupa samopomocowa?",
                        [
                            o("Od wspólnej sprawy jej członków", True, "Tak."),
                            o(
                                "Od statutu i regulaminu",
                                False,
                                "Formalności mogą przyjść później.",
                            ),
                        ],
                    ),
                    q(
                        "Ilu wolontariuszy współpracowało z programem CAL?",
                        [
                            o("Około 50"),
                            o("Ponad 5000", True, "Zgadza się."),
                            o("Około 500", False, "Tyle było współpracujących organizacji."),
                        ],
                    ),
                ],
            },
        ],
    },
    {
        "slug": "organizator-sieci-spolecznych",
        "title": "Organizator sieci społecznych",
        "role": "organizator-sieci-spolecznych",
        "hours": 4,
        "pass_mark": 70,
        "summary": "Jak łączyć ludzi i instytucje w trwałe partnerstwa lokalne.",
        "description": "<p>Kurs o drugiej roli: o mapowaniu partnerów, budowaniu "
        "partnerstwa lokalnego i utrzymaniu współpracy organizacji pozarządowych, "
        "instytucji i mieszkańców.</p>",
        "outcomes": [
            "wskażesz potencjalnych partnerów w swojej gminie,",
            "przygotujesz pierwsze spotkanie partnerskie,",
            "zaplanujesz, jak podtrzymać współpracę po pierwszym projekcie.",
        ],
        "modules": [
            {
                "slug": "kto-jest-w-sieci",
                "title": "Kto jest w sieci",
                "minutes": 30,
                "intro": "Instytucje, organizacje i nieformalni liderzy — kogo zaprosić.",
                "paragraphs": [
                    "<p>W każdej gminie działa więcej podmiotów, niż widać z biura ośrodka: "
                    "szkoła, biblioteka, dom kultury, parafia, ochotnicza straż pożarna, "
                    "koło gospodyń wiejskich, klub seniora, lokalni przedsiębiorcy.</p>",
                    "<p>Organizator sieci zaczyna od listy i prostego pytania przy każdej "
                    "pozycji: czego ten partner potrzebuje i co może dać innym? Sieć trwa, "
                    "gdy każdy coś w niej zyskuje.</p>",
                ],
                "reflection": {
                    "prompt": "Wypisz pięć podmiotów z Twojej okolicy, z którymi ośrodek "
                    "jeszcze nie współpracuje.",
                    "hints": ["Kto ma salę?", "Kto zna mieszkańców najlepiej?"],
                },
                "image": ("Sieć partnerów", "Schemat sieci: punkty połączone liniami", "#0b5a4a"),
                "quiz": [
                    q(
                        "Jakie pytanie warto zadać o każdego partnera?",
                        [
                            o("Czego potrzebuje i co może dać innym?", True, "Tak."),
                            o("Ile ma pieniędzy?", False, "Pieniądze to nie jedyny zasób."),
                        ],
                    ),
                    q(
                        "Którzy partnerzy mogą należeć do lokalnej sieci? Zaznacz wszystkie.",
                        [
                            o("Szkoła", True),
                            o("Koło gospodyń wiejskich", True),
                            o("Lokalny przedsiębiorca", True),
                        ],
                        kind="multiple",
                    ),
                ],
            },
            {
                "slug": "partnerstwo-lokalne",
                "title": "Partnerstwo lokalne",
                "minutes": 40,
                "intro": "Od pierwszego spotkania do wspólnego planu działania.",
                "paragraphs": [
                    "<p>Partnerstwo to coś więcej niż jednorazowa pomoc. Partnerzy wspólnie "
                    "ustalają cel, dzielą się zadaniami i odpowiedzialnością. Pierwsze "
                    "spotkanie powinno dać każdemu szansę powiedzenia, co go łączy ze "
                    "wspólną sprawą.</p>",
                    "<p>Warto spisać krótkie porozumienie: kto, co i do kiedy. Nie musi być "
                    "formalne — ważne, by było jasne i dostępne dla wszystkich.</p>",
                ],
                "case": {
                    "title": "Partnerstwo na rzecz świetlicy",
                    "place": "gmina miejsko-wiejska",
                    "story": "<p>Ośrodek, szkoła i straż pożarna umówiły się, że remiza "
                    "będzie dwa razy w tygodniu świetlicą dla dzieci. Szkoła dała "
                    "nauczycielkę, strażacy salę, a ośrodek pozyskał wolontariuszy.</p>",
                    "lesson": "Każdy partner wnosi to, co ma, i dzięki temu całość działa.",
                },
                "image": ("Partnerstwo", "Ilustracja: trzy budynki połączone mostem", "#1f6b2e"),
                "quiz": [
                    q(
                        "Czym partnerstwo różni się od jednorazowej pomocy?",
                        [
                            o("Wspólnym celem i podziałem odpowiedzialności", True, "Tak."),
                            o(
                                "Niczym — to ta sama rzecz",
                                False,
                                "Partnerstwo zakłada trwałą współpracę.",
                            ),
                        ],
                    ),
                    q(
                        "Co powinno zawierać porozumienie partnerskie?",
                        [
                            o("Kto, co i do kiedy zrobi", True, "Dokładnie."),
                            o("Wyłącznie logotypy partnerów", False, "To za mało."),
                        ],
                    ),
                ],
            },
            {
                "slug": "fundraising-lokalny",
                "title": "Fundraising lokalny i wnioski",
                "minutes": 35,
                "intro": "Skąd brać środki na działania sieci.",
                "paragraphs": [
                    "<p>Fundraising lokalny zaczyna się od ludzi, nie od pieniędzy. "
                    "Przedsiębiorca chętniej wesprze działanie, które zna i w którym widzi "
                    "sąsiadów. Warto zapraszać darczyńców na wydarzenia i dziękować im "
                    "publicznie.</p>",
                    "<p>Wnioski grantowe pisze się łatwiej, gdy partnerstwo ma już za sobą "
                    "mały wspólny projekt. Rezultaty pierwszego działania są najlepszym "
                    "uzasadnieniem kolejnego.</p>",
                ],
                "image": (
                    "Fundraising",
                    "Ilustracja: skarbonka i dłonie wrzucające monety",
                    "#b3401a",
                ),
                "quiz": [
                    q(
                        "Od czego zaczyna się fundraising lokalny?",
                        [
                            o("Od relacji z ludźmi", True, "Tak."),
                            o("Od druku ulotek", False, "Ulotki bez relacji niewiele dają."),
                        ],
                    ),
                    q(
                        "Co najlepiej uzasadnia wniosek o kolejny grant?",
                        [
                            o("Rezultaty wcześniejszego wspólnego działania", True, "Zgadza się."),
                            o("Długi opis problemu bez działań", False, "Liczy się też dorobek."),
                        ],
                    ),
                ],
            },
        ],
    },
    {
        "slug": "lokalny-polityk-spoleczny",
        "title": "Lokalny polityk społeczny",
        "role": "lokalny-polityk-spoleczny",
        "hours": 5,
        "pass_mark": 70,
        "summary": "Jak współtworzyć lokalną politykę społeczną i plany z samorządem.",
        "description": "<p>Kurs o trzeciej roli: o diagnozie, planowaniu przez projekty, "
        "współpracy z samorządem i uwarunkowaniach wprowadzania OSL w ośrodku.</p>",
        "outcomes": [
            "połączysz wiedzę z pracy ze społecznością z dokumentami strategicznymi gminy,",
            "przygotujesz prosty plan działania w formie projektu,",
            "omówisz organizacyjne warunki wdrożenia OSL w ośrodku.",
        ],
        "modules": [
            {
                "slug": "od-diagnozy-do-strategii",
                "title": "Od diagnozy do strategii",
                "minutes": 40,
                "intro": "Jak wiedza z pracy w terenie trafia do dokumentów gminy.",
                "paragraphs": [
                    "<p>Gmina przyjmuje strategię rozwiązywania problemów społecznych. "
                    "Lokalny polityk społeczny dba, by opierała się ona na rzetelnej "
                    "diagnozie i głosie mieszkańców, a nie tylko na statystyce świadczeń.</p>",
                    "<p>Mapa potrzeb i zasobów, notatki ze spotkań i doświadczenia grup "
                    "samopomocowych są cennym materiałem dla radnych i urzędników. Trzeba je "
                    "tylko przedstawić w zrozumiałej formie.</p>",
                ],
                "image": (
                    "Diagnoza i strategia",
                    "Wykres słupkowy obok dokumentu strategii",
                    "#0b5a4a",
                ),
                "quiz": [
                    q(
                        "Na czym powinna opierać się lokalna strategia?",
                        [
                            o("Na diagnozie i głosie mieszkańców", True, "Tak."),
                            o(
                                "Tylko na liczbie wypłaconych zasiłków",
                                False,
                                "Statystyka świadczeń to za wąska podstawa.",
                            ),
                        ],
                    ),
                    q(
                        "Które materiały przydają się radnym? Zaznacz wszystkie.",
                        [
                            o("Mapa potrzeb i zasobów", True),
                            o("Wnioski ze spotkań z mieszkańcami", True),
                            o(
                                "Prywatne dane klientów ośrodka",
                                False,
                                "Danych osobowych nie przekazuje się w takich materiałach.",
                            ),
                        ],
                        kind="multiple",
                    ),
                ],
            },
            {
                "slug": "planowanie-przez-projekty",
                "title": "Planowanie i praca przez projekty",
                "minutes": 35,
                "intro": "Cel, działania, rezultaty — plan, który da się sprawdzić.",
                "paragraphs": [
                    "<p>Projekt to zaplanowane działanie z celem, terminem i budżetem. "
                    "Dobrze opisany cel jest konkretny: zamiast „zwiększyć aktywność” lepiej "
                    "napisać „założyć dwie grupy sąsiedzkie w ciągu roku”.</p>",
                    "<p>Plan powinien przewidywać sposób sprawdzenia rezultatów. Dzięki temu "
                    "samorząd widzi, że środki przyniosły zmianę, a ośrodek zyskuje argument "
                    "do dalszej pracy.</p>",
                ],
                "reflection": {
                    "prompt": "Przepisz jeden cel z planu pracy Twojego ośrodka tak, by dało "
                    "się sprawdzić, czy został osiągnięty.",
                    "hints": ["Kto?", "Ile?", "Do kiedy?"],
                },
                "image": ("Plan projektu", "Oś czasu z trzema kamieniami milowymi", "#1f6b2e"),
                "quiz": [
                    q(
                        "Który cel jest sformułowany najlepiej?",
                        [
                            o("Zwiększyć aktywność mieszkańców", False, "Za ogólny."),
                            o(
                                "Założyć dwie grupy sąsiedzkie w ciągu roku",
                                True,
                                "Konkretny i sprawdzalny.",
                            ),
                        ],
                    ),
                    q(
                        "Po co planować sposób sprawdzenia rezultatów?",
                        [
                            o("Aby pokazać zmianę i uzasadnić dalszą pracę", True, "Tak."),
                            o(
                                "To wymóg wyłącznie formalny",
                                False,
                                "To także narzędzie uczenia się.",
                            ),
                        ],
                    ),
                ],
            },
            {
                "slug": "osl-w-osrodku",
                "title": "OSL w ośrodku: organizacja i prawo",
                "minutes": 30,
                "intro": "Jakie warunki organizacyjne i prawne sprzyjają wdrożeniu modelu.",
                "paragraphs": [
                    "<p>Wprowadzenie OSL wymaga decyzji kierownictwa ośrodka: wydzielenia "
                    "czasu pracy na działania środowiskowe, wsparcia superwizji i zgody na "
                    "pracę poza biurem, także popołudniami.</p>",
                    "<p>Pracownik socjalny działa w ramach przepisów o pomocy społecznej, "
                    "które przewidują pracę socjalną ze społecznością lokalną. Warto "
                    "uwzględnić ją w regulaminie organizacyjnym ośrodka i w gminnej "
                    "strategii.</p>",
                ],
                "case": {
                    "title": "Zespół środowiskowy w MOPS",
                    "place": "miasto na prawach powiatu",
                    "story": "<p>Kierowniczka MOPS wydzieliła dwuosobowy zespół, który pół "
                    "etatu poświęca na pracę ze społecznością jednego osiedla. Po roku "
                    "zespół przedstawił radzie miasta wyniki i otrzymał środki na kolejne "
                    "osiedle.</p>",
                    "lesson": "Decyzja organizacyjna otwiera drogę do zmiany.",
                },
                "image": (
                    "Ośrodek i społeczność",
                    "Ilustracja: budynek ośrodka otoczony domami mieszkańców",
                    "#b3401a",
                ),
                "quiz": [
                    q(
                        "Co jest warunkiem wdrożenia OSL w ośrodku?",
                        [
                            o(
                                "Decyzja kierownictwa o czasie pracy na działania środowiskowe",
                                True,
                                "Tak.",
                            ),
                            o(
                                "Zakup nowego systemu informatycznego",
                                False,
                                "To nie jest warunek konieczny.",
                            ),
                        ],
                    ),
                    q(
                        "Gdzie warto zapisać pracę ze społecznością? Zaznacz wszystkie.",
                        [
                            o("W regulaminie organizacyjnym ośrodka", True),
                            o("W gminnej strategii rozwiązywania problemów społecznych", True),
                            o(
                                "Nigdzie — to praca nieformalna",
                                False,
                                "Zapisanie jej wzmacnia ciągłość działań.",
                            ),
                        ],
                        kind="multiple",
                    ),
                ],
            },
        ],
    },
]

COURSES = [INTRO_COURSE, *ROLE_COURSES]
