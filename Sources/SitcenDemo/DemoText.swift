import SitcenDomain

/// Words and names the demo reports are written with: Russian and English, with Kazakh, Uzbek
/// and Tajik place names in their own spelling.
enum DemoText {
    /// Place names near the posts, by sector, then by country.
    static let places: [String: [String]] = [
        "KZ-EAST": ["Жаркент", "Қорғас", "Панфиловский р-н", "Zharkent", "Достык", "Ушарал", "Зайсан"],
        "KZ-SOUTH": ["Кордай", "Шуская долина", "Шу", "Сарыағаш", "Шымкент", "Saryagash", "Shu valley"],
        "KZ-WEST": ["Бейнеу", "Мангистауская обл.", "Жаңаөзен", "Актау", "Aktau"],
        "KG-NORTH": ["Чуйская долина", "Токмок", "Кара-Балта", "Chuy valley", "Ысык-Ата"],
        "KG-NARYN": ["Нарын", "Ат-Башы", "At-Bashy"],
        "KG-SOUTH": ["Ош", "Кара-Суу", "Баткен", "Кызыл-Кия", "Nookat district", "Сары-Таш"],
        "TJ-SOUTH": ["берег р. Пяндж", "Пяндж", "Шаартуз", "Хамадони", "Қубодиён", "Ҷайҳун", "Panj river bank", "Бохтар"],
        "TJ-GBAO": ["Дарваз", "Калаи-Хумб", "Ишкашим", "Мургаб", "Vanj", "Darvoz district", "Хорог", "Рушан"],
        "TJ-NORTH": ["Худжанд", "Khujand", "Истаравшан", "Бободжон Гафуров"],
        "UZ-SOUTH": ["Термез", "Termiz", "Шерабад", "Сурхандарьинская обл.", "берег Амударьи", "Amu Darya bank"],
        "UZ-WEST": ["Olot tumani", "Qorako‘l", "Хорезм", "Нукус", "Buxoro viloyati"],
        "TM-SOUTH": ["Серхетабат", "Тагтабазар", "Mary welaýaty", "Сарахс", "Ahal welaýaty"],
        "TM-EAST": ["Türkmenabat", "Фарап", "Lebap welaýaty", "Керки"],
        "TM-WEST": ["Türkmenbaşy", "Balkan welaýaty"],
        "KZ": ["Алматинская обл.", "Туркестанская обл."], "KG": ["Чуйская обл."], "TJ": ["Хатлонская обл."],
        "UZ": ["Qashqadaryo viloyati"], "TM": ["Mary welaýaty"],
    ]

    static func place(near post: Post, _ r: inout DemoRandom, russian: Bool) -> String {
        let local = places[post.sector] ?? places[post.country] ?? []
        let name = local.isEmpty || r.chance(0.3) ? post.name(russian: russian) : r.pick(local)
        switch r.int(0...5) {
        case 0: return russian ? "район н. п. \(name)" : "near \(name)"
        case 1: return russian ? "КПП «\(post.nameRu)», грузовой терминал" : "\(post.nameEn) BCP, cargo terminal"
        case 2: return russian ? "\(name), \(r.int(2...40)) км от КПП" : "\(name), \(r.int(2...40)) km from the BCP"
        default: return name
        }
    }

    /// Conveyances by transport mode: (Russian, English).
    static let conveyances: [Transport: [(String, String)]] = [
        .road: [("грузовик", "truck"), ("фура", "lorry"), ("грузовой автомобиль КАМАЗ", "KAMAZ truck"),
                ("легковой автомобиль", "car"), ("Daewoo Nexia", "Daewoo Nexia"), ("Chevrolet Cobalt", "Chevrolet Cobalt"),
                ("Toyota Camry", "Toyota Camry"), ("ВАЗ-2107", "Lada 2107"), ("автобус", "bus"), ("микроавтобус", "minibus")],
        .rail: [("вагон", "train car"), ("грузовой вагон", "freight wagon"), ("пассажирский поезд", "passenger train")],
        .postal: [("посылка", "parcel"), ("почтовое отправление EMS", "EMS parcel"), ("бандероль", "small packet")],
        .pedestrian: [("пешком", "on foot")],
        .river: [("надувная лодка", "rubber boat"), ("автомобильная камера", "inflated tyre tube")],
        .packAnimal: [("ишак", "donkey"), ("лошадь", "horse")],
        .sea: [("паром", "ferry"), ("сухогруз", "cargo vessel")],
    ]

    /// Concealment methods by conveyance class: (Russian, English).
    static let concealments: [String: [(String, String)]] = [
        "cargo": [("в запасном колесе", "hidden in a spare tyre"), ("в двойном дне топливного бака", "in a false bottom of the fuel tank"),
                  ("в партии сухофруктов", "in a shipment of dried fruit"), ("среди груза репчатого лука", "among a cargo of onions"),
                  ("в тайнике в полу полуприцепа", "in a cache in the trailer floor"), ("в ящиках с гранатами", "in crates of pomegranates"),
                  ("в мешках с хлопком", "in bales of cotton")],
        "car": [("в запасном колесе", "hidden in a spare tyre"), ("в двойном дне топливного бака", "in a false bottom of the fuel tank"),
                ("в обшивке дверей", "inside the door panels"), ("под задним сиденьем", "under the rear seat"), ("в бампере", "in the bumper")],
        "body": [("на теле", "body-carried"), ("в нижнем белье", "in underwear"), ("внутриполостно, в капсулах", "swallowed, in capsules"),
                 ("в ручной клади", "in hand luggage"), ("в подошвах обуви", "in shoe soles")],
        "rail": [("под полом вагона", "under the wagon floor"), ("в вагоне с хлопком", "in a wagon of cotton"),
                 ("в вентиляции пассажирского вагона", "in the ventilation duct of a passenger car"), ("среди груза цемента", "among a cement cargo")],
        "parcel": [("в посылке", "in a parcel"), ("в посылке с детскими игрушками", "in a parcel of children's toys"),
                   ("в посылке, задекларированной как чай", "in a parcel declared as tea"), ("в банках из-под косметики", "inside cosmetics jars"),
                   ("в упаковке БАДов", "in food supplement packaging")],
        "river": [("в мешках, переправленных через реку", "in sacks ferried across the river"), ("во вьюках", "in packs on the animal"),
                  ("в рюкзаках", "in backpacks"), ("в тайнике на берегу", "in a cache on the river bank")],
        "precursor": [("в бочках под видом растворителя", "in drums labelled as solvent"), ("в канистрах, задекларированных как краска", "in jerrycans declared as paint"),
                      ("в автоцистерне", "in a tanker declared as industrial solvent")],
        "sea": [("в контейнере с бытовой химией", "in a container of household chemicals"), ("в машинном отделении", "in the engine room")],
    ]

    /// Road conveyances by size: the first three are trucks, the last two buses.
    static let truckCount = 3
    static let busCount = 2

    /// Crossings with a railway (codes of the sample registry).
    static let railCrossings: Set<String> = ["KZ-DOS", "KZ-KHR", "KZ-ZHZ", "UZ-AYR", "TM-SRH", "TM-FRP", "TM-SRK", "UZ-ALT"]
    /// High passes that close in bad weather.
    static let passes: Set<String> = ["KG-TOR", "KG-IRK", "TJ-KUL", "KG-BDB"]

    static let latin = "ABCDEHKLMNPRSTUXYZ"
    static let cyrillic = "АВЕКМНОРСТУХ"

    /// A registration plate in the format of `country`.
    static func plate(_ country: String, _ r: inout DemoRandom) -> String {
        switch country {
        case "KZ": return r.digits(3) + r.chars(latin, 3) + r.pick(["01", "02", "05", "13", "17", "03"])
        case "KG": return r.pick(["01", "02", "03", "04", "05", "06", "07", "08"]) + "KG" + r.digits(3) + r.chars(latin, 3)
        case "TJ": return r.digits(4) + r.chars(latin, 2) + r.pick(["01", "02", "03", "04", "05"])
        case "UZ": return r.pick(["01", "10", "20", "25", "30", "40", "50", "60", "70", "75", "80", "90"]) + r.chars(latin, 1) + r.digits(3) + r.chars(latin, 2)
        case "TM": return r.chars(latin, 2) + " " + r.digits(4) + " " + r.pick(["AG", "AH", "BN", "DZ", "LB", "MR"])
        case "RU": return r.chars(cyrillic, 1) + r.digits(3) + r.chars(cyrillic, 2) + r.pick(["77", "199", "54", "74", "102", "55"])
        case "AF": return r.chance(0.7) ? "KBL-" + r.digits(5) : "کابل " + r.chars("۰۱۲۳۴۵۶۷۸۹", 5)
        case "CN": return r.pick(["新A", "新F", "新D"]) + "·" + r.digits(5)
        default: return country + " " + r.digits(4)
        }
    }

    /// An incident kind: Russian and English summary, favoured region, severities.
    struct IncidentKind: Sendable {
        var ru: String
        var en: String
        var region: Region
        var weight: Double
        var severities: [(Severity, Double)]
    }

    static let incidents: [IncidentKind] = [
        IncidentKind(ru: "Попытка контрабанды вне пункта пропуска; нарушители скрылись на сопредельную сторону.",
                     en: "Smuggling attempt outside the crossing point; the offenders withdrew across the border.",
                     region: .any, weight: 30, severities: [(.low, 0.4), (.medium, 0.5), (.high, 0.1)]),
        IncidentKind(ru: "Задержан нарушитель государственной границы, пересёк реку на автомобильной камере.",
                     en: "Border violator detained after crossing the river on an inflated tyre tube.",
                     region: .afghanFront, weight: 22, severities: [(.low, 0.3), (.medium, 0.6), (.high, 0.1)]),
        IncidentKind(ru: "Боестолкновение с группой вооружённых контрабандистов, перестрелка около 15 минут; потерь среди личного состава нет.",
                     en: "Armed contact with a group of armed smugglers, exchange of fire for about 15 minutes; no casualties among personnel.",
                     region: .afghanFront, weight: 5, severities: [(.high, 0.6), (.critical, 0.4)]),
        IncidentKind(ru: "Выявлен подложный паспорт при въезде; владелец задержан.",
                     en: "Forged passport detected on entry; the holder was detained.",
                     region: .any, weight: 25, severities: [(.low, 0.6), (.medium, 0.4)]),
        IncidentKind(ru: "Над участком заставы замечен неопознанный БПЛА.",
                     en: "Unidentified drone seen over the outpost's sector.",
                     region: .afghanFront, weight: 6, severities: [(.medium, 0.7), (.high, 0.3)]),
        IncidentKind(ru: "Изъяты контрабандные сигареты, около 500 блоков.",
                     en: "Contraband cigarettes seized, about 500 cartons.",
                     region: .any, weight: 8, severities: [(.info, 0.3), (.low, 0.7)]),
        IncidentKind(ru: "Выявлена подделка таможенных документов на груз.",
                     en: "Forged customs documents for a cargo detected.",
                     region: .chinaBorder, weight: 6, severities: [(.low, 0.5), (.medium, 0.5)]),
    ]

    /// Sitrep texts (Russian, English) with `{v}` vehicles, `{p}` persons, `{q}` queue hours.
    static let sitreps: [(String, String)] = [
        ("Обстановка стабильная. Пропущено {v} ТС и {p} чел.; очередь грузовых ТС — {q} ч.",
         "Situation stable. {v} vehicles and {p} persons processed; truck queue {q} h."),
        ("Обстановка спокойная, нарушений не выявлено. Оформлено {v} ТС.",
         "Quiet. No violations. {v} vehicles cleared."),
        ("Смена приняла участок. Пропущено {p} чел., {v} ТС.", "Shift change completed. {p} persons, {v} vehicles processed."),
        ("Без происшествий.", "Nothing to report."),
    ]
}
