import Domain

/// Deterministic, varied client data in any quantity, for benchmarks and load tests.
public enum GeneratedClients {
    static let firstNames = ["Ava", "Ben", "Chloe", "Diego", "Elif", "Farah", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Lena",
                             "Mateo", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Vik", "Wen", "Yara", "Zoe"]
    static let lastNames = ["Abbott", "Baker", "Castro", "Dubois", "Evans", "Fischer", "Garcia", "Horvat", "Ito", "Jensen",
                            "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quist", "Rossi", "Silva",
                            "Tanaka", "Ulrich", "Varga", "Weber", "Xu", "Young"]
    static let businesses = ["Studio", "Bakery", "Dental", "Logistics", "Realty", "Brewing", "Yoga", "Hardware", "Consulting",
                             "Robotics", "Design", "Law", "Clinic", "Farms", "Media"]

    public static func drafts(count: Int) -> [ClientDraft] {
        (0..<max(0, count)).map { index in
            let first = firstNames[index % firstNames.count]
            let last = lastNames[(index / firstNames.count) % lastNames.count]
            let business = businesses[index % businesses.count]
            return ClientDraft(name: "\(first) \(last) \(index)", email: "\(first.lowercased()).\(last.lowercased()).\(index)@example.com",
                               companyName: "\(last) \(business)", phone: "+1 555 \(String(1000 + index % 9000))")
        }
    }
}
