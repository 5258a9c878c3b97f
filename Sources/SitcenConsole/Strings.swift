import Foundation

/// Every string of the console's interface, in English and Russian. Feed text is never
/// translated: it is shown as it came.
public struct Strings: Sendable {
    public enum Language: String, Sendable, CaseIterable { case en, ru }
    public let language: Language

    public init(_ language: Language) { self.language = language }

    /// `--lang`, else from `LANG` (ru_* gives Russian), else English.
    public static func detect(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Strings {
        if let explicit, let l = Language(rawValue: explicit.lowercased()) { return Strings(l) }
        let lang = (environment["LC_ALL"] ?? environment["LC_MESSAGES"] ?? environment["LANG"] ?? "").lowercased()
        return Strings(lang.hasPrefix("ru") ? .ru : .en)
    }

    public func t(_ en: String, _ ru: String) -> String { language == .ru ? ru : en }

    // Views and panes
    var overview: String { t("Overview", "Обзор") }
    var reports: String { t("Reports", "Донесения") }
    var alerts: String { t("Alerts", "Тревоги") }
    var map: String { t("Map", "Карта") }
    var posts: String { t("Posts", "Посты") }
    var trends: String { t("Trends", "Тренды") }
    var silencesView: String { t("Silences", "Заглушки") }
    var qualityView: String { t("Quality", "Качество") }
    var details: String { t("Details", "Подробности") }
    var help: String { t("Keys", "Клавиши") }

    // Report columns
    var colObserved: String { t("OBSERVED", "ВРЕМЯ") }
    var colPost: String { t("POST", "ПОСТ") }
    var colType: String { t("TYPE", "ТИП") }
    var colSubstance: String { t("SUBSTANCE", "ВЕЩЕСТВО") }
    var colQuantity: String { t("QTY", "КОЛ-ВО") }
    var colPlace: String { t("PLACE", "МЕСТО") }
    var colSummary: String { t("SUMMARY", "СОДЕРЖАНИЕ") }
    var colName: String { t("NAME", "НАЗВАНИЕ") }
    var colSector: String { t("SECTOR", "СЕКТОР") }
    var colLastContact: String { t("LAST CONTACT", "ПОСЛ. СВЯЗЬ") }
    var colReports24h: String { t("24H", "24Ч") }
    var colState: String { t("STATE", "СОСТОЯНИЕ") }
    var colKind: String { t("KIND", "ВИД") }

    func typeName(_ raw: String) -> String {
        guard language == .ru else { return raw }
        switch raw {
        case "seizure": return "изъятие"
        case "incident": return "инцидент"
        case "sitrep": return "сводка"
        case "tip": return "сигнал"
        default: return raw
        }
    }

    // Post health
    var healthOK: String { t("ok", "норма") }
    var healthLate: String { t("late", "задержка") }
    var healthSilent: String { t("SILENT", "МОЛЧИТ") }
    var never: String { t("never", "никогда") }

    // Status bar
    var today: String { t("today", "сегодня") }
    var quarantine: String { t("quarantine", "карантин") }
    var silent: String { t("silent", "молчат") }
    var allSectors: String { t("all sectors", "все секторы") }
    var sector: String { t("sector", "сектор") }
    var roleDuty: String { t("duty", "дежурный") }
    var roleBLO: String { t("BLO", "ПППО") }
    var roleSupervisor: String { t("supervisor", "старший") }
    var live: String { t("live", "онлайн") }

    // Filters and prompts
    var filters: String { t("filters", "фильтры") }
    var noFilters: String { t("no filters", "без фильтров") }
    var clearHint: String { t("x clears", "x — сбросить") }
    var searching: String { t("searching…", "поиск…") }
    var noReports: String { t("No reports match.", "Нет донесений.") }
    var loading: String { t("Loading…", "Загрузка…") }
    var newAbove: String { t("new", "новых") }

    // Alerts (until the rule engine lands)
    var alertsNotLoaded: String {
        t("No alert rules are running in this console. Alerts appear here once a rule folder is given (--rules DIR).",
          "Правила тревог не загружены. Тревоги появятся здесь, когда задана папка правил (--rules DIR).")
    }
    var mapNotLoaded: String {
        t("The region map is not available: its basemap (SampleData/geo) was not found.",
          "Карта региона недоступна: не найдена подложка (SampleData/geo).")
    }

    var seizuresShown: String { t("seizures", "изъятий") }
    var postDetails: String { t("Post", "Пост") }

    // Details
    var detailSource: String { t("source", "источник") }
    var detailReceived: String { t("received", "получено") }
    var detailSeq: String { t("seq", "номер") }
    var detailSubstanceIs: String { t("substance is", "вещество") }
    var detailKg: String { t("kg-equivalent", "экв. кг") }
    var detailPost: String { t("post", "пост") }
    var detailUnknown: String { t("not on the substance list", "нет в списке веществ") }
    var detailCorrected: String { t("corrected (revision %d)", "исправлено (редакция %d)") }
    var detailWithdrawn: String { t("WITHDRAWN by the post", "ОТОЗВАНО постом") }
    var detailLate: String { t("late: observed %@ before it was sent", "с опозданием: %@ до отправки") }
    var detailExtra: String { t("extra fields", "доп. поля") }
    var nothingSelected: String { t("Nothing selected.", "Ничего не выбрано.") }

    // Trends
    var byCategory: String { t("Seizures by category", "Изъятия по категориям") }
    var byPost: String { t("Reports by post (top 10)", "Донесения по постам (первые 10)") }
    var topRoutes: String { t("Top routes, 90 days (seizures, kg-equivalent)", "Основные маршруты, 90 дней") }
    var market: String { t("Purity and price, 90 days (where posts report them)", "Чистота и цена, 90 дней") }
    var monthly: String { t("monthly", "по месяцам") }
    var kgLast7: String { t("Kilogram-equivalent seized, last 7 days", "Изъято, экв. кг, 7 дней") }
    var weekly: String { t("weekly", "по неделям") }
    var daily: String { t("daily", "по дням") }

    // Quitting
    var quitTitle: String { t("Quit sitcen?", "Выйти из sitcen?") }
    var quitMessage: String { t("The console will close. Feeds and the store keep running.", "Консоль закроется. Приём донесений продолжится.") }
    var yes: String { t("Quit", "Выйти") }
    var no: String { t("Stay", "Остаться") }
    var unknownCommand: String { t("unknown command", "неизвестная команда") }
    var bloCannotLeaveSector: String { t("a BLO officer sees their own sector only", "офицер ПППО видит только свой сектор") }
}
