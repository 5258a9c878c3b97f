/// Country codes and names the map needs beyond what the basemap files carry.
public enum CountryNames {
    /// Natural Earth ADM0_A3 → ISO 3166-1 alpha-2 for the features of the basemap.
    static let a3ToIso2: [String: String] = [
        "AFG": "AF", "ARM": "AM", "AZE": "AZ", "BTN": "BT", "CHN": "CN", "GEO": "GE", "IND": "IN",
        "IRN": "IR", "IRQ": "IQ", "KAZ": "KZ", "KGZ": "KG", "KWT": "KW", "MNG": "MN", "NPL": "NP",
        "PAK": "PK", "RUS": "RU", "SAU": "SA", "TJK": "TJ", "TKM": "TM", "TUR": "TR", "UZB": "UZ",
    ]

    static func iso2(a3: String) -> String { a3ToIso2[a3] ?? "" }

    /// Russian names of the basemap's countries (by ISO-2), for `russian: true`.
    public static let russian: [String: String] = [
        "AF": "Афганистан", "AM": "Армения", "AZ": "Азербайджан", "BT": "Бутан", "CN": "Китай",
        "GE": "Грузия", "IN": "Индия", "IR": "Иран", "IQ": "Ирак", "KZ": "Казахстан", "KG": "Кыргызстан",
        "KW": "Кувейт", "MN": "Монголия", "NP": "Непал", "PK": "Пакистан", "RU": "Россия",
        "SA": "Саудовская Аравия", "TJ": "Таджикистан", "TM": "Туркменистан", "TR": "Турция", "UZ": "Узбекистан",
    ]

    /// Russian names of the water bodies, by their Natural Earth name.
    public static let russianWater: [String: String] = [
        "Caspian Sea": "Каспийское море", "Aral Sea": "Аральское море", "Lake Balkhash": "оз. Балхаш", "Ysyk Kol": "оз. Иссык-Куль",
    ]

    /// Approximate points (capital or centre) of countries beyond the basemap that routes name,
    /// so route lines can run off the map in the right direction.
    static let farAnchors: [String: GeoPoint] = [
        "BY": GeoPoint(lon: 27.6, lat: 53.9), "UA": GeoPoint(lon: 30.5, lat: 50.4), "PL": GeoPoint(lon: 21.0, lat: 52.2),
        "DE": GeoPoint(lon: 13.4, lat: 52.5), "NL": GeoPoint(lon: 4.9, lat: 52.4), "AE": GeoPoint(lon: 55.3, lat: 25.2),
        "OM": GeoPoint(lon: 58.4, lat: 23.6), "QA": GeoPoint(lon: 51.5, lat: 25.3), "BH": GeoPoint(lon: 50.6, lat: 26.2),
        "KR": GeoPoint(lon: 127.0, lat: 37.6), "JP": GeoPoint(lon: 139.7, lat: 35.7), "TH": GeoPoint(lon: 100.5, lat: 13.8),
        "BR": GeoPoint(lon: -47.9, lat: -15.8), "CO": GeoPoint(lon: -74.1, lat: 4.7), "EC": GeoPoint(lon: -78.5, lat: -0.2),
        "SY": GeoPoint(lon: 36.3, lat: 33.5), "LB": GeoPoint(lon: 35.5, lat: 33.9), "JO": GeoPoint(lon: 35.9, lat: 31.9),
        "EG": GeoPoint(lon: 31.2, lat: 30.0), "BD": GeoPoint(lon: 90.4, lat: 23.8), "MM": GeoPoint(lon: 96.1, lat: 19.7),
        "LA": GeoPoint(lon: 102.6, lat: 18.0), "VN": GeoPoint(lon: 105.8, lat: 21.0), "MY": GeoPoint(lon: 101.7, lat: 3.1),
    ]
}

/// Reads the GeoNames cities CSV (`name,asciiname,countrycode,lat,lon,population`), any column
/// order, RFC 4180 quotes allowed. Rows with unreadable coordinates are skipped.
enum CityCSV {
    static func parse(_ bytes: [UInt8], file: String) throws -> [GeoCity] {
        var rows: [[String]] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var i = 0
        func endField() { fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true) }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { inQuotes = false }
                } else { field.append(b) }
            } else if b == UInt8(ascii: "\"") {
                inQuotes = true
            } else if b == UInt8(ascii: ",") {
                endField()
            } else if b == 0x0A || b == 0x0D {
                endField()
                if !(fields.count == 1 && fields[0].isEmpty) { rows.append(fields) }
                fields.removeAll(keepingCapacity: true)
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty { endField(); rows.append(fields) }
        guard let header = rows.first else { throw GeoDataError(file: file, problem: "is empty") }
        var col: [String: Int] = [:]
        for (k, name) in header.enumerated() { col[name.lowercased()] = k }
        let needed = ["name", "countrycode", "lat", "lon", "population"]
        let missing = needed.filter { col[$0] == nil }
        guard missing.isEmpty else {
            throw GeoDataError(file: file, problem: "lacks column(s) \(missing.joined(separator: ", ")) in its header")
        }
        var cities: [GeoCity] = []
        cities.reserveCapacity(rows.count)
        for r in rows.dropFirst() {
            func f(_ n: String) -> String { let k = col[n] ?? -1; return k >= 0 && k < r.count ? r[k] : "" }
            guard let lat = Double(f("lat")), let lon = Double(f("lon")) else { continue }
            let name = f("name")
            let ascii = f("asciiname")
            cities.append(GeoCity(name: name, asciiName: ascii.isEmpty ? name : ascii, country: f("countrycode"),
                                  lat: lat, lon: lon, population: Int(f("population")) ?? 0))
        }
        cities.sort { $0.population != $1.population ? $0.population > $1.population : $0.name < $1.name }
        return cities
    }
}
