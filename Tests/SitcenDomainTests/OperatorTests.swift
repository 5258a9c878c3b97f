import Testing
@testable import SitcenDomain

/// The one model of roles and scopes (Docs/http.md, "Operators read and act").
@Suite struct OperatorTests {
    @Test func scopes() {
        #expect(Operator(name: "d", role: .duty).scope == .everything)
        #expect(Operator(name: "s", role: .supervisor).scope == .everything)
        #expect(Operator(name: "a", role: .blo, sector: "KZ-EAST").scope == .sector("KZ-EAST"))
        // Only a blo has a sector.
        #expect(Operator(name: "d", role: .duty, sector: "KZ-EAST").scope == .everything)
        #expect(Operator(name: "d", role: .duty, sector: "KZ-EAST").sector == nil)
    }

    /// Finding 12: a BLO officer without a sector meant "everything" in the console and "nothing"
    /// in the alert service. It is nothing, everywhere: the model fails closed.
    @Test(arguments: [nil, ""] as [String?])
    func aBLOWithoutASectorSeesNothing(_ sector: String?) {
        let op = Operator(name: "a", role: .blo, sector: sector)
        #expect(op.scope == .nothing)
        #expect(!op.scope.allows(sector: "KZ-EAST"))
        #expect(!op.scope.allows(sector: ""))
        #expect(op.scope.sectorFilter == "")
        #expect(!op.scope.isEverything)
    }

    @Test func sectorFilters() {
        #expect(Scope.everything.sectorFilter == nil)
        #expect(Scope.sector("KG-SOUTH").sectorFilter == "KG-SOUTH")
        #expect(Scope.sector("KG-SOUTH").allows(sector: "KG-SOUTH"))
        #expect(!Scope.sector("KG-SOUTH").allows(sector: "KZ-EAST"))
    }

    @Test func postsInScope() throws {
        let r = try Registry.parseCSV("""
            code,name_en,name_ru,country,neighbour,kind,sector,lat,lon
            KZ-KHR,Khorgos,Хоргос,KZ,CN,bcp,KZ-EAST,44.21,80.34
            KG-OSH,Osh,Ош,KG,UZ,bcp,KG-SOUTH,40.5,72.8
            """, source: "t.csv")
        let blo = Scope.sector("KZ-EAST")
        #expect(blo.allows(post: "KZ-KHR", in: r))
        #expect(!blo.allows(post: "KG-OSH", in: r))
        #expect(!blo.allows(post: "NO-SUCH", in: r))
        #expect(Scope.everything.allows(post: "NO-SUCH", in: r))
        #expect(blo.posts(of: r).map(\.code) == ["KZ-KHR"])
        #expect(Scope.nothing.posts(of: r).isEmpty)
    }

    /// A registry post without a sector would be in no officer's view, and the empty sector is
    /// what `.nothing` filters on: refused.
    @Test func aPostWithoutASectorIsRefused() {
        #expect(throws: RegistryError.self) {
            try Registry.parseCSV("""
                code,name_en,name_ru,country,neighbour,kind,sector,lat,lon
                KZ-KHR,Khorgos,Хоргос,KZ,CN,bcp,,44.21,80.34
                """, source: "t.csv")
        }
    }

    /// The roles table of Docs/http.md, as one table.
    @Test func permissions() {
        let expected: [Operator.Role: Set<Permission>] = [
            .duty: [.acknowledge, .take, .assign, .note, .resolve, .silence, .discardQuarantine, .seeQuarantine],
            .supervisor: Set(Permission.allCases),
            .blo: [.acknowledge, .take, .note],
        ]
        for role in Operator.Role.allCases {
            let op = Operator(name: "x", role: role, sector: role == .blo ? "KZ-EAST" : nil)
            #expect(Set(Permission.allCases.filter(op.may)) == expected[role]!, "\(role)")
        }
    }
}
