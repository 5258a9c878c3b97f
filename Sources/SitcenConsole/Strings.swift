import Foundation

/// Every string of the console's interface, in English and Russian: the one catalogue. Views,
/// prompts and the key table take their text from here (`t` is private to this file, and a test
/// checks that every entry has both languages). Feed text is never translated: it is shown as
/// it came.
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

    private func t(_ en: String, _ ru: String) -> String { language == .ru ? ru : en }

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

extension Strings {
    // MARK: The views, prompts and the key table (A–Z)

    func mayNot(role: String, _ permission: String) -> String {
        t("a \(role) officer may not \(permission) alerts", "роль \(role) не может выполнить: \(permission)")
    }
    func otherSectors(_ alerts: String) -> String {
        t("alert \(alerts) also holds reports of other sectors: the duty officer acts on it",
          "тревога \(alerts) содержит донесения других секторов: решает дежурный")
    }
    var detailCategory: String { t("category", "категория") }
    var detailRoute: String { t("route", "маршрут") }
    var detailCountry: String { t("country", "страна") }
    var detailKind: String { t("kind", "вид") }
    var detailPosition: String { t("position", "координаты") }
    var detailCity: String { t("city", "город") }

    var ackTTakeAssign: String { t("a ack · t take · A assign · n note · r resolve · s silence · m map · Esc back", "a подтв. · t взять · A назначить · n заметка · r закрыть · s заглушить · m карта · Esc назад") }
    var acked: String { t("acked", "принята") }
    var acknowledge: String { t("acknowledge", "подтвердить") }
    var acknowledgeAlertMarkedOnes: String { t("Acknowledge the alert (or the marked ones)", "Подтвердить тревогу (или отмеченные)") }
    var active: String { t("active", "действует") }
    var addNoteAsksText: String { t("Add a note (asks for the text)", "Добавить заметку") }
    var alert: String { t("Alert", "Тревога") }
    var alertWord: String { t("alert", "тревога") }
    var byAlert: String { t("by alert", "тревогой") }
    var alertQueue: String { t("Alert queue", "Очередь тревог") }
    var answerBelowEscCancels: String { t("answer below · Esc cancels", "ответьте ниже · Esc отмена") }
    var assign: String { t("assign to: ", "назначить: ") }
    var assignAsksName: String { t("Assign to… (asks for a name)", "Назначить… (спросит имя)") }
    var at: String { t("at", "в") }
    var backClosePromptOverlay: String { t("Back; close a prompt or overlay", "Назад; закрыть подсказку") }
    var by: String { t("by", "—") }
    var centreCrosshairSomethingPress: String { t("Centre the crosshair on something and press Enter.", "Наведите перекрестие и нажмите Enter.") }
    var clearEveryFilter: String { t("Clear every filter", "Сбросить все фильтры") }
    var commandTabCompletesSince: String { t("Command (Tab completes): :since 24h, :post, :sector, :substance, :category, :type, :clear, :silences, :theme, :lang, :handover, :help", "Команда (Tab дополняет): :since 24h, :post, :sector, :substance, :category, :type, :clear, :silences, :theme, :lang, :handover, :help") }
    var complete: String { t("complete", "полнота") }
    var console: String { t("Console", "Консоль") }
    var count: String { t("count", "число") }
    var critical: String { t("CRITICAL", "КРИТИЧЕСКАЯ") }
    var dataQualityWhichPosts: String { t("Data quality: which posts report fully and on time", "Качество данных: кто сообщает полно и вовремя") }
    var day: String { t("BY DAY", "ПО ДНЯМ") }
    var byDayLower: String { t("by day", "по дням") }
    var days: String { t("days", "дн.") }
    var delayP50P90: String { t("delay p50/p90", "задержка p50/p90") }
    var destination: String { t("destination", "куда") }
    var downOneRow: String { t("Down one row", "Строка вниз") }
    var durationSuch2hMost: String { t("a duration such as 2h, at most 90d: ", "срок, например 2h, не больше 90d: ") }
    var endSelectedSilenceNow: String { t("End the selected silence now (supervisor, or its author)", "Снять выбранную заглушку (руководитель или автор)") }
    var endSilence: String { t("End silence?", "Снять заглушку?") }
    var endsOne: String { t("e ends one", "e снять") }
    var escalatedFrom: String { t("escalated from", "повышена с") }
    var escalatesIfNotAcknowledged: String { t("escalates if not acknowledged within", "повышается без подтверждения через") }
    var filterSearch: String { t("Filter and search", "Фильтр и поиск") }
    var filterTextKhorgosHelp: String { t("Filter by text (хоргос = Khorgos); in help and the handover, search (n, N)", "Фильтр по тексту (хоргос = Khorgos); в справке и сводке — поиск (n, N)") }
    var firing: String { t("firing", "активных") }
    var firingState: String { t("FIRING", "АКТИВНА") }
    var first: String { t("first", "впервые") }
    var follow: String { t("follow", "слежение") }
    var full: String { t("FULL", "ПОЛН.") }
    var grace: String { t("grace", "допуск") }
    var handoverSitrepEscCloses: String { t("Handover — SITREP (Esc closes, j/k scroll, / search; `sitcen sitrep` prints it)", "Передача смены — СВОДКА (Esc закрыть, / поиск)") }
    var history: String { t("history", "история") }
    var holdFollows: String { t("hold · g follows", "стоп · g — следить") }
    var jKSpaceOff: String { t("j/k · Space on/off · w whole rule · Enter: how long, why · Esc", "j/k · Пробел вкл/выкл · w всё правило · Enter: срок, причина · Esc") }
    var labels: String { t("labels", "метки") }
    var last: String { t("last", "последний") }
    var late: String { t("late", "поздно") }
    var lateStreak: String { t("late streak", "опоздания подряд") }
    var linkDown: String { t("LINK DOWN", "НЕТ СВЯЗИ") }
    var markBulkAction: String { t("Mark for a bulk action", "Отметить для общего действия") }
    var matches: String { t("MATCHES", "УСЛОВИЯ") }
    var missing: String { t("missing", "нет") }
    var more: String { t("more", "ещё") }
    var moving: String { t("Moving", "Перемещение") }
    var muted: String { t("muted", "приглушена") }
    var mutedShort: String { t("muted", "приглуш.") }
    var mutedBy: String { t("muted by", "приглушена") }
    var newestTopFollowNew: String { t("Newest (top), and follow new rows", "К новым (вверх) и следить за новыми") }
    var nextPane: String { t("Next pane", "Следующая панель") }
    var nextWeek80Band: String { t("next week, 80 % band", "след. неделя, 80 %") }
    var noAlertSelected: String { t("no alert selected", "тревога не выбрана") }
    var noCriticalAlertWaiting: String { t("no critical alert is waiting", "критических тревог нет") }
    var noOpenAlerts: String { t("No open alerts.", "Открытых тревог нет.") }
    var noPos: String { t("NO POS", "БЕЗ КООРД.") }
    var noPostsScope: String { t("No posts in scope.", "Нет постов.") }
    var noSilencesForce: String { t("No silences in force.", "Действующих заглушек нет.") }
    var notFiltered: String { t("not filtered by ", "без фильтра: ") }
    var note: String { t("note: ", "заметка: ") }
    var notes: String { t("notes", "заметки") }
    var odd: String { t("ODD", "ВЫБР.") }
    var of: String { t("of", "из") }
    var official: String { t("OFFICIAL", "ОФИЦ.") }
    var oldestLoadedBottom: String { t("Oldest loaded (bottom)", "К концу (старые)") }
    var onlySupervisorEndsAnother: String { t("only a supervisor ends another officer's silence", "чужую заглушку снимает только руководитель") }
    var openAlertRedBanner: String { t("Open the alert the red banner shows (then a acknowledges it)", "Открыть тревогу из красной строки (затем a подтверждает)") }
    var openAlertsCoversNow: String { t("open alerts it covers now: ", "открытых тревог сейчас: ") }
    var openSelectedItemAlert: String { t("Open the selected item (an alert: full screen, with its triage keys)", "Открыть выбранное (тревогу: на весь экран)") }
    var origin: String { t("origin", "откуда") }
    var outlierSeizuresModifiedZ: String { t("outlier seizures (modified z-score over 3.5 for the substance)", "выбросы (модифицированная z-оценка выше 3.5)") }
    var overviewEveryPane: String { t("Overview: every pane", "Обзор: все панели") }
    var pageDown: String { t("Page down", "Страница вниз") }
    var pageUp: String { t("Page up", "Страница вверх") }
    var pending: String { t("pending", "ожидает") }
    var periodsFrom: String { t("periods from", "периодов с") }
    var periodsReported: String { t("periods reported", "периодов") }
    var position: String { t("position", "координат") }
    var postsBoardLastContact: String { t("Posts board: last contact, silent posts", "Посты: последняя связь, молчащие") }
    var previousPane: String { t("Previous pane", "Предыдущая панель") }
    var quit: String { t("Quit", "Выход") }
    var quitAfterAsking: String { t("Quit, after asking", "Выход с подтверждением") }
    var reconnecting: String { t("reconnecting", "переподключение") }
    var regionMap: String { t("Region map", "Карта региона") }
    var reportsEvery: String { t("reports every", "сообщает раз в") }
    var reportsFullScreen: String { t("Reports, full screen", "Донесения на весь экран") }
    var resolveNeedsReasonT: String { t("a resolve needs a reason: t, f, d, e or o", "нужна причина: t, f, d, e или o") }
    var resolveTRuePositive: String { t("resolve as [t]rue-positive [f]alse-positive [d]uplicate [e]xpected [o]ther: ", "закрыть как [t] подтв. [f] ложная [d] дубль [e] ожидаемая [o] другое: ") }
    var resolveTTruePositive: String { t("Resolve: t true-positive, f false-positive, d duplicate, e expected, o other", "Закрыть: t подтв., f ложная, d дубль, e ожидаемая, o другое") }
    var resolved: String { t("resolved", "закрыта") }
    var rule: String { t("rule", "правило") }
    var colRule: String { t("RULE", "ПРАВИЛО") }
    var sayFor: String { t("for: ", "срок: ") }
    var sayHelp: String { t("This help", "Эта справка") }
    var sayNew: String { t("NEW", "НОВ.") }
    var sayNone: String { t("none", "нет") }
    var sayReports: String { t("reports", "донесения") }
    var saySilent: String { t("SILENT", "МОЛЧАТ") }
    var search: String { t("search", "поиск") }
    var sectors: String { t("sectors: ", "секторы: ") }
    var seizuresWithout: String { t("seizures without", "изъятия без") }
    var sev: String { t("SEV", "УР.") }
    var severity: String { t("severity", "уровень") }
    var showAlertSReports: String { t("Show the alert's reports on the map, fitted", "Показать донесения тревоги на карте") }
    var showingCachedData: String { t("showing cached data", "показаны сохранённые данные") }
    var showingCachedDataAsk: String { t("showing cached data; ask the centre for a new token", "показаны сохранённые данные; запросите новый токен") }
    var silence: String { t("Silence", "Заглушка") }
    var silenceAlertsLikeOne: String { t("Silence alerts like this one: shows the matchers, then asks how long and why", "Заглушить похожие: покажет условия, спросит срок и причину") }
    var silenceAlertsMatchEvery: String { t("Silence alerts that match every line ticked:", "Заглушить тревоги, подходящие под все отмеченные условия:") }
    var silenceHowLong2h: String { t("silence for how long (e.g. 2h, 1d): ", "заглушить на срок (напр. 2h, 1d): ") }
    var silenceNeedsReasonWhy: String { t("a silence needs a reason — why: ", "нужна причина заглушки — почему: ") }
    var silenced: String { t("silenced", "заглушена") }
    var silencesForceWhoWhy: String { t("Silences in force: who, why, until when", "Действующие заглушки: кто, зачем, до какого времени") }
    var silentSince: String { t("SILENT SINCE", "МОЛЧИТ С") }
    var silentSinceLower: String { t("silent since", "молчит с") }
    var since: String { t("since", "с") }
    var sources: String { t("sources", "источники") }
    var takeAssignMe: String { t("Take: assign to me", "Взять: назначить на себя") }
    var taken: String { t("taken by", "взял") }
    var time: String { t("on time", "вовремя") }
    var colOnTime: String { t("ON TIME", "ВОВРЕМЯ") }
    var tokenRefusedCentre: String { t("TOKEN REFUSED by the centre", "ТОКЕН ОТКЛОНЁН центром") }
    var transport: String { t("transport", "транспорта") }
    var trendsCategoryPost: String { t("Trends by category and post", "Тренды по категориям и постам") }
    var trendsDaysWeeksMonths: String { t("Trends: days, weeks or months", "Тренды: дни, недели или месяцы") }
    var triage: String { t("Triage", "Разбор тревог") }
    var until: String { t("UNTIL", "ДО") }
    var upOneRow: String { t("Up one row", "Строка вверх") }
    var views: String { t("Views", "Виды") }
    var what: String { t("what", "что") }
    var colWhat: String { t("WHAT", "ЧТО") }
    var who: String { t("WHO", "КТО") }
    var wholeRule: String { t(" (the whole rule)", " (всё правило)") }
    var why: String { t("WHY", "ПРИЧИНА") }
    var whyFired: String { t("why it fired", "почему") }
    var whyRequiredGoesAudit: String { t("why (required, goes to the audit trail): ", "причина (обязательно, в журнал аудита): ") }
    var willMatch: String { t("will match: ", "совпадут: ") }
    var yourSectorOthersWithheld: String { t("(of your sector; others withheld)", "(вашего сектора; остальные скрыты)") }
}
