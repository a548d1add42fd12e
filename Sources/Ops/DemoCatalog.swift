import Domain

/// The demo firm's tax rates, catalog and projects, entered through the same drafts the
/// forms fill in (amounts as people type them).
enum DemoCatalog {
    static let taxRates: [TaxRateDraft] = [
        TaxRateDraft(name: "Sales tax", rate: "8.25", isDefault: true),
        TaxRateDraft(name: "Reduced rate", rate: "4.5"),
        TaxRateDraft(name: "Zero-rated", rate: "0"),
    ]

    /// Items; `taxRate` is the index in `taxRates`, or nil for no tax.
    static let items: [(draft: CatalogItemDraft, taxRate: Int?)] = [
        (CatalogItemDraft(kind: "service", name: "Design", description: "Brand, layout and interface design.", unit: "hour", unitPrice: "135.00"), 0),
        (CatalogItemDraft(kind: "service", name: "Development", description: "Front- and back-end web development.", unit: "hour", unitPrice: "150.00"), 0),
        (CatalogItemDraft(kind: "service", name: "Consulting", description: "Workshops, audits and advice.", unit: "hour", unitPrice: "180.00"), 0),
        (CatalogItemDraft(kind: "service", name: "Copywriting", unit: "hour", unitPrice: "95.00"), 0),
        (CatalogItemDraft(kind: "service", name: "Photography", description: "On-location product shoots.", unit: "day", unitPrice: "1,200.00"), 0),
        (CatalogItemDraft(kind: "service", name: "Project management", unit: "hour", unitPrice: "110.00"), 1),
        (CatalogItemDraft(kind: "product", name: "Website hosting (annual)", unit: "year", unitPrice: "240.00"), 0),
        (CatalogItemDraft(kind: "product", name: "Printed brand guide", unit: "item", unitPrice: "45.00"), 2),
    ]

    /// Projects; `client` is the index in `DemoClients.all`, `members` indexes into the
    /// firm's people (0 owner, 1 manager, 2 staff, 3 viewer), `status` where it ends up.
    /// How many demo clients the projects below need (their highest client index + 1).
    static var clientsNeeded: Int { (projects.map(\.client).max() ?? 0) + 1 }

    static let projects: [(client: Int, draft: ProjectDraft, members: [Int], status: ProjectStatus)] = [
        (0, ProjectDraft(name: "Brand refresh", code: "HCR-BRAND", billingType: "fixed_fee", fixedFee: "8,500.00",
                         budgetHours: "60", notes: "Logo, palette, packaging system."), [0, 2], .done),
        (0, ProjectDraft(name: "Packaging photography", code: "HCR-PHOTO", billingType: "hourly", hourlyRate: "135.00",
                         budgetHours: "24", budgetAmount: "3,240.00"), [2], .active),
        (1, ProjectDraft(name: "Website retainer", code: "WOL-WEB", billingType: "hourly", hourlyRate: "150.00",
                         budgetHours: "20", notes: "Monthly retainer: 20 hours."), [1, 2], .active),
        (3, ProjectDraft(name: "Spring catalog shoot", code: "KOG-SPR", billingType: "hourly", hourlyRate: "135.00",
                         budgetAmount: "12,000.00"), [0, 2], .onHold),
        (4, ProjectDraft(name: "Online shop build", code: "IBC-SHOP", billingType: "fixed_fee", fixedFee: "14,000.00",
                         budgetHours: "110", budgetAmount: "14,000.00"), [1, 2], .active),
        (2, ProjectDraft(name: "Volunteer portal (pro bono)", billingType: "non_billable", budgetHours: "30"), [0], .archived),
    ]
}
