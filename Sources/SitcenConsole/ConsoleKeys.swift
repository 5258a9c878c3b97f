import SitcenMap
import TermUI

/// What a key does in the console.
public enum ConsoleAction: Hashable, Sendable {
    case view(ConsoleView)
    case nextPane, previousPane
    case down, up, pageDown, pageUp, top, bottom
    case drillIn, back
    case filter, command, clearFilters
    case help, quit, interrupt
    case toggleWeekly
    case map(MapAction)
    case ack, take, assign, note, resolve, silence, mark, showOnMap
    /// Opens the alert the critical banner shows, from any view.
    case jumpToBanner
    /// Ends the selected silence (view 7).
    case expireSilence
}

/// The console's one key table: it drives the keys, the help overlay (`?`) and Docs/keys.md.
public enum ConsoleKeys {
    public static func table(_ s: Strings) -> KeyTable<ConsoleAction> {
        let nav = s.t("Moving", "Перемещение")
        let views = s.t("Views", "Виды")
        let find = s.t("Filter and search", "Фильтр и поиск")
        let app = s.t("Console", "Консоль")
        let triage = s.t("Triage", "Разбор тревог")
        return KeyTable([
            KeyBinding([.char("1")], .view(.overview), s.t("Overview: every pane", "Обзор: все панели"), group: views),
            KeyBinding([.char("2")], .view(.reports), s.t("Reports, full screen", "Донесения на весь экран"), group: views),
            KeyBinding([.char("3")], .view(.alerts), s.t("Alert queue", "Очередь тревог"), group: views),
            KeyBinding([.char("4")], .view(.map), s.t("Region map", "Карта региона"), group: views),
            KeyBinding([.char("5")], .view(.posts), s.t("Posts board: last contact, silent posts", "Посты: последняя связь, молчащие"), group: views),
            KeyBinding([.char("6")], .view(.trends), s.t("Trends by category and post", "Тренды по категориям и постам"), group: views),
            KeyBinding([.char("7")], .view(.silences), s.t("Silences in force: who, why, until when", "Действующие заглушки: кто, зачем, до какого времени"), group: views),
            KeyBinding([.char("8")], .view(.quality), s.t("Data quality: which posts report fully and on time", "Качество данных: кто сообщает полно и вовремя"), group: views),
            KeyBinding([.char("!")], .jumpToBanner, s.t("Open the alert the red banner shows (then a acknowledges it)", "Открыть тревогу из красной строки (затем a подтверждает)"), group: views),
            KeyBinding([.tab], .nextPane, s.t("Next pane", "Следующая панель"), group: nav),
            KeyBinding([.backTab], .previousPane, s.t("Previous pane", "Предыдущая панель"), group: nav),
            KeyBinding([.char("j"), .down], .down, s.t("Down one row", "Строка вниз"), group: nav),
            KeyBinding([.char("k"), .up], .up, s.t("Up one row", "Строка вверх"), group: nav),
            KeyBinding([.pageDown, .ctrl("f")], .pageDown, s.t("Page down", "Страница вниз"), group: nav),
            KeyBinding([.pageUp, .ctrl("b")], .pageUp, s.t("Page up", "Страница вверх"), group: nav),
            KeyBinding([.char("g"), .home], .top, s.t("Newest (top), and follow new rows", "К новым (вверх) и следить за новыми"), group: nav),
            KeyBinding([.char("G"), .end], .bottom, s.t("Oldest loaded (bottom)", "К концу (старые)"), group: nav),
            KeyBinding([.enter], .drillIn, s.t("Open the selected item (an alert: full screen, with its triage keys)", "Открыть выбранное (тревогу: на весь экран)"), group: nav),
            KeyBinding([.escape], .back, s.t("Back; close a prompt or overlay", "Назад; закрыть подсказку"), group: nav),
            KeyBinding([.char("/")], .filter, s.t("Filter by text (хоргос = Khorgos); in help and the handover, search (n, N)", "Фильтр по тексту (хоргос = Khorgos); в справке и сводке — поиск (n, N)"), group: find),
            KeyBinding([.char(":")], .command, s.t("Command (Tab completes): :since 24h, :post, :sector, :substance, :category, :type, :clear, :silences, :theme, :lang, :handover, :help", "Команда (Tab дополняет): :since 24h, :post, :sector, :substance, :category, :type, :clear, :silences, :theme, :lang, :handover, :help"), group: find),
            KeyBinding([.char("x")], .clearFilters, s.t("Clear every filter", "Сбросить все фильтры"), group: find),
            KeyBinding([.char("w")], .toggleWeekly, s.t("Trends: days, weeks or months", "Тренды: дни, недели или месяцы"), group: views, context: "trends"),
            KeyBinding([.char("?"), .function(1)], .help, s.t("This help", "Эта справка"), group: app),
            KeyBinding([.char("q")], .quit, s.t("Quit", "Выход"), group: app),
            KeyBinding([.ctrl("c")], .interrupt, s.t("Quit, after asking", "Выход с подтверждением"), group: app),
            // Triage, in the alert queue (3, or the Alerts pane of the overview).
            KeyBinding([.char("a")], .ack, s.t("Acknowledge the alert (or the marked ones)", "Подтвердить тревогу (или отмеченные)"), group: triage, context: "alerts"),
            KeyBinding([.char("t")], .take, s.t("Take: assign to me", "Взять: назначить на себя"), group: triage, context: "alerts"),
            KeyBinding([.char("A")], .assign, s.t("Assign to… (asks for a name)", "Назначить… (спросит имя)"), group: triage, context: "alerts"),
            KeyBinding([.char("n")], .note, s.t("Add a note (asks for the text)", "Добавить заметку"), group: triage, context: "alerts"),
            KeyBinding([.char("r")], .resolve, s.t("Resolve: t true-positive, f false-positive, d duplicate, e expected, o other", "Закрыть: t подтв., f ложная, d дубль, e ожидаемая, o другое"), group: triage, context: "alerts"),
            KeyBinding([.char("s")], .silence, s.t("Silence alerts like this one: shows the matchers, then asks how long and why", "Заглушить похожие: покажет условия, спросит срок и причину"), group: triage, context: "alerts"),
            KeyBinding([.char(" ")], .mark, s.t("Mark for a bulk action", "Отметить для общего действия"), group: triage, context: "alerts"),
            KeyBinding([.char("m")], .showOnMap, s.t("Show the alert's reports on the map, fitted", "Показать донесения тревоги на карте"), group: triage, context: "alerts"),
            KeyBinding([.char("e")], .expireSilence, s.t("End the selected silence now (supervisor, or its author)", "Снять выбранную заглушку (руководитель или автор)"), group: triage, context: "silences"),
        ] + MapKeys.bindings.map { b in
            // The map's own keys, when the map has the focus.
            KeyBinding(b.keys, .map(b.action), b.description, group: b.group, context: b.context)
        }, secondLayout: true)
    }
}
