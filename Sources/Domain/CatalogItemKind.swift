/// What a catalog item sells: time (a service, usually by the hour) or a thing (a product).
public enum CatalogItemKind: String, CaseIterable, Sendable, Codable {
    case service, product

    public var label: String { self == .service ? "Service" : "Product" }
}
