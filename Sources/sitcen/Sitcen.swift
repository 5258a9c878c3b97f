import ArgumentParser

@main
struct Sitcen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitcen",
        abstract: "A terminal situation-centre console for border services.",
        discussion: """
        Posts report seizures, incidents, tips and situation reports; sitcen stores them in a \
        local SQLite log, quarantines what it cannot accept, and shows it all on a duty console.
        """,
        version: SitcenVersion.string,
        subcommands: [
            ConsoleCLI.self,
            IngestCommand.self,
            ReportsCommand.self,
            SitrepCommand.self,
            ReportAliasCommand.self,
            QuarantineCommand.self,
            PostsCommand.self,
            BackupCommand.self,
            DemoDataCommand.self,
            DemoDataAliasCommand.self,
            DemoCommand.self,
            UIGalleryCommand.self,
            ServeCommand.self,
            KeysCommand.self,
            PostCommand.self,
            PostAliasCommand.self,
            RulesCommand.self,
            AlertsCommand.self,
            SilenceCommand.self,
            AuditCommand.self,
            ExportCommand.self,
            StatsCommand.self,
            QualityCommand.self,
            ForecastCommand.self,
        ],
        // `sitcen` alone opens the console on the default store.
        defaultSubcommand: ConsoleCLI.self
    )
}

enum SitcenVersion {
    static let string = "0.1.0"
}
